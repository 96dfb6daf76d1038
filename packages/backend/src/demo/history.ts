import {
  BUILT_IN_SLI_SOURCE_TYPE,
  objectiveTarget,
  validateOpenSloDocument,
  type OpenSloBudgetingMethod,
  type OpenSloOperator,
  type OpenSloSliSpec,
  type SliEvent,
} from '@reliability-kit/plugin-reliability-common';

// Synthetic SLI history of the Acme Shop demo SLOs. Pure and deterministic:
// the numbers of a minute depend only on the SLO, the minute and the story's
// anchor (see demoEvents), never on how the history is split into batches.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** What the demo shows for an SLO. */
export type DemoStory = 'healthy' | 'exhausted' | 'fast-burn';

/** A past incident that several demo SLOs take part in. */
export interface DemoIncident {
  id: string;
  title: string;
  /** Days before the anchor's UTC day on which it happened. */
  daysAgo: number;
  /** UTC hour of day it started, may be fractional (9.5 is 09:30). */
  startHourUtc: number;
  hours: number;
}

/** The two incidents of the demo story. */
export const DEMO_INCIDENTS: ReadonlyArray<DemoIncident> = Object.freeze([
  {
    id: 'orders-db-failover',
    title: 'Failover of the orders database',
    daysAgo: 19,
    startHourUtc: 13,
    hours: 3,
  },
  {
    id: 'zone-network-partition',
    title: 'Network partition in one availability zone',
    daysAgo: 8,
    startHourUtc: 9.5,
    hours: 2.5,
  },
]);

/** The 45 minutes before the anchor of a fast-burn SLO. */
export const FAST_BURN_MS = 45 * MINUTE_MS;
/** Days of elevated errors before the anchor's day of an exhausted SLO. */
export const EXHAUSTED_DAYS = 10;

/**
 * How an SLO's history is generated.
 *
 * @remarks
 * Error levels are burn rates: a burn of 1 spends exactly the error budget
 * over the SLO window, so a healthy SLO with baselineBurn 0.2 and no
 * incidents ends up with about 20 % of its budget consumed whatever its
 * target and budgeting method.
 */
export interface DemoProfile {
  story: DemoStory;
  /** Requests per minute at the daily peak (ratio SLIs). */
  peakPerMinute: number;
  /** Burn rate of the everyday background errors. */
  baselineBurn: number;
  /** Incidents (ids of DEMO_INCIDENTS) the SLO takes part in. */
  incidents: ReadonlyArray<{ incident: string; burn: number }>;
  /** Threshold SLIs: typical value as a share of the objective's value. */
  typicalShare: number;
  /** Burn rate of the story's own trouble (exhausted, fast-burn). */
  storyBurn?: number;
}

/** One demo SLO: what the generator needs to know. */
export interface DemoSlo {
  /** `slo:<namespace>/<name>` */
  ref: string;
  name: string;
  /** spec.service; SLOs of one service share their traffic. */
  service: string;
  kind: 'ratio' | 'threshold';
  budgetingMethod: OpenSloBudgetingMethod;
  /** Target of the first objective, in (0, 1]. */
  target: number;
  /** Timeslices: ratio a minute must reach to be good. */
  timeSliceTarget?: number;
  /** Threshold SLIs: op and value of each objective. */
  thresholds: Array<{ op: OpenSloOperator; value: number }>;
  profile: DemoProfile;
}

const HEALTHY = (
  peakPerMinute: number,
  baselineBurn: number,
  incidents: DemoProfile['incidents'] = [],
  typicalShare = 0.4,
): DemoProfile => ({
  story: 'healthy',
  peakPerMinute,
  baselineBurn,
  incidents,
  typicalShare,
});

const A = 'orders-db-failover';
const B = 'zone-network-partition';

/** Profiles of the SLOs in catalog/. */
const PROFILES: Record<string, DemoProfile> = {
  'checkout-service-availability': HEALTHY(420, 0.2, [
    { incident: A, burn: 30 },
  ]),
  'checkout-service-latency': HEALTHY(
    420,
    0.25,
    [{ incident: A, burn: 40 }],
    0.35,
  ),
  'cart-service-availability': HEALTHY(900, 0.15, [{ incident: B, burn: 20 }]),
  'cart-service-latency': HEALTHY(900, 0.3, [], 0.45),
  'storefront-web-availability': HEALTHY(2500, 0.2, [
    { incident: B, burn: 35 },
  ]),
  'storefront-web-latency': HEALTHY(
    2500,
    0.3,
    [{ incident: B, burn: 50 }],
    0.55,
  ),
  'auth-gateway-availability': HEALTHY(5000, 0.3, [{ incident: B, burn: 20 }]),
  'auth-gateway-latency': HEALTHY(5000, 0.25, [{ incident: B, burn: 30 }], 0.4),
  'payments-api-availability': {
    story: 'exhausted',
    peakPerMinute: 260,
    baselineBurn: 0.3,
    incidents: [],
    typicalShare: 0.4,
    storyBurn: 8,
  },
  'payments-api-latency': HEALTHY(260, 0.2, [{ incident: A, burn: 30 }]),
  'search-api-availability': {
    story: 'fast-burn',
    peakPerMinute: 1800,
    baselineBurn: 0.2,
    incidents: [],
    typicalShare: 0.4,
    storyBurn: 30,
  },
  'orders-service-availability': HEALTHY(300, 0.2, [{ incident: A, burn: 20 }]),
  'orders-service-latency': HEALTHY(300, 0.25, [{ incident: A, burn: 30 }]),
  'inventory-service-availability': HEALTHY(650, 0.2, [
    { incident: B, burn: 25 },
  ]),
  'inventory-service-latency': HEALTHY(
    650,
    0.25,
    [{ incident: B, burn: 40 }],
    0.4,
  ),
};

/**
 * The profile of a demo SLO; SLOs not in the demo catalog get a healthy
 * profile derived from their name.
 */
export function profileFor(name: string): DemoProfile {
  const known = PROFILES[name];
  if (known) return known;
  const rng = mulberry32(hashString(`profile:${name}`));
  return HEALTHY(
    Math.round(200 + rng() * 800),
    0.2 + rng() * 0.2,
    [],
    0.3 + rng() * 0.2,
  );
}

// ---------------------------------------------------------------------------
// Deterministic randomness

/** FNV-1a hash of a string, 32 bits. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast, seeded PRNG giving numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG for one key (an SLO or service name) and one slot (a minute). */
function rngFor(key: number, slot: number): () => number {
  // murmur3's finaliser spreads neighbouring minutes over the seed space.
  let h = (key ^ Math.imul(slot >>> 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}

/** Standard normal from two uniforms (Box-Muller). */
function gaussian(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** Rounds x up or down with the probability of its fraction: unbiased. */
function stochasticRound(x: number, u: number): number {
  const floor = Math.floor(x);
  return floor + (u < x - floor ? 1 : 0);
}

// ---------------------------------------------------------------------------
// Traffic

/** Acme Shop's customers are in central Europe. */
const LOCAL_OFFSET_HOURS = 1;

const dayFactors = new Map<string, number>();

/** Some days are a little busier or quieter than others: 0.92 to 1.08. */
function dayFactor(service: string, day: number): number {
  const key = `${service}\u0000${day}`;
  let factor = dayFactors.get(key);
  if (factor === undefined) {
    if (dayFactors.size > 10_000) dayFactors.clear();
    factor = 0.92 + 0.16 * rngFor(hashString(`day:${service}`), day)();
    dayFactors.set(key, factor);
  }
  return factor;
}

/**
 * Traffic as a share of the daily peak at a time: low at night (about 12 %
 * at 04:30 local time), highest in the afternoon and evening, about 30 %
 * lower on Saturdays and Sundays, and a little busier or quieter from day to
 * day.
 */
export function trafficLoad(service: string, at: number): number {
  const local = at + LOCAL_OFFSET_HOURS * HOUR_MS;
  const hour = (local % DAY_MS) / HOUR_MS;
  const cycle = (1 - Math.cos((2 * Math.PI * (hour - 4.5)) / 24)) / 2;
  const daily = 0.12 + 0.88 * Math.pow(cycle, 1.4);
  const day = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday: day % 7 is 2 on Saturdays, 3 on Sundays.
  const weekday = ((day % 7) + 7) % 7;
  const weekend = weekday === 2 || weekday === 3 ? 0.7 : 1;
  return daily * weekend * dayFactor(service, day);
}

// ---------------------------------------------------------------------------
// The story

function startOfUtcDay(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}

/** Ramps an episode in over 15 minutes and out over 20. */
function episodeShape(at: number, start: number, end: number): number {
  if (at < start || at >= end) return 0;
  const rampIn = (at - start + MINUTE_MS) / (15 * MINUTE_MS);
  const rampOut = (end - at) / (20 * MINUTE_MS);
  return Math.max(0.2, Math.min(1, rampIn, rampOut));
}

/** Start and end of an incident for a story anchored at `anchor`. */
export function incidentRange(
  incident: DemoIncident,
  anchor: number,
): { start: number; end: number } {
  const start =
    startOfUtcDay(anchor) -
    incident.daysAgo * DAY_MS +
    Math.round(incident.startHourUtc * HOUR_MS);
  return { start, end: start + Math.round(incident.hours * HOUR_MS) };
}

/** What a minute's numbers depend on besides the minute. */
interface MinuteContext {
  slo: DemoSlo;
  trafficKey: number;
  sliKey: number;
  /** Incident episodes: range and burn. */
  episodes: Array<{ start: number; end: number; burn: number }>;
  /** The exhausted or fast-burn episode. */
  story?: { start: number; end: number; burn: number; shaped: boolean };
}

function contextFor(slo: DemoSlo, anchor: number): MinuteContext {
  const { profile } = slo;
  const episodes = profile.incidents.flatMap(({ incident: id, burn }) => {
    const incident = DEMO_INCIDENTS.find(i => i.id === id);
    return incident ? [{ ...incidentRange(incident, anchor), burn }] : [];
  });
  const burn = profile.storyBurn ?? 0;
  let story: MinuteContext['story'];
  if (profile.story === 'exhausted') {
    const start = startOfUtcDay(anchor) - EXHAUSTED_DAYS * DAY_MS;
    story = { start, end: anchor, burn, shaped: true };
  } else if (profile.story === 'fast-burn') {
    story = { start: anchor - FAST_BURN_MS, end: anchor, burn, shaped: false };
  }
  return {
    slo,
    trafficKey: hashString(`traffic:${slo.service}`),
    sliKey: hashString(`sli:${slo.name}`),
    episodes,
    story,
  };
}

/** The burn rate the story asks for at a minute, before noise. */
function storyBurn(ctx: MinuteContext, at: number, load: number): number {
  let burn = 0;
  for (const episode of ctx.episodes) {
    burn += episode.burn * episodeShape(at, episode.start, episode.end);
  }
  const story = ctx.story;
  if (story && at >= story.start && at < story.end) {
    burn += story.shaped
      ? // Exhausted: worse when busy (the payment provider struggles under
        // load), ramping in when the trouble started.
        story.burn *
        (0.7 + 0.6 * load) *
        episodeShape(at, story.start, Infinity)
      : // Fast burn: a sharp onset (a bad deploy), no ramp.
        story.burn;
  }
  return burn;
}

function isUpperBound(op: OpenSloOperator): boolean {
  return op === 'lt' || op === 'lte';
}

/**
 * The strictest objective of a threshold SLO: the lowest value for lt/lte,
 * the highest for gt/gte.
 */
function strictest(thresholds: DemoSlo['thresholds']): {
  op: OpenSloOperator;
  value: number;
} {
  return thresholds.reduce((best, t) => {
    if (isUpperBound(best.op)) return t.value < best.value ? t : best;
    return t.value > best.value ? t : best;
  });
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The event of one SLO for the minute starting at `at`. */
function minuteEvent(ctx: MinuteContext, at: number): SliEvent {
  const { slo } = ctx;
  const minute = at / MINUTE_MS;
  const { profile } = slo;
  const load = trafficLoad(slo.service, at);
  // Traffic is keyed by service, so an availability and a latency SLO of the
  // same service see the same requests; errors are keyed by SLO.
  const traffic = rngFor(ctx.trafficKey, minute);
  const rng = rngFor(ctx.sliKey, minute);
  // Draw a fixed number of values so every branch uses the same stream.
  const u = [rng(), rng(), rng(), rng(), rng(), rng(), rng(), rng()];
  const noise = Math.exp(0.6 * gaussian(u[0], u[1]) - 0.18);
  const burn =
    profile.baselineBurn * noise +
    storyBurn(ctx, at, load) * (0.85 + 0.3 * u[2]);
  const budget = Math.max(1e-6, 1 - slo.target);

  if (slo.kind === 'threshold') {
    const limit = strictest(slo.thresholds);
    const upper = isUpperBound(limit.op);
    const bad = u[3] < Math.min(1, burn * budget);
    let value: number;
    if (bad) {
      // Beyond the objective, sometimes far beyond.
      value = upper
        ? limit.value * (1.05 + 1.5 * u[4] * u[4])
        : limit.value * (0.95 - 0.5 * u[4]);
    } else {
      const typical = limit.value * profile.typicalShare;
      // Slower when busy, log-normal noise and an occasional long tail.
      const tail = u[5] < 0.03 ? 1 + 1.2 * u[6] : 1;
      const drawn =
        typical *
        (1 + 0.2 * load) *
        Math.exp(0.15 * gaussian(u[6], u[7])) *
        tail;
      if (upper) {
        value =
          drawn < limit.value * 0.95
            ? drawn
            : limit.value * (0.75 + 0.2 * u[7]);
      } else {
        const mirrored = limit.value * (2 - drawn / limit.value);
        value = mirrored > limit.value * 1.05 ? mirrored : limit.value * 1.2;
      }
    }
    return { slo: slo.ref, timestamp: at, value: roundTo(value, 4) };
  }

  const trafficNoise = 1 + 0.06 * gaussian(traffic(), traffic());
  const total = Math.max(
    1,
    Math.round(profile.peakPerMinute * load * trafficNoise),
  );

  if (
    slo.budgetingMethod === 'Timeslices' &&
    slo.timeSliceTarget !== undefined
  ) {
    // The budget is in bad minutes: a minute is bad with probability
    // burn × (1 − target), and then its ratio is below timeSliceTarget.
    const sliceBudget = 1 - slo.timeSliceTarget;
    const allowed = Math.floor(total * sliceBudget * 0.999);
    let errors: number;
    if (u[3] < Math.min(1, burn * budget)) {
      errors = Math.max(
        allowed + 1,
        Math.round(total * sliceBudget * (1.5 + 4 * u[4])),
      );
    } else {
      const level = profile.story === 'exhausted' && burn > 1 ? 0.4 : 0.1;
      errors = Math.min(
        allowed,
        stochasticRound(total * sliceBudget * level * noise, u[5]),
      );
    }
    const bad = Math.min(total, errors);
    return { slo: slo.ref, timestamp: at, good: total - bad, total };
  }

  // Occurrences and RatioTimeslices: the error rate is burn × (1 − target).
  const bad = Math.min(
    total,
    stochasticRound(total * Math.min(1, burn * budget), u[3]),
  );
  return { slo: slo.ref, timestamp: at, good: total - bad, total };
}

/**
 * Per-minute SLI events of a demo SLO for the minutes starting in
 * `[range.start, range.end)` (start rounded up to a whole minute).
 *
 * @param anchor - The story's present, epoch ms: the end of the seeded
 *   history (the seeder uses the start of the current minute, the live feed
 *   the end of the minutes it sends). Incidents are
 *   placed on fixed days before its UTC day, an exhausted SLO's trouble
 *   covers the 10 days before that day up to the anchor, and a fast-burning
 *   SLO burns in the 45 minutes before the anchor. Minutes at or after the
 *   anchor get background traffic only. The numbers of a minute depend on
 *   the SLO, the minute and the anchor's story, not on `range`.
 */
export function demoEvents(
  slo: DemoSlo,
  range: { start: number; end: number },
  anchor: number,
): SliEvent[] {
  const ctx = contextFor(slo, anchor);
  const events: SliEvent[] = [];
  const first = Math.ceil(range.start / MINUTE_MS) * MINUTE_MS;
  for (let at = first; at < range.end; at += MINUTE_MS) {
    events.push(minuteEvent(ctx, at));
  }
  return events;
}

// ---------------------------------------------------------------------------
// Catalog entities

/** The parts of a catalog entity read here. */
export interface EntityLike {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: unknown;
}

function sourcesOf(spec: OpenSloSliSpec): Array<string | undefined> {
  if (spec.thresholdMetric) return [spec.thresholdMetric.metricSource.type];
  const ratio = spec.ratioMetric;
  if (!ratio) return [];
  return [ratio.good, ratio.bad, ratio.total, ratio.raw]
    .filter(metric => metric !== undefined)
    .map(metric => metric?.metricSource.type);
}

/** `sli:<namespace>/<name>` of an indicatorRef. */
export function sliRefOf(indicatorRef: string, namespace: string): string {
  const withoutKind = indicatorRef.replace(/^sli:/i, '');
  const [ns, name] = withoutKind.includes('/')
    ? withoutKind.split('/', 2)
    : [namespace, withoutKind];
  return `sli:${ns.toLocaleLowerCase('en-US')}/${name}`;
}

/** `<kind>:<namespace>/<name>` of an entity, kind and namespace lower-case. */
export function entityRefOf(entity: EntityLike): string {
  const namespace = (entity.metadata.namespace ?? 'default').toLocaleLowerCase(
    'en-US',
  );
  return `${entity.kind.toLocaleLowerCase('en-US')}:${namespace}/${
    entity.metadata.name
  }`;
}

/**
 * The demo SLO of a catalog SLO entity, or undefined when it is not a valid
 * OpenSLO SLO or its SLI is not read from the built-in store (every metric
 * source must have `type: BuiltIn`, or `sourceType` when given: the
 * Prometheus demo profile describes its `Prometheus` SLOs). An indicatorRef
 * is looked up with `findSli` by `sli:<namespace>/<name>`.
 */
export function describeDemoSlo(
  entity: EntityLike,
  findSli: (ref: string) => EntityLike | undefined = () => undefined,
  sourceType: string = BUILT_IN_SLI_SOURCE_TYPE,
): DemoSlo | undefined {
  const validated = validateOpenSloDocument(entity);
  if (!validated.ok || validated.value.kind !== 'SLO') return undefined;
  const slo = validated.value;
  const namespace = entity.metadata.namespace ?? 'default';
  let indicator: OpenSloSliSpec | undefined = slo.spec.indicator?.spec;
  if (!indicator && slo.spec.indicatorRef) {
    const sli = findSli(sliRefOf(slo.spec.indicatorRef, namespace));
    const parsed = sli ? validateOpenSloDocument(sli) : undefined;
    if (parsed?.ok && parsed.value.kind === 'SLI')
      indicator = parsed.value.spec;
  }
  if (!indicator) return undefined;
  const sources = sourcesOf(indicator);
  if (sources.length === 0 || sources.some(type => type !== sourceType)) {
    return undefined;
  }
  const ratio = indicator.ratioMetric;
  // A raw ratio cannot be sent as good/total counts.
  if (ratio && (ratio.raw || !ratio.total || !(ratio.good || ratio.bad))) {
    return undefined;
  }
  const objective = slo.spec.objectives[0];
  const target = objective ? objectiveTarget(objective) : undefined;
  if (target === undefined) return undefined;
  const thresholds = slo.spec.objectives.flatMap(o =>
    o.op !== undefined && o.value !== undefined
      ? [{ op: o.op, value: o.value }]
      : [],
  );
  const kind = indicator.thresholdMetric ? 'threshold' : 'ratio';
  if (kind === 'threshold' && thresholds.length === 0) return undefined;
  return {
    ref: entityRefOf(entity),
    name: slo.metadata.name,
    service: slo.spec.service,
    kind,
    budgetingMethod: slo.spec.budgetingMethod,
    target,
    timeSliceTarget: objective.timeSliceTarget,
    thresholds,
    profile: profileFor(slo.metadata.name),
  };
}
