import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  metricsServiceRef,
  MetricsService,
} from '@backstage/backend-plugin-api/alpha';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { JsonObject } from '@backstage/types';
import catalogModuleReliability from '@reliability-kit/plugin-catalog-backend-module-reliability';
// The test runs the module inside the real backend plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import reliabilityPlugin from '@reliability-kit/plugin-reliability-backend';
import {
  SloStatusPage,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FaultyProxy, startFaultyProxy } from './__testUtils__/faultyProxy';
import {
  backfillOpenMetrics,
  findPrometheus,
  freePort,
  RunningPrometheus,
  startPrometheus,
} from './__testUtils__/prometheusServer';
import { reliabilityModulePrometheus } from './module';

// Faults around a cycle of the reliability backend with this module, a real
// Prometheus and the real catalog: Prometheus hanging (SIGSTOP), killed
// (SIGKILL) and restarted on its port, an instance slower than its timeout,
// and the catalog unreachable or failing. What must hold: the SLOs of the
// failing source keep their last numbers, marked stale with an error that
// names the instance and the cause; the others stay fresh; the backend stays
// up; the next good cycle clears the flag; a failing catalog deletes nothing.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const TIMEOUT_MS = 2000;

const binaries = findPrometheus();
const inCi = process.env.CI === 'true';
if (!binaries.ok && !inCi) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping Prometheus fault tests: ${binaries.reason}`);
}
const describeWithPrometheus = binaries.ok || inCi ? describe : describe.skip;

const databases = TestDatabases.create();

const ratioSlo = (
  name: string,
  service: string,
  instance: string,
  job: string,
) => `
apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  service: ${service}
  indicator:
    metadata: { name: ${name}-ratio }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            metricSourceRef: ${instance}
            spec: { query: 'sum(rate(requests_total{job="${job}",code!~"5.."}[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            metricSourceRef: ${instance}
            spec: { query: 'sum(rate(requests_total{job="${job}"}[{{.window}}]))' }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

const catalogFile = [
  `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: shop }
spec: { type: team, children: [] }
`,
  ...['checkout', 'search', 'orders'].map(
    name => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec: { type: service, lifecycle: production, owner: shop }
`,
  ),
  ratioSlo('checkout-availability', 'checkout', 'local', 'checkout'),
  ratioSlo('search-availability', 'search', 'local', 'search'),
  // Through a proxy that can be made slower than the instance's timeout.
  ratioSlo('orders-availability', 'orders', 'slow', 'orders'),
  `
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-builtin }
spec:
  service: checkout
  indicator:
    metadata: { name: checkout-builtin-ratio }
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: BuiltIn, spec: { counter: good } } }
        total: { metricSource: { type: BuiltIn, spec: { counter: total } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`,
].join('---');

const PROMETHEUS_SLOS = [
  'slo:default/checkout-availability',
  'slo:default/orders-availability',
  'slo:default/search-availability',
];
const ALL_SLOS = [...PROMETHEUS_SLOS, 'slo:default/checkout-builtin'].sort();

/** Eight hours of per-minute counters of three jobs, up to a minute ago. */
function historyFile(now: number): string {
  const lines = ['# TYPE requests counter'];
  const jobs = { checkout: 1, search: 5, orders: 2 }; // bad per 1,000
  for (const [job, bad] of Object.entries(jobs)) {
    for (const code of ['200', '500']) {
      let value = 0;
      for (let at = now - 8 * HOUR; at <= now - MINUTE; at += MINUTE) {
        lines.push(
          `requests_total{job="${job}",code="${code}"} ${value} ${(
            at / 1000
          ).toFixed(3)}`,
        );
        value += code === '500' ? bad : 1000 - bad;
      }
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
}

/** A plugin logger keeping the reliability plugin's lines. */
function recordingLogger(keep: LogLine[] | undefined): LoggerService {
  const at =
    (level: LogLine['level']) =>
    (message: string): void => {
      keep?.push({ level, message });
    };
  const logger: LoggerService = {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    child: () => logger,
  };
  return logger;
}

interface MetricPoint {
  name: string;
  value: number;
  attributes: Record<string, unknown>;
}

type GaugeCallback = Parameters<
  ReturnType<MetricsService['createObservableGauge']>['addCallback']
>[0];

/**
 * A metrics service keeping what the reliability plugin records, and the
 * callbacks of its observable gauges for {@link collectGauges}.
 */
function recordingMetrics(
  keep: MetricPoint[] | undefined,
  gauges: Map<string, GaugeCallback>,
): MetricsService {
  const instrument = (name: string) => {
    const record = (value: number, attributes = {}) => {
      keep?.push({ name, value, attributes });
    };
    return { add: record, record };
  };
  const observable = (name: string) => ({
    addCallback(callback: GaugeCallback) {
      if (keep) gauges.set(name, callback);
    },
    removeCallback() {},
  });
  return {
    createCounter: instrument,
    createUpDownCounter: instrument,
    createHistogram: instrument,
    createGauge: instrument,
    createObservableCounter: observable,
    createObservableUpDownCounter: observable,
    createObservableGauge: observable,
  };
}

/** What the gauges observe now, as an exporter collecting them would. */
async function collectGauges(
  gauges: Map<string, GaugeCallback>,
): Promise<MetricPoint[]> {
  const points: MetricPoint[] = [];
  for (const [name, callback] of gauges) {
    await callback({
      observe: (value, attributes = {}) =>
        points.push({ name, value, attributes }),
    });
  }
  return points;
}

/** The numbers an evaluation produced, without the freshness fields. */
function numbersOf(snapshot: SloStatusSnapshot) {
  const { stale, error, checkedAt, ...numbers } = snapshot;
  return numbers;
}

describeWithPrometheus('faults around an evaluation cycle', () => {
  jest.setTimeout(90_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-faults-'));
  const blocks = path.join(work, 'blocks');

  beforeAll(() => {
    if (!binaries.ok) throw new Error(binaries.reason);
    const file = path.join(work, 'history.om');
    fs.writeFileSync(file, historyFile(Date.now()));
    backfillOpenMetrics(file, blocks);
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const logs: LogLine[] = [];
    const metrics: MetricPoint[] = [];
    const gauges = new Map<string, GaugeCallback>();
    const dataDir = path.join(work, `data-${databaseId}`);
    let prometheus: RunningPrometheus;
    let prometheusPort: number;
    let slowProxy: FaultyProxy;
    let catalogProxy: FaultyProxy;
    let base: string;
    let stopBackend: (() => Promise<void>) | undefined;
    const user = { authorization: mockCredentials.user.header() };
    const service = { authorization: mockCredentials.service.header() };

    const get = async (p: string) => {
      const res = await fetch(`${base}/reliability${p}`, { headers: user });
      return { status: res.status, body: await res.json() };
    };
    const post = async (p: string, body: unknown = {}) => {
      const res = await fetch(`${base}/reliability${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...service },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    /** Runs a cycle; the log lines and metrics it produced. */
    const evaluate = async () => {
      logs.length = 0;
      metrics.length = 0;
      const { status, body } = await post('/v1/evaluations');
      return {
        status,
        body,
        warnings: logs.filter(l => l.level === 'warn').map(l => l.message),
        metrics: [...metrics, ...(await collectGauges(gauges))],
      };
    };
    const statuses = async (): Promise<Map<string, SloStatusSnapshot>> => {
      const { body } = await get('/v1/slos?order=name&limit=500');
      const page = body as SloStatusPage;
      return new Map(page.items.map(s => [s.slo, s] as const));
    };
    const startOurPrometheus = async () => {
      prometheus = await startPrometheus({ dataDir, port: prometheusPort });
    };

    beforeAll(async () => {
      fs.cpSync(blocks, dataDir, { recursive: true });
      prometheusPort = await freePort();
      await startOurPrometheus();
      slowProxy = await startFaultyProxy(prometheusPort);
      catalogProxy = await startFaultyProxy();

      // On PostgreSQL, every plugin in its own schema of a fresh database.
      let database: JsonObject = {
        client: 'better-sqlite3',
        connection: ':memory:',
      };
      if (databaseId !== 'SQLITE_3') {
        const knex = await databases.init(databaseId as TestDatabaseId);
        const connection = (
          knex.client as {
            config: { connection: Record<string, string | number> };
          }
        ).config.connection;
        await knex.destroy();
        // Knex hides the password from enumeration: pick each key by name.
        database = {
          client: 'pg',
          connection: Object.fromEntries(
            ['host', 'port', 'user', 'password', 'database'].map(key => [
              key,
              connection[key],
            ]),
          ),
          pluginDivisionMode: 'schema',
        };
      }

      const dir = createMockDirectory({
        content: { 'catalog.yaml': catalogFile },
      });
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleReliability,
          reliabilityPlugin,
          reliabilityModulePrometheus,
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          // Plugins reach each other through the proxy, so the catalog can
          // be made to fail for the reliability plugin alone.
          createServiceFactory({
            service: coreServices.discovery,
            deps: {},
            factory: () => ({
              getBaseUrl: async (pluginId: string) =>
                `${catalogProxy.url}/api/${pluginId}`,
              getExternalBaseUrl: async (pluginId: string) =>
                `${catalogProxy.url}/api/${pluginId}`,
            }),
          }),
          createServiceFactory({
            service: coreServices.logger,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) =>
              recordingLogger(
                plugin.getId() === 'reliability' ? logs : undefined,
              ),
          }),
          createServiceFactory({
            service: metricsServiceRef,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) =>
              recordingMetrics(
                plugin.getId() === 'reliability' ? metrics : undefined,
                gauges,
              ),
          }),
          mockServices.rootConfig.factory({
            data: {
              backend: { database },
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [{ allow: ['Component', 'Group', 'Location', 'SLO'] }],
                locations: [
                  { type: 'file', target: dir.resolve('catalog.yaml') },
                ],
              },
              reliability: {
                evaluation: {
                  frequency: { hours: 1 },
                  initialDelay: { hours: 1 },
                },
                prometheus: {
                  cacheTtl: { seconds: 0 },
                  instances: [
                    {
                      name: 'local',
                      url: `http://127.0.0.1:${prometheusPort}`,
                      timeout: { milliseconds: TIMEOUT_MS },
                      retries: 1,
                      retryBackoff: { milliseconds: 50 },
                    },
                    {
                      name: 'slow',
                      url: slowProxy.url,
                      timeout: { milliseconds: TIMEOUT_MS },
                      retries: 0,
                    },
                  ],
                },
              },
            },
          }),
        ],
      });
      const port = (backend.server.address() as AddressInfo).port;
      catalogProxy.setTarget(port);
      base = `http://localhost:${port}/api`;
      stopBackend = () => backend.stop();

      // Every SLO with its relations, so each has a service and an owner.
      const deadline = Date.now() + 40_000;
      for (;;) {
        const res = await fetch(
          `${base}/catalog/entities/by-query?filter=kind=slo`,
          { headers: user },
        );
        const items: Array<{ relations?: Array<{ type: string }> }> = res.ok
          ? (await res.json()).items
          : [];
        if (
          items.length === ALL_SLOS.length &&
          items.every(e => e.relations?.some(r => r.type === 'ownedBy'))
        ) {
          break;
        }
        if (Date.now() > deadline)
          throw new Error('the catalog did not ingest');
        await new Promise(r => setTimeout(r, 250));
      }

      const now = Date.now();
      const pushed = await post('/v1/sli-events', {
        idempotencyKey: 'faults-history',
        events: Array.from({ length: 60 }, (_, i) => ({
          slo: 'checkout-builtin',
          timestamp: now - (i + 1) * MINUTE,
          good: 995,
          total: 1000,
        })),
      });
      if (pushed.status !== 200) {
        throw new Error(`pushing SLI events: ${JSON.stringify(pushed.body)}`);
      }
    }, 120_000);

    afterAll(async () => {
      prometheus?.signal('SIGCONT');
      await stopBackend?.();
      await prometheus?.stop();
      await slowProxy?.close();
      await catalogProxy?.close();
    });

    /** The statuses, checked to be fresh: the state before a fault. */
    const freshStatuses = async () => {
      const all = await statuses();
      expect([...all.keys()]).toEqual(ALL_SLOS);
      expect([...all.values()].filter(s => s.stale)).toEqual([]);
      return all;
    };

    it('evaluates every SLO while everything is up', async () => {
      const cycle = await evaluate();
      expect(cycle.status).toBe(200);
      expect(cycle.body).toMatchObject({ evaluated: 4, stale: 0 });
      expect(cycle.warnings).toEqual([]);
      const all = await freshStatuses();
      for (const ref of PROMETHEUS_SLOS) {
        const status = all.get(ref)!;
        // Real numbers from Prometheus: eight hours of 1,000 a minute.
        expect(status.objectives[0].sli.totalEvents).toBeGreaterThan(400_000);
        expect(status.budgetRemaining).not.toBeNull();
      }
      expect(cycle.metrics).toEqual(
        expect.arrayContaining([
          {
            name: 'reliability.evaluation.cycles',
            value: 1,
            attributes: { outcome: 'ok' },
          },
          {
            name: 'reliability.slos',
            value: 4,
            attributes: { state: 'fresh' },
          },
          {
            name: 'reliability.slos',
            value: 0,
            attributes: { state: 'stale', reason: 'source_error' },
          },
        ]),
      );
      const lastChecked = cycle.metrics.find(
        m => m.name === 'reliability.evaluation.last_checked',
      );
      expect(lastChecked?.value).toBe(
        Math.max(...[...all.values()].map(s => s.checkedAt)) / 1000,
      );
    });

    it('keeps the last numbers, marked stale, while Prometheus hangs (SIGSTOP)', async () => {
      const before = await freshStatuses();
      prometheus.signal('SIGSTOP');
      try {
        const cycle = post('/v1/evaluations');
        // The backend answers while the cycle waits for Prometheus.
        const health = await fetch(`${base}/reliability/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: 'ok' });
        const { status, body } = await cycle;
        expect(status).toBe(200);
        expect(body).toMatchObject({ evaluated: 1, stale: 3 });
      } finally {
        prometheus.signal('SIGCONT');
      }
      const after = await statuses();
      for (const ref of PROMETHEUS_SLOS) {
        const status = after.get(ref)!;
        expect(status.stale).toBe(true);
        const instance = ref.includes('orders') ? 'slow' : 'local';
        expect(status.error).toMatch(
          new RegExp(
            `Prometheus instance "${instance}" (did not answer within ${TIMEOUT_MS} ms|timed out after ${
              TIMEOUT_MS / 1000
            } s)`,
          ),
        );
        expect(numbersOf(status)).toEqual(numbersOf(before.get(ref)!));
        expect(status.checkedAt).toBeGreaterThan(status.evaluatedAt);
      }
      const builtIn = after.get('slo:default/checkout-builtin')!;
      expect(builtIn.stale).toBe(false);
      expect(builtIn.evaluatedAt).toBeGreaterThan(
        before.get('slo:default/checkout-builtin')!.evaluatedAt,
      );
    });

    it('logs one warning per failing instance and counts the failures', async () => {
      prometheus.signal('SIGSTOP');
      let cycle: Awaited<ReturnType<typeof evaluate>>;
      try {
        cycle = await evaluate();
      } finally {
        prometheus.signal('SIGCONT');
      }
      expect(cycle.warnings).toHaveLength(2);
      expect(cycle.warnings).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            'Data source Prometheus "local" failed for 2 SLOs (slo:default/checkout-availability, slo:default/search-availability), which keep their last status, marked stale',
          ),
          expect.stringContaining(
            'Data source Prometheus "slow" failed for 1 SLOs (slo:default/orders-availability)',
          ),
        ]),
      );
      const errors = cycle.metrics.filter(
        m => m.name === 'reliability.evaluation.source_errors',
      );
      expect(errors.map(m => m.attributes.source).sort()).toEqual([
        'Prometheus "local"',
        'Prometheus "local"',
        'Prometheus "slow"',
      ]);
      expect(cycle.metrics).toEqual(
        expect.arrayContaining([
          {
            name: 'reliability.slos',
            value: 1,
            attributes: { state: 'fresh' },
          },
          {
            name: 'reliability.slos',
            value: 3,
            attributes: { state: 'stale', reason: 'source_error' },
          },
        ]),
      );
    });

    it('serves the other routes while Prometheus SLOs are stale', async () => {
      const [list, one, services, overview] = await Promise.all([
        get('/v1/slos'),
        get('/v1/slos/default/checkout-availability'),
        get('/v1/services'),
        get('/v1/evaluations/status'),
      ]);
      expect(list.status).toBe(200);
      expect(list.body.totalCount).toBe(4);
      expect(one.status).toBe(200);
      expect(one.body.stale).toBe(true);
      expect(services.status).toBe(200);
      expect(overview.status).toBe(200);
      expect(overview.body).toMatchObject({
        slos: 4,
        fresh: 1,
        stale: 3,
        staleByReason: { sourceError: 3, catalogUnavailable: 0 },
      });
    });

    it('clears the stale flag in the next cycle after Prometheus resumes', async () => {
      const stale = await statuses();
      const cycle = await evaluate();
      expect(cycle.body).toMatchObject({ evaluated: 4, stale: 0 });
      expect(cycle.warnings).toEqual([]);
      const after = await statuses();
      for (const ref of PROMETHEUS_SLOS) {
        const status = after.get(ref)!;
        expect(status.stale).toBe(false);
        expect(status.error).toBeUndefined();
        expect(status.evaluatedAt).toBeGreaterThan(stale.get(ref)!.checkedAt);
      }
    });

    it('marks stale with the connection error while Prometheus is killed, and clears it once restarted on its port', async () => {
      const before = await freshStatuses();
      prometheus.signal('SIGKILL');
      await prometheus.stop();
      const down = await evaluate();
      expect(down.body).toMatchObject({ evaluated: 1, stale: 3 });
      const after = await statuses();
      const local = after.get('slo:default/checkout-availability')!;
      expect(local.stale).toBe(true);
      expect(local.error).toContain(
        'Prometheus instance "local" could not be reached',
      );
      expect(local.error).toContain('ECONNREFUSED');
      // The proxy in front of "slow" answers 502 for the dead upstream.
      expect(after.get('slo:default/orders-availability')!.error).toContain(
        'Prometheus instance "slow" answered 502',
      );
      for (const ref of PROMETHEUS_SLOS) {
        expect(numbersOf(after.get(ref)!)).toEqual(numbersOf(before.get(ref)!));
      }
      expect(after.get('slo:default/checkout-builtin')!.stale).toBe(false);

      await startOurPrometheus();
      const up = await evaluate();
      expect(up.body).toMatchObject({ evaluated: 4, stale: 0 });
      const recovered = await freshStatuses();
      for (const ref of PROMETHEUS_SLOS) {
        // The data survived the crash: the same eight hours, give or take
        // the seconds the windows moved since.
        const total = recovered.get(ref)!.objectives[0].sli.totalEvents;
        const was = before.get(ref)!.objectives[0].sli.totalEvents;
        expect(Math.abs(total - was) / was).toBeLessThan(0.001);
      }
    });

    it('marks stale with the timeout an instance slower than its timeout', async () => {
      const before = await freshStatuses();
      slowProxy.setMode({ kind: 'delay', ms: TIMEOUT_MS * 3 });
      try {
        const cycle = await evaluate();
        expect(cycle.body).toMatchObject({ evaluated: 3, stale: 1 });
        expect(cycle.warnings).toEqual([
          expect.stringContaining('Data source Prometheus "slow" failed'),
        ]);
      } finally {
        slowProxy.setMode({ kind: 'forward' });
      }
      const after = await statuses();
      const orders = after.get('slo:default/orders-availability')!;
      expect(orders.stale).toBe(true);
      expect(orders.error).toMatch(
        new RegExp(
          `Prometheus instance "slow" (did not answer within ${TIMEOUT_MS} ms|timed out after ${
            TIMEOUT_MS / 1000
          } s)`,
        ),
      );
      expect(numbersOf(orders)).toEqual(
        numbersOf(before.get('slo:default/orders-availability')!),
      );
      expect(after.get('slo:default/checkout-availability')!.stale).toBe(false);

      const cycle = await evaluate();
      expect(cycle.body).toMatchObject({ evaluated: 4, stale: 0 });
      await freshStatuses();
    });

    it.each([
      ['unreachable', 'refuse', /./],
      ['answering 503', 'error', /503/],
    ] as const)(
      'keeps every status, marked stale, while the catalog is %s',
      async (_, fault, cause) => {
        const before = await freshStatuses();
        if (fault === 'refuse') await catalogProxy.refuse();
        else
          catalogProxy.setMode(
            { kind: 'error', status: 503 },
            /^\/api\/catalog\//,
          );
        let cycle: Awaited<ReturnType<typeof evaluate>>;
        let list: { status: number; body: SloStatusPage };
        let overview: { status: number; body: any };
        let health: Response;
        try {
          cycle = await evaluate();
          [list, overview] = await Promise.all([
            get('/v1/slos?order=name'),
            get('/v1/evaluations/status'),
          ]);
          health = await fetch(`${base}/reliability/health`);
        } finally {
          catalogProxy.setMode({ kind: 'forward' });
          if (fault === 'refuse') await catalogProxy.accept();
        }
        expect(cycle.status).toBe(503);
        expect(cycle.body.error.message).toMatch(
          /^catalog unavailable: .+; the last status of 4 SLOs is kept, marked stale$/,
        );
        expect(cycle.body.error.message).toMatch(cause);
        expect(cycle.warnings).toEqual([
          expect.stringMatching(
            /^Could not read the SLOs from the catalog; kept the last status of 4 SLOs, marked stale: catalog unavailable: /,
          ),
        ]);
        expect(cycle.metrics).toEqual(
          expect.arrayContaining([
            {
              name: 'reliability.evaluation.cycles',
              value: 1,
              attributes: { outcome: 'catalog_unavailable' },
            },
            {
              name: 'reliability.slos',
              value: 4,
              attributes: { state: 'stale', reason: 'catalog_unavailable' },
            },
          ]),
        );
        expect(health.status).toBe(200);

        // Nothing deleted, every number kept, every SLO stale with the cause.
        expect(list.status).toBe(200);
        expect(list.body.totalCount).toBe(4);
        for (const status of list.body.items) {
          expect(status.stale).toBe(true);
          expect(status.error).toMatch(/^catalog unavailable: /);
          expect(numbersOf(status)).toEqual(numbersOf(before.get(status.slo)!));
        }
        expect(overview.body).toMatchObject({
          slos: 4,
          stale: 4,
          staleByReason: { sourceError: 0, catalogUnavailable: 4 },
        });

        // The catalog is back: every SLO evaluated again, none lost.
        const back = await evaluate();
        expect(back.status).toBe(200);
        expect(back.body).toMatchObject({ evaluated: 4, stale: 0 });
        await freshStatuses();
      },
    );
  });
});
