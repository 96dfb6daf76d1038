import type { SliSample } from './types';

/**
 * A count that is safe to add up: non-finite or negative values become 0.
 *
 * @public
 */
export function sanitizeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * A sample with sane counts: see {@link SliSample} for the rules.
 *
 * @public
 */
export function sanitizeSample(sample: SliSample): SliSample {
  const total = sanitizeCount(sample.total);
  const good = Math.min(sanitizeCount(sample.good), total);
  return { start: sample.start, good, total };
}
