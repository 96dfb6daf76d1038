import { SLO_EPSILON } from './numbers';

/**
 * Overall state of an SLO.
 *
 * @public
 */
export type SloStatus =
  | 'healthy'
  | 'warning'
  | 'breaching'
  | 'exhausted'
  | 'no-data';

/**
 * Default remaining-budget share under which an SLO is in warning.
 *
 * @public
 */
export const DEFAULT_BUDGET_WARNING_THRESHOLD = 0.25;

/**
 * Decides the SLO status. The first rule that matches wins:
 *
 * 1. no-data: no traffic in the window (sli is null);
 * 2. exhausted: remaining budget ≤ 0;
 * 3. breaching: SLI below target (budget not yet gone, which happens when
 *    part of the window is unobserved);
 * 4. warning: a burn rate alert fires, or remaining budget is below the
 *    warning threshold (default 0.25);
 * 5. healthy.
 *
 * Comparisons allow {@link SLO_EPSILON} for floating point.
 *
 * @public
 */
export function sloStatus(input: {
  sli: number | null;
  target: number;
  remaining: number | null;
  alertState: 'none' | 'ticket' | 'page';
  warningThreshold?: number;
}): SloStatus {
  const { sli, target, remaining, alertState } = input;
  const warningThreshold =
    input.warningThreshold ?? DEFAULT_BUDGET_WARNING_THRESHOLD;
  if (sli === null || remaining === null || Number.isNaN(remaining)) {
    return 'no-data';
  }
  if (remaining <= SLO_EPSILON) return 'exhausted';
  if (sli < target - SLO_EPSILON) return 'breaching';
  if (alertState !== 'none' || remaining < warningThreshold) return 'warning';
  return 'healthy';
}
