import type { TimeRange } from '../openslo/windowBounds';

/**
 * Fraction of the SLO window that has been observed, in [0, 1].
 *
 * @remarks
 * `(min(now, window.end) − max(window.start, observedSince)) / window length`.
 * Below 1 when the SLO is younger than its window, or a calendar period has
 * not finished. Gaps inside the observed span still count as observed (no
 * traffic is information too).
 *
 * @public
 */
export function windowCoverage(
  window: TimeRange,
  now: number,
  observedSince: number,
): number {
  const length = window.end - window.start;
  if (!(length > 0)) return 0;
  const observed =
    Math.min(now, window.end) - Math.max(window.start, observedSince);
  return Math.min(1, Math.max(0, observed / length));
}
