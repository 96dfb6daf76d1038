/**
 * Tolerance for comparing ratios computed in floating point, so that e.g.
 * exactly spending the budget counts as exhausted.
 *
 * @public
 */
export const SLO_EPSILON = 1e-9;

/**
 * Rounds away floating point noise (12 significant digits), so that
 * 0.02 × 720 reads 14.4 and not 14.399999999999999.
 *
 * @internal
 */
export function roundNoise(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
}
