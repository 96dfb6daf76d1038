import { mockServices } from '@backstage/backend-test-utils';
import type { SliEventBatch } from '@reliability-kit/plugin-reliability-common';
import { demoEvents, MINUTE_MS, profileFor, type DemoSlo } from './history';
import { feedLiveMinutes } from './liveFeed';
import type { SeedFetch } from './seedDemoData';

function ratioSlo(name: string, target: number): DemoSlo {
  return {
    ref: `slo:default/${name}`,
    name,
    service: name.replace(/-(availability|latency)$/, ''),
    kind: 'ratio',
    budgetingMethod: 'Occurrences',
    target,
    thresholds: [],
    profile: profileFor(name),
  };
}

const search = ratioSlo('search-api-availability', 0.995);
const cart = ratioSlo('cart-service-availability', 0.999);

const from = Date.parse('2026-11-24T16:37:00Z');

interface Call {
  url: string;
  headers: Record<string, string>;
  batch: SliEventBatch;
}

function fakeFetch(
  answer: (batch: SliEventBatch) => {
    status: number;
    body?: unknown;
  } = () => ({
    status: 200,
    body: { accepted: 1, duplicate: false },
  }),
) {
  const calls: Call[] = [];
  const fetch = jest.fn<ReturnType<SeedFetch>, Parameters<SeedFetch>>(
    async (url, init) => {
      const batch = JSON.parse(init.body ?? '') as SliEventBatch;
      calls.push({ url, headers: init.headers, batch });
      const { status, body } = answer(batch);
      return {
        status,
        text: async () => (body === undefined ? '' : JSON.stringify(body)),
      };
    },
  );
  return { fetch, calls };
}

function feed(
  fetch: SeedFetch,
  now: number,
  slos: DemoSlo[] = [search, cart],
  logger = mockServices.logger.mock(),
) {
  return feedLiveMinutes({
    slos,
    from,
    now,
    fetch,
    baseUrl: 'http://localhost:7007/',
    token: 'demo-seed-token',
    logger,
  });
}

function errorRatio(batch: SliEventBatch): number {
  let good = 0;
  let total = 0;
  for (const event of batch.events) {
    if ('good' in event && event.good !== undefined) {
      good += event.good;
      total += event.total;
    }
  }
  return 1 - good / total;
}

describe('feedLiveMinutes', () => {
  it('sends nothing while no minute has completed', async () => {
    const { fetch } = fakeFetch();
    await expect(feed(fetch, from)).resolves.toBe(from);
    await expect(feed(fetch, from + 59_999)).resolves.toBe(from);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the completed minutes of every SLO, one batch each', async () => {
    const { fetch, calls } = fakeFetch();
    // 16:40:30: the minutes 16:37, 16:38 and 16:39 are complete.
    const next = await feed(fetch, from + 3 * MINUTE_MS + 30_000);
    expect(next).toBe(from + 3 * MINUTE_MS);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.url).toBe(
        'http://localhost:7007/api/reliability/v1/sli-events',
      );
      expect(call.headers.Authorization).toBe('Bearer demo-seed-token');
      expect(call.batch.events.map(e => Number(e.timestamp))).toEqual([
        from,
        from + MINUTE_MS,
        from + 2 * MINUTE_MS,
      ]);
    }
    expect(calls.map(c => c.batch.idempotencyKey)).toEqual([
      'demo:slo:default/search-api-availability:2026-11-24T16:37:00.000Z:2026-11-24T16:40:00.000Z',
      'demo:slo:default/cart-service-availability:2026-11-24T16:37:00.000Z:2026-11-24T16:40:00.000Z',
    ]);
    expect(calls[1].batch.events.every(e => e.slo === cart.ref)).toBe(true);
    // The story is anchored at the end of the minutes sent.
    expect(calls[0].batch.events).toEqual(
      demoEvents(search, { start: from, end: next }, next),
    );
  });

  it('goes on from where the previous call stopped', async () => {
    const { fetch, calls } = fakeFetch();
    const next = await feed(fetch, from + 2 * MINUTE_MS, [cart]);
    const after = await feedLiveMinutes({
      slos: [cart],
      from: next,
      now: from + 3 * MINUTE_MS + 1,
      fetch,
      baseUrl: 'http://localhost:7007',
      token: 'demo-seed-token',
      logger: mockServices.logger.mock(),
    });
    expect(after).toBe(from + 3 * MINUTE_MS);
    expect(calls.map(c => c.batch.idempotencyKey)).toEqual([
      'demo:slo:default/cart-service-availability:2026-11-24T16:37:00.000Z:2026-11-24T16:39:00.000Z',
      'demo:slo:default/cart-service-availability:2026-11-24T16:39:00.000Z:2026-11-24T16:40:00.000Z',
    ]);
  });

  it('keeps the fast-burning SLO burning in live minutes', async () => {
    const { fetch, calls } = fakeFetch();
    await feed(fetch, from + 10 * MINUTE_MS);
    const [searchCall, cartCall] = calls;
    expect(searchCall.batch.events).toHaveLength(10);
    // A burn rate of about 30 on a 99.5 % target: some 15 % errors, far
    // above the budget, while the healthy SLO stays within its budget.
    expect(errorRatio(searchCall.batch)).toBeGreaterThan(0.05);
    expect(errorRatio(cartCall.batch)).toBeLessThan(0.001);
    // Anchored at the history's end instead, the same minutes would only
    // carry background traffic.
    const background = demoEvents(
      search,
      { start: from, end: from + 10 * MINUTE_MS },
      from,
    );
    expect(
      errorRatio({ idempotencyKey: 'x', events: background }),
    ).toBeLessThan(0.005);
  });

  it('logs a failed POST and does not throw', async () => {
    const logger = mockServices.logger.mock();
    const fetch = jest.fn<ReturnType<SeedFetch>, Parameters<SeedFetch>>(
      async (_url, init) => {
        const batch = JSON.parse(init.body ?? '') as SliEventBatch;
        if (batch.events[0].slo === search.ref) {
          throw new TypeError('fetch failed');
        }
        return { status: 503, text: async () => 'Service Unavailable' };
      },
    );
    const next = await feed(
      fetch,
      from + 2 * MINUTE_MS,
      [search, cart],
      logger,
    );
    expect(next).toBe(from + 2 * MINUTE_MS);
    expect(fetch).toHaveBeenCalledTimes(2);
    const warnings = (logger.warn as jest.Mock).mock.calls.map(c =>
      String(c[0]),
    );
    expect(warnings).toEqual([
      expect.stringContaining(
        'Demo live feed for slo:default/search-api-availability failed: TypeError: fetch failed',
      ),
      'Demo live feed for slo:default/cart-service-availability failed: HTTP 503 Service Unavailable',
    ]);
  });
});
