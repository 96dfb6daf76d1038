import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrometheusSliSource } from '@reliability-kit/plugin-reliability-backend-module-prometheus';
// The module's helpers that spawn promtool and Prometheus, shared by its own
// integration test; not part of its public API.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import {
  backfillOpenMetrics,
  findPrometheus,
  freePort,
  RunningPrometheus,
  startPrometheus,
} from '@reliability-kit/plugin-reliability-backend-module-prometheus/src/__testUtils__/prometheusServer';
import {
  evaluateSlo,
  sloDefinitionFromOpenSlo,
  timeWindowBounds,
  validateOpenSloDocument,
  type OpenSloSlo,
  type SliEvent,
  type SliSample,
  type SloEvaluation,
} from '@reliability-kit/plugin-reliability-common';
import { demoHistoryEnd } from '../chunks';
import {
  DAY_MS,
  demoEvents,
  entityRefOf,
  HOUR_MS,
  type EntityLike,
} from '../history';
import { DemoPrometheusMetrics, historyStart } from './metrics';
import {
  describeProfileSlos,
  loadProfileCatalog,
  type ProfileSlo,
} from './profile';

// The Prometheus demo profile end to end, without the portal: the generated
// history backfilled with promtool into a real Prometheus, and the profile's
// SLOs (catalog/prometheus/) evaluated through the Prometheus SLI source the
// way the backend does. The demo story must show: payments-api-availability
// exhausted, search-api-availability burning fast, the others healthy, with
// budgets close to the built-in demo's from the same events.

const binaries = findPrometheus();
const inCi = process.env.CI === 'true';
if (!binaries.ok && !inCi) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping the Prometheus demo profile test: ${binaries.reason}`);
}
const describeWithPrometheus = binaries.ok || inCi ? describe : describe.skip;

const documents = loadProfileCatalog();
const slos = describeProfileSlos(documents);
const entities = new Map(documents.map(d => [entityRefOf(d.entity), d.entity]));
const LONGEST_BURN_WINDOW_MS = 3 * DAY_MS;

function openSlo(entity: EntityLike): OpenSloSlo {
  const result = validateOpenSloDocument(entity);
  if (!result.ok || result.value.kind !== 'SLO') {
    throw new Error(`${entity.metadata.name} is not an SLO`);
  }
  return result.value;
}

/** The SLO's indicator, following indicatorRef, as the backend does. */
function indicatorOf(slo: OpenSloSlo) {
  if (slo.spec.indicator) return slo.spec.indicator;
  const sli = entities.get(`sli:default/${slo.spec.indicatorRef}`);
  if (!sli) throw new Error(`${slo.metadata.name}: SLI not found`);
  return { metadata: sli.metadata, spec: sli.spec } as NonNullable<
    OpenSloSlo['spec']['indicator']
  >;
}

/** Samples of the built-in store for the same events (ratio SLIs). */
function builtInSamples(events: SliEvent[]): SliSample[] {
  return events.map(event => {
    if ('value' in event) throw new Error('not a ratio event');
    return {
      start: Number(event.timestamp),
      good: event.good,
      total: event.total,
    };
  });
}

describeWithPrometheus('Prometheus demo profile data', () => {
  const now = Date.now();
  const anchor = demoHistoryEnd(now);
  let dir: string;
  let prometheus: RunningPrometheus | undefined;
  let source: PrometheusSliSource;
  const evaluations = new Map<string, SloEvaluation>();

  /** Evaluates objective 0 of a profile SLO at `at` (default the anchor). */
  async function evaluate(
    profileSlo: ProfileSlo,
    at: number = anchor,
  ): Promise<SloEvaluation> {
    const entity = entities.get(profileSlo.demo.ref)!;
    const slo = openSlo(entity);
    const definition = sloDefinitionFromOpenSlo(slo, 0)!;
    const window = timeWindowBounds(slo.spec.timeWindow[0], at);
    const sliced =
      definition.budgetingMethod !== 'Occurrences' &&
      definition.timeSliceWindowMs;
    const samples = await source.readSamples({
      entity: entity as never,
      slo,
      indicator: indicatorOf(slo),
      objectiveIndex: 0,
      start: Math.min(window.start, at - LONGEST_BURN_WINDOW_MS),
      end: at,
      resolutionMs: sliced
        ? Math.min(definition.timeSliceWindowMs!, HOUR_MS)
        : HOUR_MS,
    });
    return evaluateSlo(samples, definition, { now: at, window });
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-demo-prom-'));
    const file = path.join(dir, 'history.om');
    const fd = fs.openSync(file, 'w');
    try {
      new DemoPrometheusMetrics(slos).writeHistory(anchor, text =>
        fs.writeSync(fd, text),
      );
    } finally {
      fs.closeSync(fd);
    }
    const dataDir = path.join(dir, 'data');
    backfillOpenMetrics(file, dataDir);
    prometheus = await startPrometheus({ dataDir, port: await freePort() });
    source = new PrometheusSliSource({
      instances: new Map([
        [
          'demo',
          {
            name: 'demo',
            url: prometheus.url,
            headers: {},
            timeoutMs: 30_000,
            retries: 0,
            retryBackoffMs: 100,
          },
        ],
      ]),
      defaultInstance: 'demo',
      maxConcurrentQueries: 4,
      cacheTtlMs: 0,
    });
    for (const slo of slos) {
      evaluations.set(slo.demo.name, await evaluate(slo));
    }
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds the whole history for every SLO', () => {
    for (const slo of slos) {
      const evaluation = evaluations.get(slo.demo.name)!;
      const { start, end } = evaluation.window;
      // A calendar month is covered up to now.
      const elapsed = Math.min(1, (anchor - start) / (end - start));
      expect([slo.demo.name, evaluation.coverage > elapsed - 0.01]).toEqual([
        slo.demo.name,
        true,
      ]);
      expect(evaluation.sli.value).not.toBeNull();
    }
  });

  it('shows payments-api-availability with its budget spent', () => {
    const evaluation = evaluations.get('payments-api-availability')!;
    expect(evaluation.errorBudget!.remaining).toBeLessThanOrEqual(0);
    expect(evaluation.status).toBe('exhausted');
  });

  it('shows search-api-availability burning fast, with budget left', () => {
    const evaluation = evaluations.get('search-api-availability')!;
    const rule = evaluation.alerts.rules.find(r => r.longWindowMs === HOUR_MS)!;
    expect(rule.shortBurnRate).toBeGreaterThan(14.4);
    expect(rule.longBurnRate).toBeGreaterThan(14.4);
    expect(evaluation.alerts.state).toBe('page');
    expect(evaluation.errorBudget!.remaining).toBeGreaterThan(0.3);
    expect(evaluation.status).toBe('warning');
  });

  it('shows the other SLOs healthy, well within budget', () => {
    const healthy = slos.filter(s => s.demo.profile.story === 'healthy');
    expect(healthy.length).toBe(6);
    for (const slo of healthy) {
      const evaluation = evaluations.get(slo.demo.name)!;
      const consumed = evaluation.errorBudget!.consumed;
      expect([slo.demo.name, evaluation.status]).toEqual([
        slo.demo.name,
        'healthy',
      ]);
      expect([slo.demo.name, consumed > 0.05 && consumed < 0.75]).toEqual([
        slo.demo.name,
        true,
      ]);
    }
  });

  it('gives ratio SLOs the budget the built-in store gives the same events', () => {
    const compared: string[] = [];
    for (const slo of slos) {
      if (slo.demo.kind !== 'ratio') continue;
      const entity = entities.get(slo.demo.ref)!;
      const spec = openSlo(entity);
      const definition = sloDefinitionFromOpenSlo(spec, 0)!;
      const window = timeWindowBounds(spec.spec.timeWindow[0], anchor);
      const events = demoEvents(
        slo.demo,
        { start: historyStart(anchor), end: anchor },
        anchor,
      );
      const builtIn = evaluateSlo(builtInSamples(events), definition, {
        now: anchor,
        window,
      });
      const viaPrometheus = evaluations.get(slo.demo.name)!;
      // Evaluated on the minute, Prometheus's increase() over the buckets
      // counts exactly the minutes; rate() extrapolates a little.
      const difference = Math.abs(
        viaPrometheus.errorBudget!.consumed - builtIn.errorBudget!.consumed,
      );
      expect([slo.demo.name, difference < 0.01]).toEqual([slo.demo.name, true]);
      compared.push(slo.demo.name);
    }
    expect(compared.length).toBe(6);
  });

  it('keeps one-minute time slices close to the built-in store between minutes', async () => {
    // Off the minute, each one-minute bucket spans two minutes of counters.
    const slo = slos.find(s => s.demo.name === 'payments-api-availability')!;
    const at = anchor - 37_000;
    const offGrid = await evaluate(slo, at);
    const spec = openSlo(entities.get(slo.demo.ref)!);
    const window = timeWindowBounds(spec.spec.timeWindow[0], at);
    const events = demoEvents(
      slo.demo,
      { start: historyStart(anchor), end: anchor },
      anchor,
    );
    const builtIn = evaluateSlo(
      builtInSamples(events),
      sloDefinitionFromOpenSlo(spec, 0)!,
      { now: at, window },
    );
    const ratio = offGrid.errorBudget!.consumed / builtIn.errorBudget!.consumed;
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(2);
  });
});
