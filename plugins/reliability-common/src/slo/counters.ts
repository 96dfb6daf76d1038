import { sanitizeCount } from './sanitize';
import type { SliSample } from './types';

/**
 * A raw reading of a cumulative counter.
 *
 * @public
 */
export interface CounterReading {
  /** Epoch ms. */
  timestamp: number;
  value: number;
}

/**
 * The increase of a counter between two readings.
 *
 * @public
 */
export interface CounterIncrease {
  start: number;
  end: number;
  increase: number;
}

/**
 * Increase between consecutive counter readings, like Prometheus
 * `increase()` without extrapolation.
 *
 * @remarks
 * A drop in value means the counter restarted from 0, so the increase is the
 * new value itself. Readings are sorted by time first; non-finite values
 * count as 0.
 *
 * @public
 */
export function counterIncreases(
  readings: ReadonlyArray<CounterReading>,
): CounterIncrease[] {
  const sorted = [...readings].sort((a, b) => a.timestamp - b.timestamp);
  const out: CounterIncrease[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const previous = sanitizeCount(sorted[i - 1].value);
    const current = sanitizeCount(sorted[i].value);
    out.push({
      start: sorted[i - 1].timestamp,
      end: sorted[i].timestamp,
      increase: current >= previous ? current - previous : current,
    });
  }
  return out;
}

/**
 * A raw reading of a pair of cumulative good/total counters.
 *
 * @public
 */
export interface CumulativeSliReading {
  timestamp: number;
  good: number;
  total: number;
}

/**
 * Turns cumulative good/total counter readings into per-bucket samples.
 *
 * @remarks
 * Each bucket starts at a reading and ends at the next. The counters are
 * reset-corrected separately (see {@link counterIncreases}); when resets make
 * good exceed total in a bucket, good is capped at total.
 *
 * @public
 */
export function cumulativeToSliSamples(
  readings: ReadonlyArray<CumulativeSliReading>,
): SliSample[] {
  const sorted = [...readings].sort((a, b) => a.timestamp - b.timestamp);
  const good = counterIncreases(
    sorted.map(r => ({ timestamp: r.timestamp, value: r.good })),
  );
  const total = counterIncreases(
    sorted.map(r => ({ timestamp: r.timestamp, value: r.total })),
  );
  return total.map((t, i) => ({
    start: t.start,
    good: Math.min(good[i].increase, t.increase),
    total: t.increase,
  }));
}
