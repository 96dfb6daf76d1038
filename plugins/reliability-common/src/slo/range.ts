import type { TimeRange } from '../openslo/windowBounds';
import type { SliSample } from './types';

/**
 * Samples whose bucket starts inside `[range.start, range.end)`.
 *
 * @public
 */
export function samplesInRange(
  samples: ReadonlyArray<SliSample>,
  range: TimeRange,
): SliSample[] {
  return samples.filter(s => s.start >= range.start && s.start < range.end);
}
