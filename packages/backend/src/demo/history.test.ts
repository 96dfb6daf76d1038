import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
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
import {
  DAY_MS,
  DEMO_INCIDENTS,
  demoEvents,
  describeDemoSlo,
  EntityLike,
  entityRefOf,
  HOUR_MS,
  incidentRange,
  MINUTE_MS,
  mulberry32,
  profileFor,
  type DemoSlo,
} from './history';
import { demoHistoryEnd } from './chunks';

// The demo catalog, loaded from catalog/ the way the catalog would.
const catalogDir = path.resolve(__dirname, '../../../../catalog');

function loadCatalog(): EntityLike[] {
  const parse = (file: string) =>
    parseAllDocuments(fs.readFileSync(path.join(catalogDir, file), 'utf8'))
      .map(doc => doc.toJS())
      .filter(Boolean);
  const [location] = parse('all.yaml');
  return (location.spec.targets as string[]).flatMap(parse);
}

const entities = loadCatalog();
const slis = new Map(
  entities.filter(e => e.kind === 'SLI').map(e => [entityRefOf(e), e]),
);
const sloEntities = entities.filter(e => e.kind === 'SLO');
const demoSlos = new Map(
  sloEntities.flatMap(e => {
    const demo = describeDemoSlo(e, ref => slis.get(ref));
    return demo ? [[demo.name, demo] as const] : [];
  }),
);

function demoSlo(name: string): DemoSlo {
  const slo = demoSlos.get(name);
  if (!slo) throw new Error(`${name} is not a demo SLO`);
  return slo;
}

function openSlo(name: string): OpenSloSlo {
  const entity = sloEntities.find(e => e.metadata.name === name);
  const result = validateOpenSloDocument(entity);
  if (!result.ok || result.value.kind !== 'SLO') throw new Error(name);
  return result.value;
}

/** Samples of one objective, the way the SLI store counts events. */
function toSamples(
  events: SliEvent[],
  slo: OpenSloSlo,
  objectiveIndex: number,
): SliSample[] {
  const objective = slo.spec.objectives[objectiveIndex];
  return events.map(event => {
    const start = Number(event.timestamp);
    if (!('value' in event)) {
      return { start, good: event.good, total: event.total };
    }
    const limit = objective.value ?? 0;
    const meets = {
      lt: event.value < limit,
      lte: event.value <= limit,
      gt: event.value > limit,
      gte: event.value >= limit,
    }[objective.op ?? 'lte'];
    return { start, good: meets ? 1 : 0, total: 1 };
  });
}

// The demo is seeded on Tuesday 2026-11-24 at 16:37 UTC.
const now = Date.parse('2026-11-24T16:37:00Z');
const anchor = demoHistoryEnd(now);
const today = Math.floor(now / DAY_MS) * DAY_MS;
const history = { start: today - 30 * DAY_MS, end: anchor };

const eventsCache = new Map<string, SliEvent[]>();
function historyOf(name: string): SliEvent[] {
  let events = eventsCache.get(name);
  if (!events) {
    events = demoEvents(demoSlo(name), history, anchor);
    eventsCache.set(name, events);
  }
  return events;
}

/**
 * Evaluates objective 0 of an SLO at `at` (default the anchor) over its own
 * window or the last `windowMs`.
 */
function evaluate(
  name: string,
  options: { at?: number; windowMs?: number } = {},
): SloEvaluation {
  const at = options.at ?? anchor;
  const slo = openSlo(name);
  const definition = sloDefinitionFromOpenSlo(slo, 0)!;
  const samples = toSamples(historyOf(name), slo, 0);
  const window = options.windowMs
    ? { start: at - options.windowMs, end: at }
    : timeWindowBounds(slo.spec.timeWindow[0], at);
  return evaluateSlo(samples, definition, { now: at, window });
}

function burnRates(evaluation: SloEvaluation): Record<string, number | null> {
  const rule = evaluation.alerts.rules.find(r => r.longWindowMs === HOUR_MS)!;
  return { '5m': rule.shortBurnRate, '1h': rule.longBurnRate };
}

describe('describeDemoSlo', () => {
  it('describes every BuiltIn SLO of the demo catalog and skips Prometheus', () => {
    expect([...demoSlos.keys()].sort()).toEqual(
      sloEntities
        .map(e => e.metadata.name)
        .filter(name => name !== 'search-api-latency')
        .sort(),
    );
    expect(demoSlos.has('search-api-latency')).toBe(false);
  });

  it('follows indicatorRef to the SLI entity', () => {
    const entity = sloEntities.find(
      e => e.metadata.name === 'inventory-service-availability',
    )!;
    expect(describeDemoSlo(entity, ref => slis.get(ref))).toMatchObject({
      ref: 'slo:default/inventory-service-availability',
      kind: 'ratio',
      target: 0.999,
      service: 'inventory-service',
    });
    // Without the SLI the source is unknown: not seeded.
    expect(describeDemoSlo(entity)).toBeUndefined();
  });

  it('reads kind, targets, time slices and thresholds', () => {
    expect(demoSlo('payments-api-availability')).toMatchObject({
      ref: 'slo:default/payments-api-availability',
      kind: 'ratio',
      budgetingMethod: 'Timeslices',
      target: 0.999,
      timeSliceTarget: 0.99,
    });
    expect(demoSlo('inventory-service-latency')).toMatchObject({
      kind: 'threshold',
      thresholds: [{ op: 'lt', value: 0.25 }],
    });
    expect(demoSlo('search-api-availability').kind).toBe('ratio');
  });

  it('ignores documents that are not SLOs', () => {
    expect(describeDemoSlo({ ...sloEntities[0], kind: 'Component' })).toBe(
      undefined,
    );
  });
});

describe('profileFor', () => {
  it('gives the demo SLOs their stories', () => {
    expect(profileFor('payments-api-availability').story).toBe('exhausted');
    expect(profileFor('search-api-availability').story).toBe('fast-burn');
    expect(profileFor('checkout-service-availability').story).toBe('healthy');
  });

  it('spreads each incident over several services', () => {
    for (const incident of DEMO_INCIDENTS) {
      const services = new Set(
        [...demoSlos.values()]
          .filter(s =>
            s.profile.incidents.some(i => i.incident === incident.id),
          )
          .map(s => s.service),
      );
      expect(services.size).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives unknown SLOs a stable healthy profile', () => {
    expect(profileFor('new-slo')).toEqual(profileFor('new-slo'));
    expect(profileFor('new-slo').story).toBe('healthy');
  });
});

describe('mulberry32', () => {
  it('is a seeded generator in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe('demoEvents', () => {
  it('gives one event per minute in [start, end), aligned to minutes', () => {
    const slo = demoSlo('checkout-service-availability');
    const events = demoEvents(
      slo,
      { start: today + 30_000, end: today + 10 * MINUTE_MS },
      anchor,
    );
    expect(events.map(e => e.timestamp)).toEqual(
      Array.from({ length: 9 }, (_, i) => today + (i + 1) * MINUTE_MS),
    );
    for (const event of events as Array<{ good: number; total: number }>) {
      expect(event).toMatchObject({
        slo: 'slo:default/checkout-service-availability',
      });
      expect(event.good).toBeLessThanOrEqual(event.total);
      expect(event.good).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(event.good)).toBe(true);
      expect(event.total).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same minute always gets the same numbers', () => {
    for (const slo of demoSlos.values()) {
      const day = { start: today - 3 * DAY_MS, end: today - 2 * DAY_MS };
      const whole = demoEvents(slo, day, anchor);
      expect(demoEvents(slo, day, anchor)).toEqual(whole);
      // Split differently, the minutes are the same.
      const split = [
        ...demoEvents(
          slo,
          { start: day.start, end: day.start + 7 * HOUR_MS },
          anchor,
        ),
        ...demoEvents(
          slo,
          { start: day.start + 7 * HOUR_MS, end: day.end },
          anchor,
        ),
      ];
      expect(split).toEqual(whole);
    }
  });

  it('differs between SLOs but shares the traffic of a service', () => {
    const range = { start: today - DAY_MS, end: today };
    const availability = demoEvents(
      demoSlo('payments-api-availability'),
      range,
      anchor,
    ) as Array<{ good: number; total: number }>;
    const latency = demoEvents(
      demoSlo('payments-api-latency'),
      range,
      anchor,
    ) as Array<{ good: number; total: number }>;
    expect(availability.map(e => e.total)).toEqual(latency.map(e => e.total));
    expect(availability.map(e => e.good)).not.toEqual(latency.map(e => e.good));
  });

  it('shows the daily cycle: more traffic in the day, less at night and on weekends', () => {
    const events = historyOf('checkout-service-availability') as Array<{
      timestamp: number;
      total: number;
    }>;
    const mean = (filter: (at: Date) => boolean) => {
      const picked = events.filter(e => filter(new Date(e.timestamp)));
      return picked.reduce((sum, e) => sum + e.total, 0) / picked.length;
    };
    const weekday = (d: Date) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    const day = mean(
      d => weekday(d) && d.getUTCHours() >= 13 && d.getUTCHours() < 19,
    );
    const night = mean(
      d => weekday(d) && d.getUTCHours() >= 1 && d.getUTCHours() < 5,
    );
    expect(day).toBeGreaterThan(3 * night);
    const weekend = mean(
      d => !weekday(d) && d.getUTCHours() >= 13 && d.getUTCHours() < 19,
    );
    expect(weekend).toBeLessThan(0.85 * day);
    expect(weekend).toBeGreaterThan(0.5 * day);
  });

  it('draws latencies around a baseline with a long tail, and slow ones in incidents', () => {
    const slo = demoSlo('inventory-service-latency');
    const values = historyOf('inventory-service-latency') as Array<{
      timestamp: number;
      value: number;
    }>;
    const incident = incidentRange(
      DEMO_INCIDENTS.find(i => i.id === 'zone-network-partition')!,
      anchor,
    );
    const outside = values.filter(
      e => e.timestamp < incident.start || e.timestamp >= incident.end,
    );
    const sorted = outside.map(e => e.value).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const p999 = sorted[Math.floor(sorted.length * 0.999)];
    const limit = slo.thresholds[0].value;
    expect(median).toBeGreaterThan(0.3 * limit);
    expect(median).toBeLessThan(0.6 * limit);
    expect(p999).toBeGreaterThan(1.5 * median);
    const during = values.filter(
      e =>
        e.timestamp >= incident.start + 30 * MINUTE_MS &&
        e.timestamp < incident.end - 30 * MINUTE_MS,
    );
    const slow = during.filter(e => e.value >= limit).length / during.length;
    expect(slow).toBeGreaterThan(0.2);
  });
});

describe('the demo story, by the SLO math', () => {
  it('payments-api-availability has spent more than its whole budget', () => {
    // Over its calendar month and over the last 30 days.
    const month = evaluate('payments-api-availability');
    expect(month.errorBudget!.consumed).toBeGreaterThan(1);
    expect(month.status).toBe('exhausted');
    const last30 = evaluate('payments-api-availability', {
      windowMs: 30 * DAY_MS,
    });
    expect(last30.errorBudget!.consumed).toBeGreaterThan(1);
    // It was fine before the trouble started, 10 days before today.
    const before = evaluate('payments-api-availability', {
      at: today - 10 * DAY_MS,
      windowMs: 20 * DAY_MS,
    });
    expect(before.errorBudget!.consumed).toBeLessThan(0.6);
  });

  it('search-api-availability is burning fast right now', () => {
    const evaluation = evaluate('search-api-availability');
    const rates = burnRates(evaluation);
    expect(rates['5m']).toBeGreaterThan(14.4);
    expect(rates['1h']).toBeGreaterThan(14.4);
    expect(evaluation.alerts.state).toBe('page');
    // Its budget is not gone yet: it is about to be.
    expect(evaluation.errorBudget!.consumed).toBeLessThan(0.6);
  });

  it('the healthy SLOs are well within budget', () => {
    const consumed: Record<string, number> = {};
    for (const slo of demoSlos.values()) {
      if (slo.profile.story !== 'healthy') continue;
      const evaluation = evaluate(slo.name);
      consumed[slo.name] = evaluation.errorBudget!.consumed;
      expect(burnRates(evaluation)['1h']).toBeLessThan(6);
    }
    expect(Object.keys(consumed)).toHaveLength(13);
    for (const [name, share] of Object.entries(consumed)) {
      expect([name, share > 0.15 && share < 0.65]).toEqual([name, true]);
    }
  });

  it('shows the incidents in the SLIs of the services involved', () => {
    const incident = incidentRange(DEMO_INCIDENTS[0], anchor);
    const slo = openSlo('checkout-service-availability');
    const definition = sloDefinitionFromOpenSlo(slo, 0)!;
    const samples = toSamples(historyOf(slo.metadata.name), slo, 0);
    const during = evaluateSlo(samples, definition, {
      now: incident.end,
      window: incident,
    });
    expect(during.burnRate).toBeGreaterThan(10);
  });
});
