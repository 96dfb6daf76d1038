import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleReliability from '@reliability-kit/plugin-catalog-backend-module-reliability';
// The test runs the module inside the real backend plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import reliabilityPlugin from '@reliability-kit/plugin-reliability-backend';
import { SloStatusSnapshot } from '@reliability-kit/plugin-reliability-common';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  backfillOpenMetrics,
  checkRules,
  findPrometheus,
  freePort,
  instantValue,
  RunningPrometheus,
  startPrometheus,
} from './__testUtils__/prometheusServer';
import { reliabilityModulePrometheus } from './module';

// Against a real Prometheus: 30 days of counters backfilled with promtool,
// SLOs evaluated through this module inside the reliability backend, and
// checked against hand arithmetic, against the built-in store fed the same
// history, and against the backend's exported rules evaluated by Prometheus.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEP = 5_000; // grid of the rule-comparison data and rule evaluation

const binaries = findPrometheus();
const inCi = process.env.CI === 'true';
if (!binaries.ok && !inCi) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping Prometheus integration tests: ${binaries.reason}`);
}
const describeWithPrometheus = binaries.ok || inCi ? describe : describe.skip;

const catalogFile = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: checkout }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout-service }
spec: { type: service, lifecycle: production, owner: checkout }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: api-service }
spec: { type: service, lifecycle: production, owner: checkout }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability }
spec:
  service: checkout-service
  indicator:
    metadata: { name: checkout-ratio }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            metricSourceRef: local
            spec: { query: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            metricSourceRef: local
            spec: { query: 'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))' }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability-builtin }
spec:
  service: checkout-service
  indicator:
    metadata: { name: checkout-builtin }
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: BuiltIn, spec: { counter: good } } }
        total: { metricSource: { type: BuiltIn, spec: { counter: total } } }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: api-availability }
spec:
  service: api-service
  indicator:
    metadata: { name: api-errors }
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(increase(api_requests_total{job="api",code=~"5.."}[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(increase(api_requests_total{job="api"}[{{.window}}]))' }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: broken-query }
spec:
  service: api-service
  indicator:
    metadata: { name: broken }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(rate(api_requests_total{code=~"("}[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'api_requests_total' }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: unlisted-instance }
spec:
  service: api-service
  indicator:
    metadata: { name: unlisted }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            metricSourceRef: 'http://127.0.0.1:9/'
            spec: { query: 'sum(rate(api_requests_total[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            metricSourceRef: 'http://127.0.0.1:9/'
            spec: { query: 'sum(rate(api_requests_total[{{.window}}]))' }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.999 }]
`;

/** Per-minute traffic of checkout, by minute start relative to `end`. */
function checkoutMinute(start: number, end: number) {
  const total = 2000;
  let bad = 1; // steady 0.05 %
  if (start >= end - 30 * MINUTE) bad = 300; // fast burn now: 15 %
  else if (start >= end - 10 * DAY && start < end - 10 * DAY + 2 * HOUR) {
    bad = 200; // the incident: 10 % for two hours
  }
  return { good: total - bad, total };
}

/** OpenMetrics lines of counter series, one series after the other. */
function counterLines(
  family: string,
  series: Array<{ labels: string; points: Array<[number, number]> }>,
): string[] {
  const lines = [`# TYPE ${family} counter`];
  for (const s of series) {
    for (const [at, value] of s.points) {
      lines.push(
        `${family}_total{${s.labels}} ${value} ${(at / 1000).toFixed(3)}`,
      );
    }
  }
  return lines;
}

/**
 * Checkout: a sample every minute from 30 days and 2 hours before `end` to
 * `end`, with a counter reset 20 days ago in the middle of an hour.
 */
function checkoutSeries(end: number) {
  const from = end - 30 * DAY - 2 * HOUR;
  const resetAt = end - 20 * DAY + 30 * MINUTE;
  const good: Array<[number, number]> = [];
  const bad: Array<[number, number]> = [];
  let g = 5000;
  let b = 7;
  for (let at = from; at <= end; at += MINUTE) {
    good.push([at, g]);
    bad.push([at, b]);
    const minute = checkoutMinute(at, end);
    if (at === resetAt) {
      // The process restarts: the next sample counts from zero.
      g = 0;
      b = 0;
    }
    g += minute.good;
    b += minute.total - minute.good;
  }
  return counterLines('http_requests', [
    { labels: 'job="checkout",code="200"', points: good },
    { labels: 'job="checkout",code="500"', points: bad },
  ]);
}

/**
 * API: a sample every 5 s on the grid Prometheus evaluates the rules on
 * (phase `phase`), from 3 days and 2 hours ago to 3 minutes ahead, with a
 * 20 % incident two days ago and a 15 % fast burn from 18 minutes ago.
 */
function apiSeries(generatedAt: number, phase: number) {
  const from =
    Math.floor((generatedAt - 3 * DAY - 2 * HOUR) / STEP) * STEP + phase;
  const burnFrom = generatedAt - 18 * MINUTE;
  const incidentFrom = generatedAt - 2 * DAY;
  const ok: Array<[number, number]> = [];
  const errors: Array<[number, number]> = [];
  let o = 1000;
  let e = 10;
  let i = 0;
  for (let at = from; at <= generatedAt + 3 * MINUTE; at += STEP, i++) {
    let bad = i % 12 === 0 ? 1 : 0;
    if (at > burnFrom) bad = 15;
    else if (at > incidentFrom && at <= incidentFrom + HOUR) bad = 20;
    o += 100 - bad;
    e += bad;
    ok.push([at, o]);
    errors.push([at, e]);
  }
  return counterLines('api_requests', [
    { labels: 'job="api",code="200"', points: ok },
    { labels: 'job="api",code="500"', points: errors },
  ]);
}

const API_SLOTH_ID = 'api-service-api-availability';

/** Polls until `fn` returns a value, or throws after `timeoutMs`. */
async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

function expectClose(actual: number | null | undefined, expected: number) {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThan(1e-9);
}

describeWithPrometheus(
  'Prometheus SLI source against a real Prometheus',
  () => {
    jest.setTimeout(60_000);
    const dir = createMockDirectory({
      content: { 'catalog.yaml': catalogFile },
    });
    const work = fs.mkdtempSync(
      path.join(os.tmpdir(), 'reliability-prom-test-'),
    );
    const rulesFile = path.join(work, 'slo-rules.yaml');
    let base: string;
    let stopBackend: (() => Promise<void>) | undefined;
    let prometheus: RunningPrometheus | undefined;
    let rulesCheck = '';
    /** Evaluation time of the hand-computed test: the last full hour. */
    const end = Math.floor(Date.now() / HOUR) * HOUR;
    const user = { authorization: mockCredentials.user.header() };
    const service = { authorization: mockCredentials.service.header() };

    const get = async (p: string) => {
      const res = await fetch(`${base}/reliability${p}`, { headers: user });
      return res.json();
    };
    const post = async (p: string, body: unknown) => {
      const res = await fetch(`${base}/reliability${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...service },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    /** Runs an evaluation cycle with the backend's clock stopped at `at`. */
    const evaluateAt = async (at: number) => {
      jest.useFakeTimers({
        now: at,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      try {
        return await post('/v1/evaluations', {});
      } finally {
        jest.useRealTimers();
      }
    };
    const snapshot = async (name: string): Promise<SloStatusSnapshot> =>
      get(`/v1/slos/default/${name}`);

    beforeAll(async () => {
      if (!binaries.ok) throw new Error(binaries.reason);
      const port = await freePort();
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleReliability,
          reliabilityPlugin,
          reliabilityModulePrometheus,
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.rootConfig.factory({
            data: {
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
                  instances: [
                    {
                      name: 'local',
                      url: `http://127.0.0.1:${port}`,
                      timeout: { seconds: 10 },
                      retries: 1,
                      retryBackoff: { milliseconds: 100 },
                    },
                  ],
                },
              },
            },
          }),
        ],
      });
      base = `http://localhost:${
        (backend.server.address() as AddressInfo).port
      }/api`;
      stopBackend = () => backend.stop();
      await until(
        'the catalog',
        async () => {
          const res = await fetch(
            `${base}/catalog/entities/by-name/slo/default/broken-query`,
            { headers: user },
          );
          const relations: Array<{ type: string }> = res.ok
            ? (await res.json()).relations ?? []
            : [];
          return relations.some(r => r.type === 'ownedBy') ? true : undefined;
        },
        40_000,
      );

      // The backend's rule export, checked by promtool.
      const rules = await fetch(`${base}/reliability/v1/rules/prometheus`, {
        headers: user,
      });
      fs.writeFileSync(rulesFile, await rules.text());
      rulesCheck = checkRules(rulesFile);

      // Prometheus evaluates each rule group at a fixed phase of its
      // interval. A first run with a little data tells the phase of the SLI
      // recording group, so the real data can be sampled on that grid and
      // every rate window starts and ends on a sample.
      const probeData = path.join(work, 'probe');
      const probeFile = path.join(work, 'probe.om');
      const now = Date.now();
      fs.writeFileSync(
        probeFile,
        `${counterLines(
          'api_requests',
          ['200', '500'].map(code => ({
            labels: `job="api",code="${code}"`,
            points: Array.from({ length: 80 }, (_, i) => [
              now - (80 - i) * 15_000,
              i * 10,
            ]),
          })),
        ).join('\n')}\n# EOF\n`,
      );
      backfillOpenMetrics(probeFile, probeData);
      const probe = await startPrometheus({
        dataDir: probeData,
        port,
        rulesFile,
        evaluationInterval: '5s',
      });
      let phase: number;
      try {
        const at = await until('the probe rule evaluation', () =>
          instantValue(
            probe.url,
            `timestamp(slo:sli_error:ratio_rate5m{sloth_id="${API_SLOTH_ID}"})`,
          ),
        );
        phase = Math.round(at * 1000) % STEP;
      } finally {
        await probe.stop();
      }

      const generatedAt = Date.now();
      const dataFile = path.join(work, 'history.om');
      fs.writeFileSync(
        dataFile,
        `${[...checkoutSeries(end), ...apiSeries(generatedAt, phase)].join(
          '\n',
        )}\n# EOF\n`,
      );
      const dataDir = path.join(work, 'data');
      backfillOpenMetrics(dataFile, dataDir);
      prometheus = await startPrometheus({
        dataDir,
        port,
        rulesFile,
        evaluationInterval: '5s',
      });
    }, 120_000);

    afterAll(async () => {
      await prometheus?.stop();
      await stopBackend?.();
      fs.rmSync(work, { recursive: true, force: true });
    });

    it('exports rules that promtool accepts', () => {
      // checkRules throws unless promtool exits 0. Note: promtool's linter
      // also reports the whole-period rules (slo:sli_error:ratio_rate30d,
      // labelled only with sloth_window as Sloth does) as duplicates when
      // several SLOs share a window; that is a lint warning, not an error.
      expect(rulesCheck).toContain(`Checking ${rulesFile}`);
      expect(rulesCheck).not.toMatch(/\berror parsing\b|bad_data/i);
      const text = fs.readFileSync(rulesFile, 'utf8');
      expect(text).toContain(`sloth_id: ${API_SLOTH_ID}`);
      expect(text).toContain(
        'sloth_id: checkout-service-checkout-availability',
      );
    });

    it('gives the budget, burn rates and alerts computed by hand', async () => {
      await evaluateAt(end);
      const status = await snapshot('checkout-availability');
      expect(status.stale).toBe(false);
      expect(status.evaluatedAt).toBe(end);
      const objective = status.objectives[0];

      // 30 days of 2,000 requests a minute. Bad: 1 a minute, except 200 a
      // minute in the two-hour incident and 300 a minute in the last 30
      // minutes. The counter reset 20 days ago loses nothing.
      const minutes = 30 * 24 * 60;
      const total = minutes * 2000; // 86,400,000
      const bad = 30 * 300 + 120 * 200 + (minutes - 150) * 1; // 76,050
      expectClose(objective.sli.totalEvents, total);
      expectClose(objective.sli.badEvents, bad);
      expectClose(objective.sli.value, 1 - bad / total);
      const allowed = 0.001 * total; // 86,400
      expectClose(objective.errorBudget!.remaining, 1 - bad / allowed); // 0.1198
      expectClose(status.budgetRemaining, 1 - bad / allowed);

      // Burn rate over the last w minutes (all inside the last 3 days, after
      // the incident): (300 × min(w, 30) + 1 × (w − 30 if w > 30)) bad out of
      // 2,000 × w, divided by the 0.1 % budget.
      const burn = (w: number) =>
        (300 * Math.min(w, 30) + Math.max(0, w - 30)) / (2000 * w) / 0.001;
      const expected = {
        '5m': burn(5), // 150
        '30m': burn(30), // 150
        '1h': burn(60), // 75.25
        '2h': burn(120), // 37.875
        '6h': burn(360), // 12.958…
        '1d': burn(1440), // 3.6146…
        '3d': burn(4320), // 1.5382…
      };
      for (const [label, value] of Object.entries(expected)) {
        expectClose(objective.burnRates[label], value);
      }

      // 30-day thresholds 14.4 (1h & 5m), 6 (6h & 30m), 3 (1d & 2h) and 1
      // (3d & 6h): every rule fires, so the state is page.
      expect(objective.alerts.rules.map(r => [r.threshold, r.firing])).toEqual([
        [14.4, true],
        [6, true],
        [3, true],
        [1, true],
      ]);
      expect(objective.alerts.state).toBe('page');
      // Budget left and SLI above target, but alerts fire: warning.
      expect(status.status).toBe('warning');
    });

    it('gives the same answer as the built-in store fed the same history', async () => {
      const events = [];
      for (let at = end - 30 * DAY; at < end; at += MINUTE) {
        events.push({
          slo: 'checkout-availability-builtin',
          timestamp: at,
          ...checkoutMinute(at, end),
        });
      }
      for (let i = 0; i < events.length; i += 10_000) {
        await post('/v1/sli-events', {
          idempotencyKey: `history-${i}`,
          events: events.slice(i, i + 10_000),
        });
      }
      await evaluateAt(end);
      const fromPrometheus = (await snapshot('checkout-availability'))
        .objectives[0];
      const fromStore = (await snapshot('checkout-availability-builtin'))
        .objectives[0];
      expectClose(fromPrometheus.sli.totalEvents, fromStore.sli.totalEvents);
      expectClose(fromPrometheus.sli.badEvents, fromStore.sli.badEvents);
      expectClose(
        fromPrometheus.errorBudget!.remaining,
        fromStore.errorBudget!.remaining,
      );
      for (const [label, value] of Object.entries(fromStore.burnRates)) {
        expectClose(fromPrometheus.burnRates[label], value as number);
      }
      expect(fromPrometheus.alerts.state).toBe(fromStore.alerts.state);
      expect(fromPrometheus.status).toBe(fromStore.status);
    });

    it('matches the burn rates and alerts of Prometheus running the exported rules', async () => {
      const url = prometheus!.url;
      const selector = `{sloth_id="${API_SLOTH_ID}"}`;
      // The time of the SLI recording rules' latest evaluation.
      const at = Math.round(
        (await until('the recording rules', () =>
          instantValue(url, `timestamp(slo:sli_error:ratio_rate5m${selector})`),
        )) * 1000,
      );
      await evaluateAt(at);
      const objective = (await snapshot('api-availability')).objectives[0];
      for (const label of ['5m', '30m', '1h', '2h', '6h', '1d', '3d']) {
        const errorRatio = await instantValue(
          url,
          `slo:sli_error:ratio_rate${label}${selector}`,
          at,
        );
        expectClose(objective.burnRates[label], errorRatio! / 0.001);
      }
      // The alert rules fire exactly for the severities the module alerts on.
      const severities = (sev: 'page' | 'ticket') =>
        objective.alerts.rules.some(r => r.severity === sev && r.firing);
      expect(severities('page')).toBe(true);
      expect(severities('ticket')).toBe(true);
      const firing = await until('the alert rules', async () => {
        const res = await (await fetch(`${url}/api/v1/alerts`)).json();
        const names: string[] = res.data.alerts
          .filter(
            (a: { labels: Record<string, string>; state: string }) =>
              a.labels.sloth_id === API_SLOTH_ID && a.state === 'firing',
          )
          .map(
            (a: { labels: Record<string, string> }) => a.labels.sloth_severity,
          )
          .sort();
        return names.length === 2 ? names : undefined;
      });
      expect(firing).toEqual(['page', 'ticket']);
    });

    it('marks an SLO that names an unconfigured instance or a URL stale', async () => {
      // PromQL from a catalog file only goes to configured instances; the
      // trust tests (trust.integration.test.ts) show nothing is sent.
      await evaluateAt(end);
      const status = await snapshot('unlisted-instance');
      expect(status.stale).toBe(true);
      expect(status.error).toContain(
        'metricSourceRef "http://127.0.0.1:9/" is not a configured Prometheus instance; configured: local',
      );
    });

    it('marks a failing query stale with Prometheus’s error text', async () => {
      await evaluateAt(end);
      const status = await snapshot('broken-query');
      expect(status.stale).toBe(true);
      expect(status.error).toContain('answered 400: bad_data');
      expect(status.error).toContain('error parsing regexp');
    });
  },
);
