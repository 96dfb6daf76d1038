import { parseDeploymentSourceAnnotation as parse } from './deploymentSource';

describe('parseDeploymentSourceAnnotation', () => {
  it('splits provider and locator at the first colon', () => {
    expect(parse('github-actions:acme/checkout/deploy.yml')).toEqual({
      ok: true,
      value: { provider: 'github-actions', target: 'acme/checkout/deploy.yml' },
    });
    expect(parse('kubernetes:prod:checkout')).toEqual({
      ok: true,
      value: { provider: 'kubernetes', target: 'prod:checkout' },
    });
  });

  it.each([
    ['argocd', ''],
    ['argocd:', ''],
    ['ArgoCD:checkout', ' (the provider is lower-case)'],
    ['argocd:two words', ''],
  ])('rejects %p', (value, hint) => {
    expect(parse(value)).toEqual({
      ok: false,
      message: `reliability/deployment-source: expected <provider>:<locator> such as github-actions:acme/checkout/deploy.yml, got ${JSON.stringify(
        value,
      )}${hint}`,
    });
  });
});
