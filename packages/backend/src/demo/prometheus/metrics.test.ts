import type { SliEvent } from '@reliability-kit/plugin-reliability-common';
import { demoEvents, MINUTE_MS } from '../history';
import { DemoPrometheusMetrics, historyStart, latencyShare } from './metrics';
import {
  describeProfileSlos,
  loadProfileCatalog,
  type ProfileSlo,
} from './profile';

const all = describeProfileSlos(loadProfileCatalog());
function slo(name: string): ProfileSlo {
  const found = all.find(s => s.demo.name === name);
  if (!found) throw new Error(`${name} is not in the profile`);
  return found;
}

// A Tuesday afternoon; the history starts 30 days before its UTC day.
const anchor = Date.parse('2026-11-24T16:37:00Z');

/** The OpenMetrics text of some SLOs, in lines. */
function history(slos: ProfileSlo[]): {
  metrics: DemoPrometheusMetrics;
  lines: string[];
  samples: number;
} {
  const metrics = new DemoPrometheusMetrics(slos);
  const chunks: string[] = [];
  const samples = metrics.writeHistory(anchor, text => chunks.push(text));
  return { metrics, lines: chunks.join('').trimEnd().split('\n'), samples };
}

/** Samples per series: `name{labels}` → [value, seconds][]. */
function bySeries(lines: string[]): Map<string, Array<[number, number]>> {
  const series = new Map<string, Array<[number, number]>>();
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    const [key, value, at] = line.split(' ');
    const points = series.get(key) ?? [];
    points.push([Number(value), Number(at)]);
    series.set(key, points);
  }
  return series;
}

function exposed(text: string): Map<string, number> {
  return new Map(
    text
      .trimEnd()
      .split('\n')
      .map(line => {
        const [key, value] = line.split(' ');
        return [key, Number(value)] as const;
      }),
  );
}

function ratio(event: SliEvent): { good: number; total: number } {
  if ('value' in event) throw new Error('not a ratio event');
  return event;
}

describe('latencyShare', () => {
  it('puts the quantile at the value and rises from 0 to 1', () => {
    expect(latencyShare(0.2, 0.2, 0.99)).toBeCloseTo(0.99, 12);
    expect(latencyShare(0, 0.2, 0.99)).toBe(0);
    expect(latencyShare(0.3, 0.2, 0.99)).toBe(1);
    expect(() => latencyShare(0.1, 0.2, 0.9)).toThrow(/not in/);
    let previous = 0;
    for (let x = 0; x <= 1; x += 0.01) {
      const share = latencyShare(x, 0.2, 0.99);
      expect(share).toBeGreaterThanOrEqual(previous);
      previous = share;
    }
  });
});

describe('DemoPrometheusMetrics', () => {
  const availability = slo('payments-api-availability');
  const latency = slo('inventory-service-latency');
  const { metrics, lines, samples } = history([availability, latency]);
  const series = bySeries(lines);
  const start = historyStart(anchor);
  const events = demoEvents(availability.demo, { start, end: anchor }, anchor);

  it('writes OpenMetrics: typed families, one after the other, then # EOF', () => {
    expect(lines[0]).toBe('# TYPE payments_authorisations counter');
    expect(lines.at(-1)).toBe('# EOF');
    expect(lines.filter(l => l.startsWith('# TYPE'))).toEqual([
      '# TYPE payments_authorisations counter',
      '# TYPE inventory_reservation_duration_p99_seconds gauge',
    ]);
    expect(samples).toBe(lines.length - 3);
    // Each series is written in one run, in time order.
    const runs = lines
      .filter(line => !line.startsWith('#'))
      .map(line => line.split(' ')[0])
      .filter((key, i, keys) => key !== keys[i - 1]);
    expect(runs).toEqual([...series.keys()]);
    for (const points of series.values()) {
      for (let i = 1; i < points.length; i++) {
        expect(points[i][1]).toBeGreaterThan(points[i - 1][1]);
      }
    }
  });

  it('counts the demo events: good and bad counters from the start of the history', () => {
    const approved = series.get(
      'payments_authorisations_total{service="payments-api",outcome="approved"}',
    )!;
    const failed = series.get(
      'payments_authorisations_total{service="payments-api",outcome="error"}',
    )!;
    // Every 20 s (one-minute time slices), from 0 to the sums at the anchor.
    expect(approved[0]).toEqual([0, start / 1000]);
    expect(approved[1][1] - approved[0][1]).toBe(20);
    expect(approved.at(-1)).toEqual([
      events.reduce((sum, e) => sum + ratio(e).good, 0),
      anchor / 1000,
    ]);
    expect(failed.at(-1)![0]).toBe(
      events.reduce((sum, e) => sum + ratio(e).total - ratio(e).good, 0),
    );
    // On each minute, the counts of the minutes before it.
    const tenDaysIn = 10 * 24 * 60;
    expect(approved[tenDaysIn * 3][0]).toBe(
      events.slice(0, tenDaysIn).reduce((sum, e) => sum + ratio(e).good, 0),
    );
    for (let i = 1; i < approved.length; i++) {
      expect(approved[i][0]).toBeGreaterThanOrEqual(approved[i - 1][0]);
    }
  });

  it('gives a gauge the value of the last complete minute', () => {
    const gauge = series.get(
      'inventory_reservation_duration_p99_seconds{service="inventory-service"}',
    )!;
    const values = demoEvents(latency.demo, { start, end: anchor }, anchor);
    expect(gauge[0]).toEqual([
      (values[0] as { value: number }).value,
      (start + MINUTE_MS) / 1000,
    ]);
    expect(gauge.at(-1)).toEqual([
      (values.at(-1) as { value: number }).value,
      anchor / 1000,
    ]);
  });

  it('continues the counters live, a minute at a time as the live feed', () => {
    const key =
      'payments_authorisations_total{service="payments-api",outcome="approved"}';
    const atAnchor = series.get(key)!.at(-1)![0];
    const live = [0, 1, 2].map(
      i =>
        demoEvents(
          availability.demo,
          { start: anchor + i * MINUTE_MS, end: anchor + (i + 1) * MINUTE_MS },
          anchor + (i + 1) * MINUTE_MS,
        )[0],
    );
    const half = exposed(metrics.exposition(anchor + 2.5 * MINUTE_MS));
    expect(half.get(key)).toBe(
      atAnchor +
        ratio(live[0]).good +
        ratio(live[1]).good +
        ratio(live[2]).good / 2,
    );
    const three = exposed(metrics.exposition(anchor + 3 * MINUTE_MS));
    expect(three.get(key)).toBe(
      atAnchor + live.reduce((sum, e) => sum + ratio(e).good, 0),
    );
    expect([...three.keys()]).toEqual([...series.keys()]);
  });

  it('keeps histogram buckets cumulative', () => {
    const { lines: histogram } = history([slo('search-api-latency')]);
    const buckets = bySeries(histogram);
    const keys = [...buckets.keys()];
    expect(keys.at(-1)).toContain('le="+Inf"');
    for (let i = 1; i < keys.length; i++) {
      const lower = buckets.get(keys[i - 1])!;
      const upper = buckets.get(keys[i])!;
      for (let j = 0; j < upper.length; j += 997) {
        expect(upper[j][0]).toBeGreaterThanOrEqual(lower[j][0]);
      }
    }
  });

  it('refuses a family written for two SLOs', () => {
    expect(
      () =>
        new DemoPrometheusMetrics([
          availability,
          { ...availability, demo: { ...availability.demo, name: 'copy' } },
        ]),
    ).toThrow(/payments_authorisations is written for/);
  });
});
