import { samplesInRange } from './range';
import { measureSli } from './sli';
import type { SliSample, SloDefinition } from './types';
import type { TimeRange } from '../openslo/windowBounds';

/**
 * Burn rate: how fast the error budget is spent relative to the rate that
 * would spend exactly all of it over the SLO window.
 *
 * @remarks
 * `(1 − sli) / (1 − target)`. Null when sli is null (no data). With a target
 * of 1 there is no budget: 0 when there are no errors, otherwise Infinity.
 *
 * @public
 */
export function burnRate(sli: number | null, target: number): number | null {
  if (sli === null || !Number.isFinite(sli)) return null;
  const errorRate = Math.max(0, 1 - sli);
  const budget = 1 - target;
  if (budget <= 0) return errorRate === 0 ? 0 : Infinity;
  return errorRate / budget;
}

/**
 * Burn rate over the samples in a time range, using the SLO's budgeting
 * method for the SLI.
 *
 * @public
 */
export function burnRateOver(
  samples: ReadonlyArray<SliSample>,
  slo: SloDefinition,
  range: TimeRange,
): number | null {
  return burnRate(
    measureSli(samplesInRange(samples, range), slo).value,
    slo.target,
  );
}
