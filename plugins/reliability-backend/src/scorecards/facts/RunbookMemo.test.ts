import { Entity } from '@backstage/catalog-model';
import { RunbookMemo } from './RunbookMemo';

const component = (etag: string | undefined, url: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    ...(etag ? { etag } : {}),
    links: [{ url, type: 'runbook' }],
  },
  spec: {},
});

const slo = (etag: string, runbook: string): Entity => ({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: {
    name: 'checkout-availability',
    namespace: 'default',
    etag,
    annotations: { 'reliability/slo-runbook': runbook },
  },
  spec: {},
});

describe('RunbookMemo', () => {
  const a = 'https://wiki.acme.example/checkout.md';
  const b = 'https://wiki.acme.example/checkout-v2.md';
  const c = 'https://wiki.acme.example/slo.md';

  it('keeps the runbooks while the entity and its SLOs keep their etags', () => {
    const memo = new RunbookMemo();
    expect(memo.of(component('e1', a), [slo('s1', c)])).toEqual({
      count: 2,
      markdown: [a, c],
    });
    // Same etags: the remembered answer, even if the content differed.
    expect(memo.of(component('e1', b), [slo('s1', c)]).markdown).toEqual([
      a,
      c,
    ]);
    expect(memo.of(component('e2', b), [slo('s1', c)]).markdown).toEqual([
      b,
      c,
    ]);
    expect(memo.of(component('e2', b), []).markdown).toEqual([b]);
  });

  it('remembers nothing for entities without an etag', () => {
    const memo = new RunbookMemo();
    expect(memo.of(component(undefined, a), []).markdown).toEqual([a]);
    expect(memo.of(component(undefined, b), []).markdown).toEqual([b]);
  });
});
