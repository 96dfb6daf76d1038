import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { SCORECARD_FACTS as F } from '@reliability-kit/plugin-reliability-common';
import { CatalogReads } from '../../service/uncompressedCatalog';
import { runbookFacts, scorecardRunbookReader } from './runbookFacts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);

const component = (name: string, slos: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    etag: `etag-${name}`,
    links: [{ url: `https://wiki.acme.example/${name}.md`, type: 'runbook' }],
  },
  spec: {},
  relations: slos.map(slo => ({ type: 'measuredBy', targetRef: slo })),
});

const slo: Entity = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: {
    name: 'Checkout-Availability',
    namespace: 'default',
    etag: 'etag-slo',
    annotations: {
      'reliability/slo-runbook': 'https://wiki.acme.example/slo.md',
    },
  },
  spec: {},
};

/** A catalog with one SLO, answering lists and lookups by ref. */
function fakeCatalog(calls: string[]): CatalogReads {
  return {
    getEntities: async request => {
      const filter = request?.filter as Record<string, unknown>;
      const exists = Object.entries(filter)
        .filter(([, value]) => value === CATALOG_FILTER_EXISTS)
        .map(([key]) => key);
      calls.push(`list kind=${filter.kind} with ${exists.join(',')}`);
      return { items: [slo] };
    },
    getEntitiesByRefs: async request => {
      calls.push(`refs ${request.entityRefs.join(',')}`);
      return {
        items: request.entityRefs.map(ref =>
          ref.toLowerCase() === 'slo:default/checkout-availability'
            ? slo
            : undefined,
        ),
      };
    },
    getEntityByRef: async () => undefined,
  };
}

/** Markdown runbooks reviewed `daysAgo`, with ETags; counts the reads. */
function fakeReader(daysAgo: Record<string, number>) {
  const reads: Array<{ url: string; etag?: string }> = [];
  const reader: UrlReaderService = {
    readUrl: async (url, options) => {
      reads.push({ url, etag: options?.etag });
      if (options?.etag === `v-${url}`) throw new NotModifiedError();
      const day = new Date(NOW - (daysAgo[url] ?? 1) * DAY).toISOString();
      const text = `---\nlast_reviewed: ${day.slice(0, 10)}\n---\n# Runbook\n`;
      return { buffer: async () => Buffer.from(text), etag: `v-${url}` };
    },
    readTree: async () => {
      throw new Error('not used');
    },
    search: async () => {
      throw new Error('not used');
    },
  };
  return { reader, reads };
}

describe('runbookFacts', () => {
  const ttlMs = 3_600_000;

  function setUp() {
    const calls: string[] = [];
    const { reader, reads } = fakeReader({
      'https://wiki.acme.example/a.md': 10,
      'https://wiki.acme.example/b.md': 400,
      'https://wiki.acme.example/slo.md': 3,
    });
    const provider = runbookFacts(scorecardRunbookReader(reader), {
      catalog: fakeCatalog(calls),
      auth: mockServices.auth(),
      ttlMs,
    });
    return { provider, calls, reads };
  }

  it('counts runbooks and takes the latest review, the SLO’s included', async () => {
    const { provider, calls } = setUp();
    const facts = await provider.retrieve({
      entities: [
        component('a', ['slo:default/checkout-availability']),
        component('b'),
      ],
      now: NOW,
      signal: new AbortController().signal,
    });
    expect(facts.get('component:default/a')).toEqual({
      [F.runbookCount]: 2,
      [F.runbookDaysSinceReview]: 3,
    });
    expect(facts.get('component:default/b')).toEqual({
      [F.runbookCount]: 1,
      [F.runbookDaysSinceReview]: 400,
    });
    // A few entities: their SLOs by ref.
    expect(calls).toEqual(['refs slo:default/checkout-availability']);
  });

  it('reads each URL once within the TTL, then asks with its ETag', async () => {
    const { provider, reads } = setUp();
    const entities = [component('a'), component('a2'), component('b')];
    entities[1].metadata.links = entities[0].metadata.links;
    const run = (now: number) =>
      provider.retrieve({
        entities,
        now,
        signal: new AbortController().signal,
      });
    await run(NOW);
    await run(NOW + 60_000);
    expect(reads).toEqual([
      { url: 'https://wiki.acme.example/a.md', etag: undefined },
      { url: 'https://wiki.acme.example/b.md', etag: undefined },
    ]);
    const later = await run(NOW + ttlMs + 1);
    expect(reads.slice(2)).toEqual([
      {
        url: 'https://wiki.acme.example/a.md',
        etag: 'v-https://wiki.acme.example/a.md',
      },
      {
        url: 'https://wiki.acme.example/b.md',
        etag: 'v-https://wiki.acme.example/b.md',
      },
    ]);
    // Not modified: the review date read before stands.
    expect(later.get('component:default/a')?.[F.runbookDaysSinceReview]).toBe(
      10,
    );
  });

  it('lists only the SLOs that name a runbook for a run over many entities', async () => {
    const { provider, calls } = setUp();
    const entities = Array.from({ length: 101 }, (_, i) =>
      component(`svc-${i}`, ['slo:default/checkout-availability']),
    );
    const facts = await provider.retrieve({
      entities,
      now: NOW,
      signal: new AbortController().signal,
    });
    expect(calls).toEqual([
      'list kind=SLO with metadata.annotations.reliability/slo-runbook',
    ]);
    expect(facts.get('component:default/svc-7')?.[F.runbookCount]).toBe(2);
  });
});
