import { Entity } from '@backstage/catalog-model';
import { collectRunbooks, MAX_RUNBOOKS } from './collectRunbooks';
import { runbookId } from './resolveRunbookUrl';

const location = (file: string) => ({
  'backstage.io/managed-by-location': `file:/repo/catalog/${file}`,
});

function service(links: Entity['metadata']['links']): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      annotations: location('components/payments-api/catalog-info.yaml'),
      links,
    },
  };
}

function slo(name: string, runbook?: string, displayName?: string): Entity {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name,
      namespace: 'default',
      displayName,
      annotations: {
        ...location('components/payments-api/slos.yaml'),
        ...(runbook ? { 'reliability/slo-runbook': runbook } : {}),
      },
    },
  };
}

describe('collectRunbooks', () => {
  it('lists entity runbook links, then SLO runbook annotations', () => {
    const { runbooks, skipped } = collectRunbooks(
      service([
        {
          url: '../../runbooks/payments-api.md',
          title: 'Payments',
          type: 'runbook',
        },
        { url: 'https://grafana.acme.example/d/payments', type: 'dashboard' },
        { url: 'https://wiki.acme.example/payments', type: 'Runbook' },
      ]),
      [
        slo('payments-api-latency', './latency.md', 'Payments latency'),
        slo('payments-api-availability', 'https://wiki.acme.example/avail'),
        slo('payments-api-other'),
      ],
    );
    expect(skipped).toEqual([]);
    expect(runbooks).toEqual([
      {
        id: runbookId('file:///repo/catalog/runbooks/payments-api.md'),
        url: 'file:///repo/catalog/runbooks/payments-api.md',
        title: 'Payments',
        source: 'entity-link',
        format: 'markdown',
      },
      {
        id: runbookId('https://wiki.acme.example/payments'),
        url: 'https://wiki.acme.example/payments',
        title: 'payments',
        source: 'entity-link',
        format: 'link',
      },
      {
        id: runbookId('https://wiki.acme.example/avail'),
        url: 'https://wiki.acme.example/avail',
        title: 'payments-api-availability runbook',
        source: 'slo-annotation',
        slo: 'slo:default/payments-api-availability',
        format: 'link',
      },
      {
        id: runbookId(
          'file:///repo/catalog/components/payments-api/latency.md',
        ),
        url: 'file:///repo/catalog/components/payments-api/latency.md',
        title: 'Payments latency runbook',
        source: 'slo-annotation',
        slo: 'slo:default/payments-api-latency',
        format: 'markdown',
      },
    ]);
  });

  it('lists a URL named twice once, with its first source', () => {
    const { runbooks } = collectRunbooks(
      service([{ url: '../../runbooks/payments-api.md', type: 'runbook' }]),
      [slo('payments-api-latency', '../../runbooks/payments-api.md')],
    );
    expect(runbooks).toHaveLength(1);
    expect(runbooks[0]).toMatchObject({
      source: 'entity-link',
      title: 'payments-api.md',
    });
  });

  it('skips values that are not http(s) URLs or relative paths', () => {
    const { runbooks, skipped } = collectRunbooks(
      service([
        // eslint-disable-next-line no-script-url -- the input under test
        { url: 'javascript:alert(document.cookie)', type: 'runbook' },
        { url: 'file:///etc/passwd', type: 'runbook' },
      ]),
      [slo('payments-api-latency', 'data:text/html,<script>x</script>')],
    );
    expect(runbooks).toEqual([]);
    expect(skipped.map(s => s.from)).toEqual([
      'component:default/payments-api metadata.links[0]',
      'component:default/payments-api metadata.links[1]',
      'slo:default/payments-api-latency reliability/slo-runbook',
    ]);
  });

  it('looks at most at MAX_RUNBOOKS', () => {
    const links = Array.from({ length: MAX_RUNBOOKS + 5 }, (_, i) => ({
      url: `https://wiki.acme.example/${i}`,
      type: 'runbook',
    }));
    expect(collectRunbooks(service(links), []).runbooks).toHaveLength(
      MAX_RUNBOOKS,
    );
  });
});
