import {
  RunbookDocument,
  RunbookList,
} from '@reliability-kit/plugin-reliability-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  ReliabilityTestBackend,
  startReliabilityTestBackend,
} from '../__testUtils__/startReliabilityTestBackend';
import { waitUntil } from '../__testUtils__/waitUntil';
import { runbookId } from './resolveRunbookUrl';

const DAY = 86_400_000;

/** A git host stand-in: serves files, with Last-Modified where given. */
function startServer(
  files: Record<string, { body: string; lastModified?: number }>,
) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/plain',
      ...(file.lastModified
        ? { 'last-modified': new Date(file.lastModified).toUTCString() }
        : {}),
    });
    res.end(file.body);
  });
  return new Promise<{ port: number; requests: string[]; close(): void }>(
    resolve =>
      server.listen(0, '127.0.0.1', () =>
        resolve({
          port: (server.address() as AddressInfo).port,
          requests,
          close: () => server.close(),
        }),
      ),
  );
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

describe('runbook routes', () => {
  const now = Date.now();
  let backend: ReliabilityTestBackend;
  let git: Awaited<ReturnType<typeof startServer>>;
  let internal: Awaited<ReturnType<typeof startServer>>;
  let gitBase: string;

  beforeAll(async () => {
    // An internal service that no catalog file may make the backend read.
    internal = await startServer({ '/secret.md': { body: '# Secret' } });
    const files: Record<string, { body: string; lastModified?: number }> = {
      '/runbooks/fresh.md': {
        body: `---\ntitle: Payments API runbook\nlast_reviewed: ${day(
          now - 10 * DAY,
        )}\n---\n# Payments API\n\n## Symptoms\n`,
      },
      '/runbooks/stale.md': {
        body: '---\nlast_reviewed: 2020-01-31\n---\n# Refunds\n',
        lastModified: now - DAY,
      },
      '/runbooks/no-front-matter.md': {
        body: '# Card declines\n',
        lastModified: now - 2 * DAY,
      },
      '/runbooks/bad-date.md': {
        body: '---\nlast_reviewed: soon\n---\n# Bad date\n',
      },
      '/services/latency.md': {
        body: '---\nlast_reviewed: 2025-01-01\n---\n# Latency\n',
      },
    };
    git = await startServer(files);
    gitBase = `http://127.0.0.1:${git.port}`;
    files['/services/catalog-info.yaml'] = {
      body: `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  links:
    - { url: '${gitBase}/runbooks/fresh.md', title: Payments, type: runbook }
    - { url: '${gitBase}/runbooks/stale.md', type: runbook }
    - { url: '${gitBase}/runbooks/no-front-matter.md', type: runbook }
    - { url: '${gitBase}/runbooks/bad-date.md', type: runbook }
    - { url: '${gitBase}/runbooks/missing.md', title: Missing, type: runbook }
    - { url: 'https://wiki.acme.example/payments', title: Wiki, type: runbook }
    - { url: 'http://127.0.0.1:${internal.port}/secret.md', title: Internal, type: runbook }
    - { url: 'https://grafana.acme.example/d/payments', type: dashboard }
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: payments-latency
  annotations:
    reliability/slo-runbook: ./latency.md
spec:
  service: payments-api
  indicator:
    metadata: { name: payments-p99 }
    spec:
      thresholdMetric:
        metricSource: { type: BuiltIn, spec: { gauge: p99 } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ op: lt, value: 0.3, target: 0.99 }]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: cart-service }
spec: { type: service, lifecycle: production, owner: payments }
`,
    };
    backend = await startReliabilityTestBackend({
      catalogYaml: '',
      catalogLocations: [
        { type: 'url', target: `${gitBase}/services/catalog-info.yaml` },
      ],
      // Only the git host is readable; the internal service is not.
      rootConfig: {
        backend: { reading: { allow: [{ host: `127.0.0.1:${git.port}` }] } },
      },
      waitFor: 'slo/default/payments-latency',
    });
    // The service's measuredBy relation comes with a later stitch.
    let last: any;
    await waitUntil(
      async () => {
        ({ body: last } = await backend.get(
          '/v1/entities/component/default/payments-api/runbooks',
        ));
        return last.items?.some((i: { slo?: string }) => i.slo);
      },
      () => JSON.stringify(last),
    );
  }, 90_000);

  afterAll(async () => {
    await backend?.stop();
    git?.close();
    internal?.close();
  });

  const list = async (name: string) => {
    const { status, body } = await backend.get(
      `/v1/entities/component/default/${name}/runbooks`,
    );
    expect(status).toBe(200);
    return body as RunbookList;
  };

  it('lists markdown runbooks with freshness, links, and failed reads', async () => {
    const body = await list('payments-api');
    expect(body.entity).toBe('component:default/payments-api');
    expect(body.maxAgeDays).toBe(180);
    const byUrl = Object.fromEntries(
      body.items.map(({ id: _id, ...item }) => [item.url, item]),
    );
    expect(Object.keys(byUrl)).toEqual([
      `${gitBase}/runbooks/fresh.md`,
      `${gitBase}/runbooks/stale.md`,
      `${gitBase}/runbooks/no-front-matter.md`,
      `${gitBase}/runbooks/bad-date.md`,
      `${gitBase}/runbooks/missing.md`,
      'https://wiki.acme.example/payments',
      `http://127.0.0.1:${internal.port}/secret.md`,
      `${gitBase}/services/latency.md`,
    ]);
    expect(byUrl[`${gitBase}/runbooks/fresh.md`]).toEqual({
      title: 'Payments API runbook',
      url: `${gitBase}/runbooks/fresh.md`,
      source: 'entity-link',
      format: 'markdown',
      lastReviewed: Date.parse(day(now - 10 * DAY)),
      lastReviewedSource: 'front-matter',
      freshness: 'fresh',
    });
    // Front matter wins over a recent change of the file.
    expect(byUrl[`${gitBase}/runbooks/stale.md`]).toMatchObject({
      title: 'Refunds',
      lastReviewed: Date.UTC(2020, 0, 31),
      lastReviewedSource: 'front-matter',
      freshness: 'stale',
    });
    expect(byUrl[`${gitBase}/runbooks/no-front-matter.md`]).toMatchObject({
      title: 'Card declines',
      lastReviewedSource: 'file-change',
      freshness: 'fresh',
    });
    expect(
      byUrl[`${gitBase}/runbooks/no-front-matter.md`].lastReviewed,
    ).toBeCloseTo(now - 2 * DAY, -4);
    // No date anywhere: unknown, and the author is told why.
    expect(byUrl[`${gitBase}/runbooks/bad-date.md`]).toMatchObject({
      freshness: 'unknown',
      warnings: [
        'front matter last_reviewed: expected a date such as 2026-11-02, got "soon"; the file\'s last change is used instead',
      ],
    });
    expect(byUrl[`${gitBase}/runbooks/missing.md`]).toMatchObject({
      title: 'Missing',
      format: 'markdown',
      freshness: 'unknown',
      error: expect.stringContaining('404'),
    });
    expect(byUrl['https://wiki.acme.example/payments']).toEqual({
      title: 'Wiki',
      url: 'https://wiki.acme.example/payments',
      source: 'entity-link',
      format: 'link',
      freshness: 'unknown',
    });
    expect(byUrl[`${gitBase}/services/latency.md`]).toMatchObject({
      title: 'Latency',
      source: 'slo-annotation',
      slo: 'slo:default/payments-latency',
      freshness: 'stale',
    });
  });

  it('never reads hosts that are not integrations or allowed for reading', async () => {
    const body = await list('payments-api');
    const refused = body.items.find(i => i.title === 'Internal');
    expect(refused).toMatchObject({ format: 'markdown', freshness: 'unknown' });
    expect(refused?.error).toContain('not allowed');
    expect(internal.requests).toEqual([]);
  });

  it('reads each runbook once within the cache TTL', async () => {
    await list('payments-api');
    await list('payments-api');
    expect(
      git.requests.filter(r => r === '/runbooks/fresh.md').length,
    ).toBeLessThanOrEqual(1);
  });

  it('answers one runbook with its markdown', async () => {
    const id = runbookId(`${gitBase}/runbooks/fresh.md`);
    const { status, body } = await backend.get(
      `/v1/entities/component/default/payments-api/runbooks/${id}`,
    );
    expect(status).toBe(200);
    expect(body as RunbookDocument).toMatchObject({
      id,
      title: 'Payments API runbook',
      freshness: 'fresh',
      markdown: '# Payments API\n\n## Symptoms\n',
    });
    const link = await backend.get(
      `/v1/entities/component/default/payments-api/runbooks/${runbookId(
        'https://wiki.acme.example/payments',
      )}`,
    );
    expect(link.body).toMatchObject({ format: 'link', markdown: '' });
  });

  it('answers an empty list for a service without runbooks', async () => {
    expect((await list('cart-service')).items).toEqual([]);
  });

  it('answers 404 for an unknown entity or runbook id', async () => {
    const entity = await backend.get(
      '/v1/entities/component/default/nope/runbooks',
    );
    expect(entity.status).toBe(404);
    expect(entity.body.error.message).toBe(
      'component:default/nope is not in the catalog',
    );
    const id = await backend.get(
      '/v1/entities/component/default/payments-api/runbooks/0123456789ab',
    );
    expect(id.status).toBe(404);
    expect(id.body.error.message).toBe(
      'component:default/payments-api has no runbook with id 0123456789ab',
    );
  });

  it('answers 400 naming a bad parameter', async () => {
    const id = await backend.get(
      '/v1/entities/component/default/payments-api/runbooks/..%2Fetc',
    );
    expect(id.status).toBe(400);
    expect(id.body.error.message).toContain('id: expected a runbook id');
    const query = await backend.get(
      '/v1/entities/component/default/payments-api/runbooks?fetch=all',
    );
    expect(query.status).toBe(400);
    expect(query.body.error.message).toContain('fetch');
  });
});
