import { sanitizeSample } from './sanitize';
import type { SliSample, TimeSlice } from './types';

/**
 * Groups samples into time slices of `sliceMs`, aligned to multiples of
 * `sliceMs` since the epoch.
 *
 * @remarks
 * Slices without traffic are left out: a gap is neither good nor bad time.
 * Samples should be no longer than a slice; a sample is put in the slice its
 * start falls in.
 *
 * @public
 */
export function toTimeSlices(
  samples: ReadonlyArray<SliSample>,
  sliceMs: number,
): TimeSlice[] {
  if (!(sliceMs > 0)) throw new RangeError('sliceMs must be positive');
  const byStart = new Map<number, { good: number; total: number }>();
  for (const raw of samples) {
    const sample = sanitizeSample(raw);
    if (sample.total === 0) continue;
    const start = Math.floor(sample.start / sliceMs) * sliceMs;
    const slice = byStart.get(start) ?? { good: 0, total: 0 };
    slice.good += sample.good;
    slice.total += sample.total;
    byStart.set(start, slice);
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, { good, total }]) => ({
      start,
      good,
      total,
      ratio: Math.min(1, good / total),
    }));
}

/**
 * Whether a slice meets its target (ratio ≥ timeSliceTarget).
 *
 * @public
 */
export function isGoodSlice(
  slice: TimeSlice,
  timeSliceTarget: number,
): boolean {
  return slice.ratio >= timeSliceTarget;
}
