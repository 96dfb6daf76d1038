import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  DeploymentEvent,
  SliEventBatch,
} from '@reliability-kit/plugin-reliability-common';
import { demoChunks } from './chunks';
import { DEMO_DEPLOYING_SERVICES, demoDeployments } from './deployments';
import { DAY_MS } from './history';
import { seedDemoData, SeedFetch } from './seedDemoData';

function ratioSource(counter: string, type = 'BuiltIn') {
  return { metricSource: { type, spec: { counter } } };
}

function slo(name: string, spec: Record<string, unknown>) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default' },
    spec: {
      service: name.split('-')[0],
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.999 }],
      ...spec,
    },
  };
}

const entities = [
  slo('payments-api-availability', {
    indicator: {
      metadata: { name: 'payments-ratio' },
      spec: {
        ratioMetric: {
          counter: true,
          good: ratioSource('good'),
          total: ratioSource('total'),
        },
      },
    },
  }),
  slo('search-api-latency', {
    indicator: {
      metadata: { name: 'search-p99' },
      spec: {
        thresholdMetric: {
          metricSource: { type: 'Prometheus', spec: { query: 'up' } },
        },
      },
    },
    objectives: [{ op: 'lte', value: 0.3, target: 0.99 }],
  }),
  slo('inventory-service-availability', {
    indicatorRef: 'inventory-service-success-ratio',
  }),
  {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name: 'inventory-service-success-ratio', namespace: 'default' },
    spec: {
      ratioMetric: {
        counter: true,
        good: ratioSource('inventory_good'),
        total: ratioSource('inventory_total'),
      },
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  },
];

const now = Date.parse('2026-11-24T05:37:00Z');
const chunkCount = demoChunks(now).length; // 30 days + 5 hours + 05:00 to 05:37
/** Events of one SLO: one a minute from 30 days ago to 05:37 today. */
const eventsPerSlo = (30 * 24 + 5) * 60 + 37;
const historyUrl = (name: string) =>
  `http://localhost:7007/api/reliability/v1/slos/default/${name}/history?from=${
    now - 31 * DAY_MS
  }&to=${now}&step=86400000`;

/** A POST to the ingestion endpoint. */
interface Call {
  url: string;
  headers: Record<string, string>;
  batch: SliEventBatch;
}

/** A GET of an SLO's history. */
interface HistoryCall {
  url: string;
  headers: Record<string, string>;
}

/** A POST of deployments. */
interface DeploymentsCall {
  url: string;
  headers: Record<string, string>;
  deployments: DeploymentEvent[];
}

type Answer = { status: number; body?: unknown } | Error;

const deploymentsUrl = 'http://localhost:7007/api/reliability/v1/deployments';

function fakeFetch(
  answer: (batch: SliEventBatch, call: number) => Answer = batch => ({
    status: 200,
    body: { accepted: batch.events.length, duplicate: false },
  }),
  history: (url: string) => Answer = () => ({
    status: 200,
    body: { points: [] },
  }),
  deploymentsAnswer: (
    deployments: DeploymentEvent[],
    call: number,
  ) => Answer = deployments => ({
    status: 200,
    body: { created: deployments.length, updated: 0 },
  }),
) {
  const calls: Call[] = [];
  const gets: HistoryCall[] = [];
  const deploymentCalls: DeploymentsCall[] = [];
  const fetch = jest.fn<ReturnType<SeedFetch>, Parameters<SeedFetch>>(
    async (url, init) => {
      let result: Answer;
      if (init.method === 'GET') {
        gets.push({ url, headers: init.headers });
        result = history(url);
      } else if (url.endsWith('/v1/deployments')) {
        const { deployments } = JSON.parse(init.body ?? '') as {
          deployments: DeploymentEvent[];
        };
        deploymentCalls.push({ url, headers: init.headers, deployments });
        result = deploymentsAnswer(deployments, deploymentCalls.length);
      } else {
        const batch = JSON.parse(init.body ?? '') as SliEventBatch;
        calls.push({ url, headers: init.headers, batch });
        result = answer(batch, calls.length);
      }
      if (result instanceof Error) throw result;
      const { status, body } = result;
      return {
        status,
        text: async () => (body === undefined ? '' : JSON.stringify(body)),
      };
    },
  );
  return { fetch, calls, gets, deploymentCalls };
}

function setup(fetch: SeedFetch, catalogEntities = entities) {
  const logger = mockServices.logger.mock();
  const options = {
    catalog: catalogServiceMock({ entities: catalogEntities as any }),
    auth: mockServices.auth(),
    logger,
    fetch,
    baseUrl: 'http://localhost:7007/',
    token: 'demo-seed-token',
    now,
    sleep: jest.fn(async () => {}),
    timing: { concurrency: 3 },
  };
  return { options, logger };
}

function messages(mock: jest.Mock): string[] {
  return mock.mock.calls.map(call => String(call[0]));
}

describe('seedDemoData', () => {
  it('posts one batch per BuiltIn SLO and chunk, with fixed keys', async () => {
    const { fetch, calls, gets } = fakeFetch();
    const { options, logger } = setup(fetch);
    const summary = await seedDemoData(options);

    // First the history of each SLO, to see whether it holds data already.
    expect(fetch.mock.calls[0][1].method).toBe('GET');
    expect(gets.map(g => g.url).sort()).toEqual([
      historyUrl('inventory-service-availability'),
      historyUrl('payments-api-availability'),
    ]);
    for (const get of gets) {
      expect(get.headers.Authorization).toBe('Bearer demo-seed-token');
    }
    expect(summary.alreadySeeded).toEqual([]);
    expect(summary.live?.from).toBe(now);
    expect(summary.live?.slos.map(s => s.ref).sort()).toEqual([
      'slo:default/inventory-service-availability',
      'slo:default/payments-api-availability',
    ]);

    expect([...summary.slos].sort()).toEqual([
      'slo:default/inventory-service-availability',
      'slo:default/payments-api-availability',
    ]);
    expect(summary).toMatchObject({
      outcome: 'seeded',
      skipped: ['slo:default/search-api-latency'],
      batches: 2 * chunkCount,
      duplicates: 0,
      rejected: 0,
      failed: 0,
    });
    expect(calls).toHaveLength(2 * chunkCount);
    expect(calls[0].url).toBe(
      'http://localhost:7007/api/reliability/v1/sli-events',
    );
    expect(calls[0].headers.Authorization).toBe('Bearer demo-seed-token');
    const keys = calls.map(c => c.batch.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(
      'demo:slo:default/payments-api-availability:2026-10-25T00:00:00.000Z:2026-10-26T00:00:00.000Z',
    );
    expect(keys).toContain(
      'demo:slo:default/inventory-service-availability:2026-11-24T04:00:00.000Z:2026-11-24T05:00:00.000Z',
    );
    expect(keys).toContain(
      'demo:slo:default/inventory-service-availability:2026-11-24T05:00:00.000Z:2026-11-24T05:37:00.000Z',
    );
    // Nothing for the Prometheus SLO, nothing from the minute in progress.
    for (const { batch } of calls) {
      expect(batch.idempotencyKey).not.toContain('search-api-latency');
      expect(batch.events.length).toBeGreaterThan(0);
      expect(batch.events.length).toBeLessThanOrEqual(10_000);
      for (const event of batch.events) {
        expect(event.slo).not.toBe('slo:default/search-api-latency');
        expect(Number(event.timestamp)).toBeLessThan(now);
      }
    }
    const events = calls.reduce((n, c) => n + c.batch.events.length, 0);
    expect(events).toBe(2 * eventsPerSlo);
    expect(summary.accepted).toBe(events);
    const info = messages(logger.info as jest.Mock);
    expect(info.some(m => m.includes('search-api-latency'))).toBe(true);
    expect(info.filter(m => /\d+% \(/.test(m)).length).toBeGreaterThanOrEqual(
      8,
    );
    expect(info[info.length - 2]).toMatch(
      new RegExp(
        `seeded 2 SLOs in [\\d.]+ s: ${2 * eventsPerSlo} events accepted in ${
          2 * chunkCount
        } batches, 0 batches already seen`,
      ),
    );
  });

  it('counts duplicates when the server has seen the batches', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 200,
      body: { accepted: 0, duplicate: true },
    }));
    const { options, logger } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(summary).toMatchObject({
      outcome: 'seeded',
      accepted: 0,
      duplicates: 2 * chunkCount,
      duplicateEvents: 2 * eventsPerSlo,
    });
    const info = messages(logger.info as jest.Mock);
    expect(info[info.length - 2]).toContain(
      `${2 * chunkCount} batches already seen`,
    );
  });

  it('logs a rejected batch with its message and goes on', async () => {
    const rejectedKey =
      'demo:slo:default/payments-api-availability:2026-11-01T00:00:00.000Z:2026-11-02T00:00:00.000Z';
    const { fetch, calls } = fakeFetch(batch =>
      batch.idempotencyKey === rejectedKey
        ? {
            status: 400,
            body: {
              error: {
                name: 'InputError',
                message: 'Rejected SLI event batch, nothing was stored: boom',
              },
            },
          }
        : {
            status: 200,
            body: { accepted: batch.events.length, duplicate: false },
          },
    );
    const { options, logger } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(summary).toMatchObject({
      outcome: 'seeded',
      rejected: 1,
      failed: 0,
    });
    expect(calls).toHaveLength(2 * chunkCount);
    expect(messages(logger.warn as jest.Mock)).toEqual([
      `Demo SLI history: batch ${rejectedKey} was rejected: InputError: Rejected SLI event batch, nothing was stored: boom`,
    ]);
    expect(summary.accepted).toBe(2 * eventsPerSlo - 1440);
  });

  it('waits for the endpoint while the plugin starts', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    const { fetch, calls } = fakeFetch((batch, call) => {
      if (call === 1) return refused;
      if (call <= 3) return { status: call === 2 ? 404 : 503 };
      return {
        status: 200,
        body: { accepted: batch.events.length, duplicate: false },
      };
    });
    const { options } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(summary.outcome).toBe('seeded');
    expect(calls).toHaveLength(2 * chunkCount + 3);
    expect(
      new Set(calls.slice(0, 4).map(c => c.batch.idempotencyKey)).size,
    ).toBe(1);
    // One catalog poll to see the SLO count settle, then the backoff.
    expect(options.sleep.mock.calls.map(c => (c as unknown[])[0])).toEqual([
      5000, 1000, 2000, 4000,
    ]);
  });

  it('gives up when the endpoint does not come up within 2 minutes', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 503 }));
    const { options, logger } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(summary.outcome).toBe('endpoint-unavailable');
    const waited = options.sleep.mock.calls
      .slice(1)
      .reduce((sum, c) => sum + ((c as unknown[])[0] as number), 0);
    expect(waited).toBeGreaterThanOrEqual(120_000);
    expect(waited).toBeLessThan(140_000);
    expect(calls.length).toBeLessThan(15);
    expect(messages(logger.warn as jest.Mock)[0]).toMatch(
      /did not answer within 120 s \(HTTP 503/,
    );
  });

  it('stops when the token is refused', async () => {
    const { fetch, calls } = fakeFetch(() => ({
      status: 401,
      body: {
        error: { name: 'AuthenticationError', message: 'Illegal token' },
      },
    }));
    const { options, logger } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(summary.outcome).toBe('unauthorized');
    expect(calls).toHaveLength(1);
    expect(messages(logger.error as jest.Mock)[0]).toContain(
      'HTTP 401: AuthenticationError: Illegal token',
    );
  });

  it('retries a batch after a transient failure', async () => {
    const { fetch, calls } = fakeFetch((batch, call) =>
      call === 10
        ? { status: 503 }
        : {
            status: 200,
            body: { accepted: batch.events.length, duplicate: false },
          },
    );
    const { options } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(summary).toMatchObject({ outcome: 'seeded', failed: 0 });
    expect(calls).toHaveLength(2 * chunkCount + 1);
  });

  it('waits for the catalog to list SLOs, and for their number to settle', async () => {
    const { fetch, calls } = fakeFetch();
    const { options } = setup(fetch);
    const real = options.catalog.getEntities.bind(options.catalog);
    let poll = 0;
    options.catalog.getEntities = jest.fn(async (request, opts) => {
      const response = await real(request, opts);
      const filter = request?.filter as { kind?: string } | undefined;
      if (filter?.kind !== 'SLO') return response;
      poll += 1;
      // Empty, then one SLO, then all of them.
      if (poll === 1) return { items: [] };
      if (poll === 2) return { items: response.items.slice(0, 1) };
      return response;
    });
    const summary = await seedDemoData(options);
    expect(poll).toBe(4);
    expect(summary.slos).toHaveLength(2);
    expect(calls).toHaveLength(2 * chunkCount);
  });

  it('does nothing when the catalog has no SLOs', async () => {
    const { fetch } = fakeFetch();
    const { options, logger } = setup(fetch, entities.slice(3));
    const summary = await seedDemoData({
      ...options,
      timing: { catalogTimeoutMs: 20_000, catalogPollMs: 5_000 },
    });
    expect(summary.outcome).toBe('no-slos');
    expect(fetch).not.toHaveBeenCalled();
    expect(messages(logger.warn as jest.Mock)[0]).toContain(
      'the catalog lists no SLO entities after 20 s',
    );
  });

  it('does not send the history of an SLO that holds data already', async () => {
    const { fetch, calls, gets } = fakeFetch(undefined, url =>
      url.includes('/payments-api-availability/')
        ? {
            status: 200,
            body: {
              points: [
                { start: now - 2 * DAY_MS, sli: null },
                { start: now - DAY_MS, sli: 0.99 },
              ],
            },
          }
        : { status: 200, body: { points: [{ start: now, sli: null }] } },
    );
    const { options, logger } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(gets).toHaveLength(2);
    expect(summary).toMatchObject({
      outcome: 'seeded',
      alreadySeeded: ['slo:default/payments-api-availability'],
      batches: chunkCount,
      accepted: eventsPerSlo,
    });
    expect(calls).toHaveLength(chunkCount);
    for (const { batch } of calls) {
      expect(batch.idempotencyKey).toMatch(
        /^demo:slo:default\/inventory-service-availability:/,
      );
    }
    // The live feed still covers both.
    expect(summary.live?.slos).toHaveLength(2);
    expect(summary.live?.from).toBe(now);
    const info = messages(logger.info as jest.Mock);
    expect(info.some(m => m.includes('1 SLOs hold data already'))).toBe(true);
    expect(info[info.length - 2]).toMatch(
      new RegExp(
        `seeded 1 SLOs in [\\d.]+ s: ${eventsPerSlo} events accepted in ${chunkCount} batches`,
      ),
    );
  });

  it('sends no history when every SLO holds data already', async () => {
    const { fetch, calls, deploymentCalls } = fakeFetch(undefined, () => ({
      status: 200,
      body: { points: [{ start: now - DAY_MS, sli: 0.99 }] },
    }));
    const { options } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(summary).toMatchObject({
      outcome: 'seeded',
      batches: 0,
      accepted: 0,
    });
    expect([...summary.alreadySeeded].sort()).toEqual([
      'slo:default/inventory-service-availability',
      'slo:default/payments-api-availability',
    ]);
    expect(calls).toHaveLength(0);
    // The two history reads, then the deployments again (the API updates
    // them by id).
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(deploymentCalls).toHaveLength(1);
    expect(summary.deployments?.outcome).toBe('seeded');
    expect(summary.live).toEqual({
      slos: expect.arrayContaining([
        expect.objectContaining({
          ref: 'slo:default/payments-api-availability',
        }),
      ]),
      from: now,
    });
  });

  it('treats a history that cannot be read as no data', async () => {
    const { fetch, calls, gets } = fakeFetch(undefined, url =>
      url.includes('/payments-api-availability/')
        ? { status: 404 }
        : new TypeError('fetch failed'),
    );
    const { options } = setup(fetch);
    const summary = await seedDemoData(options);
    expect(gets).toHaveLength(2);
    expect(summary).toMatchObject({
      outcome: 'seeded',
      alreadySeeded: [],
      batches: 2 * chunkCount,
    });
    expect(calls).toHaveLength(2 * chunkCount);
  });

  describe('deployments', () => {
    const component = (name: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: { type: 'service', lifecycle: 'production', owner: 'team' },
    });
    const payments = DEMO_DEPLOYING_SERVICES.filter(
      s => s.service === 'payments-api',
    );

    it('sends the demo deployments of the catalog’s services after the history', async () => {
      const { fetch, calls, deploymentCalls } = fakeFetch();
      const { options, logger } = setup(fetch);
      const summary = await seedDemoData(options);

      // After every history batch.
      const posts = fetch.mock.calls.filter(c => c[1].method === 'POST');
      expect(posts[posts.length - 1][0]).toBe(deploymentsUrl);
      expect(posts).toHaveLength(calls.length + 1);

      // Only payments-api is in this catalog.
      expect(deploymentCalls).toHaveLength(1);
      const [call] = deploymentCalls;
      expect(call.url).toBe(deploymentsUrl);
      expect(call.headers.Authorization).toBe('Bearer demo-seed-token');
      expect(call.headers['Content-Type']).toBe('application/json');
      expect(call.deployments).toEqual(demoDeployments(now, payments));
      expect(new Set(call.deployments.map(d => d.entity))).toEqual(
        new Set(['component:default/payments-api']),
      );
      const sent = call.deployments.length;
      expect(summary.deployments).toMatchObject({
        outcome: 'seeded',
        services: ['payments-api'],
        sent,
        requests: 1,
        created: sent,
        updated: 0,
        rejected: 0,
        failed: 0,
      });
      expect(summary.deployments?.missing).toHaveLength(
        DEMO_DEPLOYING_SERVICES.length - 1,
      );
      const info = messages(logger.info as jest.Mock);
      expect(info[info.length - 1]).toMatch(
        new RegExp(
          `^Demo deployments: sent ${sent} of ${sent} deployments of 1 services over 90 days in 1 requests \\(${sent} new, 0 updated, 0 rejected, 0 failed\\): \\d+ to production, \\d+ to staging, \\d+ failed, \\d+ rolled back; not in the catalog: `,
        ),
      );
    });

    it('sends all services in requests of at most 1000, the same ids every start', async () => {
      const catalog = [
        ...entities,
        ...DEMO_DEPLOYING_SERVICES.filter(
          s => s.service !== 'payments-api',
        ).map(s => component(s.service)),
      ];
      const first = fakeFetch();
      const summary = await seedDemoData(setup(first.fetch, catalog).options);
      const all = demoDeployments(now);
      expect(all.length).toBeGreaterThan(1000);
      expect(first.deploymentCalls).toHaveLength(Math.ceil(all.length / 1000));
      for (const call of first.deploymentCalls) {
        expect(call.deployments.length).toBeLessThanOrEqual(1000);
      }
      const ids = first.deploymentCalls.flatMap(c =>
        c.deployments.map(d => d.id),
      );
      expect(ids).toEqual(all.map(d => d.id));
      expect(summary.deployments).toMatchObject({
        outcome: 'seeded',
        missing: [],
        sent: all.length,
      });

      // A restart an hour later: the same ids again, updated.
      const again = fakeFetch(undefined, undefined, deployments => ({
        status: 200,
        body: { created: 0, updated: deployments.length },
      }));
      const restarted = await seedDemoData({
        ...setup(again.fetch, catalog).options,
        now: now + 3_600_000,
      });
      const idsAgain = new Set(
        again.deploymentCalls.flatMap(c => c.deployments.map(d => d.id)),
      );
      for (const id of ids) expect(idsAgain.has(id)).toBe(true);
      expect(restarted.deployments).toMatchObject({
        created: 0,
        updated: idsAgain.size,
      });
    });

    it('retries a transient failure and logs a rejected request', async () => {
      const { fetch, deploymentCalls } = fakeFetch(
        undefined,
        undefined,
        (_deployments, call) => {
          if (call === 1) return { status: 503 };
          if (call === 2) return new TypeError('fetch failed');
          return {
            status: 400,
            body: {
              error: {
                name: 'InputError',
                message: 'Invalid deployment: entity: not found',
              },
            },
          };
        },
      );
      const { options, logger } = setup(fetch);
      const summary = await seedDemoData(options);
      expect(deploymentCalls).toHaveLength(3);
      expect(summary.outcome).toBe('seeded');
      expect(summary.deployments).toMatchObject({
        outcome: 'failed',
        sent: 0,
        rejected: 1,
      });
      expect(messages(logger.warn as jest.Mock)).toEqual([
        expect.stringMatching(
          /^Demo deployments: \d+ deployments were rejected: InputError: Invalid deployment: entity: not found$/,
        ),
      ]);
    });

    it('sends none when the history was not seeded', async () => {
      const { fetch, deploymentCalls } = fakeFetch(() => ({
        status: 401,
        body: { error: { name: 'AuthenticationError', message: 'no' } },
      }));
      const { options } = setup(fetch);
      const summary = await seedDemoData(options);
      expect(summary.outcome).toBe('unauthorized');
      expect(summary.deployments).toBeUndefined();
      expect(deploymentCalls).toHaveLength(0);
    });

    it('stops when the deployments are refused', async () => {
      const { fetch, deploymentCalls } = fakeFetch(
        undefined,
        undefined,
        () => ({
          status: 403,
          body: { error: { name: 'NotAllowedError', message: 'nope' } },
        }),
      );
      const catalog = [
        ...entities,
        ...DEMO_DEPLOYING_SERVICES.map(s => component(s.service)),
      ];
      const { options, logger } = setup(fetch, catalog);
      const summary = await seedDemoData(options);
      expect(deploymentCalls).toHaveLength(1);
      expect(summary.deployments?.outcome).toBe('unauthorized');
      expect(messages(logger.error as jest.Mock)[0]).toContain(
        'HTTP 403: NotAllowedError: nope',
      );
    });
  });
});
