import type { SliEvent } from '@reliability-kit/plugin-reliability-common';
import { DEMO_HISTORY_DAYS } from '../chunks';
import { DAY_MS, demoEvents, MINUTE_MS, trafficLoad } from '../history';
import type { HistogramPlan, ProfileSlo } from './profile';

// Prometheus series of the demo profile, from the same per-minute events the
// built-in demo seeds (demoEvents): an OpenMetrics file of the history for
// `promtool tsdb create-blocks-from openmetrics`, then the live values that
// Prometheus scrapes, continuing the same counters.

/** One series: how each minute's event moves it. */
interface Series {
  /** `name{label="value",…}`, labels in the plan's order. */
  key: string;
  /** OpenMetrics family and type, from the name's suffix. */
  family: string;
  type: 'counter' | 'gauge' | 'histogram';
  /** Counters add the minute's amount; gauges take it as their value. */
  cumulative: boolean;
  amount(event: SliEvent, minuteStart: number): number;
}

/** Where a minute's events come from, per SLO. */
interface SloSeries {
  slo: ProfileSlo;
  series: Series[];
}

const SELECTOR = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\}$/;

function familyOf(name: string): Pick<Series, 'family' | 'type'> {
  const match = name.match(/^(.*)_(total|bucket|count|sum)$/);
  if (!match) return { family: name, type: 'gauge' };
  return {
    family: match[1],
    type: match[2] === 'total' ? 'counter' : 'histogram',
  };
}

function checkedKey(key: string): string {
  if (!SELECTOR.test(key)) {
    throw new Error(`series ${key} is not name{label="value",…}`);
  }
  return key;
}

function counts(event: SliEvent): { good: number; total: number } {
  if ('value' in event) throw new Error(`${event.slo}: not a ratio event`);
  return { good: event.good, total: event.total };
}

function gaugeValue(event: SliEvent): number {
  if (!('value' in event)) throw new Error(`${event.slo}: not a value event`);
  return event.value;
}

/**
 * Share of a minute's requests at or below `x` seconds when the minute's
 * `quantile` is `value`: piecewise linear through p50 at value / 4, p95 at
 * value / 2, the quantile at value and the slowest at 1.5 × value. Most
 * requests are far below the quantile, as in real latencies, so that one
 * slow minute turns a five-minute quantile bad only when it is much slower,
 * and the share of bad five-minute quantiles stays close to the share of bad
 * minutes the built-in demo counts.
 */
export function latencyShare(
  x: number,
  value: number,
  quantile: number,
): number {
  if (!(quantile > 0.95 && quantile < 1)) {
    throw new Error(`quantile ${quantile} is not in (0.95, 1)`);
  }
  const points: Array<[number, number]> = [
    [0, 0],
    [value / 4, 0.5],
    [value / 2, 0.95],
    [value, quantile],
    [1.1 * value, quantile + (1 - quantile) * 0.9],
    [1.5 * value, 1],
  ];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    if (x <= x1) {
      const [x0, y0] = points[i - 1];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return 1;
}

function histogramSeries(slo: ProfileSlo, plan: HistogramPlan): Series[] {
  const { demo } = slo;
  const labels = Object.entries(plan.labels).map(
    ([name, value]) => `${name}=${JSON.stringify(value)}`,
  );
  const requests = (at: number) =>
    Math.max(
      1,
      Math.round(demo.profile.peakPerMinute * trafficLoad(demo.service, at)),
    );
  return [...plan.buckets, Infinity].map(le => ({
    key: checkedKey(
      `${plan.family}_bucket{${[
        ...labels,
        `le="${le === Infinity ? '+Inf' : le}"`,
      ].join(',')}}`,
    ),
    family: plan.family,
    type: 'histogram' as const,
    cumulative: true,
    amount: (event: SliEvent, at: number) =>
      Math.round(
        requests(at) * latencyShare(le, gaugeValue(event), plan.quantile),
      ),
  }));
}

function seriesOf(slo: ProfileSlo): Series[] {
  const { plan } = slo;
  if (plan.kind === 'histogram') return histogramSeries(slo, plan);
  if (plan.kind === 'gauge') {
    return [
      {
        key: checkedKey(plan.series),
        family: plan.series.replace(/\{.*$/, ''),
        type: 'gauge',
        cumulative: false,
        amount: gaugeValue,
      },
    ];
  }
  const amounts = {
    good: (e: SliEvent) => counts(e).good,
    bad: (e: SliEvent) => counts(e).total - counts(e).good,
    total: (e: SliEvent) => counts(e).total,
  };
  const roles = (['good', 'bad', 'total'] as const).filter(role => plan[role]);
  if (roles.length !== 2) {
    throw new Error(
      `${slo.demo.name}: give two of good, bad and total, not ${roles.join(
        ', ',
      )}`,
    );
  }
  return roles.map(role => {
    const key = checkedKey(plan[role]!);
    return {
      key,
      ...familyOf(key.replace(/\{.*$/, '')),
      cumulative: true,
      amount: amounts[role],
    };
  });
}

/**
 * A counter's value `share` of the way through a minute that adds `amount`:
 * fractional, so that every part of the minute has its share of good and bad
 * events (with whole numbers a minute's one error would land at one instant,
 * and a one-minute slice that caught it with less than a minute of traffic
 * would look bad). Three decimals at most.
 */
function withinMinute(value: number, amount: number, share: number): number {
  return Math.round((value + amount * share) * 1000) / 1000;
}

/** Start of the history written at `anchor`: as the built-in seeder's. */
export function historyStart(anchor: number): number {
  return Math.floor(anchor / DAY_MS) * DAY_MS - DEMO_HISTORY_DAYS * DAY_MS;
}

/**
 * The series of the profile's SLOs, their history as OpenMetrics and their
 * live values.
 *
 * @remarks
 * Counters start at 0 at the start of the history; within a minute they rise
 * evenly, so samples more often than once a minute (SLOs with one-minute
 * time slices) see part of the minute. A gauge's value is that of the last
 * complete minute. History minutes come from `demoEvents` anchored at the
 * end of the history, later minutes with each minute anchored at its own
 * end, as the built-in demo's live feed sends them.
 */
export class DemoPrometheusMetrics {
  private readonly slos: SloSeries[];
  /** Counter values at the start of minute `next`, gauges' last values. */
  private readonly values = new Map<string, number>();
  private next = NaN;
  private current?: { at: number; events: SliEvent[] };

  constructor(slos: ReadonlyArray<ProfileSlo>) {
    this.slos = slos.map(slo => ({ slo, series: seriesOf(slo) }));
    const owner = new Map<string, string>();
    for (const { slo, series } of this.slos) {
      for (const s of series) {
        const first = owner.get(s.family);
        if (first !== undefined && first !== slo.demo.name) {
          throw new Error(
            `metric family ${s.family} is written for ${first} and ${slo.demo.name}; give each SLO its own`,
          );
        }
        owner.set(s.family, slo.demo.name);
      }
    }
  }

  /** Number of series. */
  get seriesCount(): number {
    return this.slos.reduce((n, s) => n + s.series.length, 0);
  }

  /**
   * Writes the history `[historyStart(anchor), anchor]` as OpenMetrics
   * (ending in `# EOF`) in pieces to `write`, and makes `anchor` the start of
   * the live values. Returns the number of samples.
   */
  writeHistory(anchor: number, write: (text: string) => void): number {
    if (anchor % MINUTE_MS !== 0) {
      throw new Error('the anchor must be a whole minute');
    }
    const start = historyStart(anchor);
    let samples = 0;
    let lines: string[] = [];
    const sample = (key: string, value: number, at: number) => {
      lines.push(`${key} ${value} ${at / 1000}`);
      samples++;
    };
    const flush = () => {
      if (lines.length) write(`${lines.join('\n')}\n`);
      lines = [];
    };
    const typed = new Set<string>();
    for (const { slo, series } of this.slos) {
      const events = demoEvents(slo.demo, { start, end: anchor }, anchor);
      const ordered = [...series].sort((a, b) =>
        a.family.localeCompare(b.family),
      );
      for (const s of ordered) {
        if (!typed.has(s.family)) {
          typed.add(s.family);
          lines.push(`# TYPE ${s.family} ${s.type}`);
        }
        let value = 0;
        const steps = MINUTE_MS / slo.sampleMs;
        for (let i = 0; i < events.length; i++) {
          const at = start + i * MINUTE_MS;
          const amount = s.amount(events[i], at);
          for (let k = 0; k < steps; k++) {
            const t = at + k * slo.sampleMs;
            if (s.cumulative) {
              sample(s.key, withinMinute(value, amount, k / steps), t);
            } else if (i > 0) {
              sample(s.key, value, t);
            }
          }
          value = s.cumulative ? value + amount : amount;
          if (lines.length >= 20_000) flush();
        }
        sample(s.key, value, anchor);
        this.values.set(s.key, value);
      }
    }
    lines.push('# EOF');
    flush();
    this.next = anchor;
    this.current = undefined;
    return samples;
  }

  private eventsOf(at: number): SliEvent[] {
    if (this.current?.at !== at) {
      const range = { start: at, end: at + MINUTE_MS };
      this.current = {
        at,
        events: this.slos.map(
          ({ slo }) => demoEvents(slo.demo, range, range.end)[0],
        ),
      };
    }
    return this.current.events;
  }

  /**
   * The values at `now` in Prometheus's text format, for scraping. Minutes
   * complete since the last call are added first. Needs writeHistory first.
   */
  exposition(now: number): string {
    if (Number.isNaN(this.next)) throw new Error('write the history first');
    while (this.next + MINUTE_MS <= now) {
      const events = this.eventsOf(this.next);
      this.slos.forEach(({ series }, i) => {
        for (const s of series) {
          const amount = s.amount(events[i], this.next);
          const before = this.values.get(s.key) ?? 0;
          this.values.set(s.key, s.cumulative ? before + amount : amount);
        }
      });
      this.next += MINUTE_MS;
    }
    const share = Math.max(0, Math.min(1, (now - this.next) / MINUTE_MS));
    const events = this.eventsOf(this.next);
    const lines: string[] = [];
    this.slos.forEach(({ series }, i) => {
      for (const s of series) {
        const value = this.values.get(s.key) ?? 0;
        const shown = s.cumulative
          ? withinMinute(value, s.amount(events[i], this.next), share)
          : value;
        lines.push(`${s.key} ${shown}`);
      }
    });
    return `${lines.join('\n')}\n`;
  }
}
