import { burnRateOver } from './burnRate';
import type { SliSample, SloDefinition } from './types';

/** How long before and after a deployment its burn is compared. */
export const DEPLOYMENT_BURN_SPAN_MS = 3_600_000;

/**
 * A deployment "likely caused burn" when the burn rate in the hour after it
 * is at least this (budget spent twice as fast as the window allows)...
 *
 * @public
 */
export const LIKELY_BURN_MIN_RATE = 2;

/**
 * ...and at least this many times the burn rate of the hour before.
 *
 * @public
 */
export const LIKELY_BURN_JUMP = 2;

/**
 * The burn of one SLO objective around a deployment.
 *
 * @public
 */
export interface DeploymentBurn {
  burnRateBefore: number | null;
  burnRateAfter: number | null;
  /** Share of the window's error budget spent in the span before. */
  budgetConsumedBefore: number | null;
  /** Share of the window's error budget spent in the span after. */
  budgetConsumedAfter: number | null;
  likelyCausedBurn: boolean;
}

/**
 * Compares the error budget an SLO spent in the span (one hour) after a
 * deployment with the span before it.
 *
 * @remarks
 * Budget consumed over a span is `burn rate × span / window`: a burn rate of
 * 1 spends exactly the whole budget over the whole window. The deployment
 * likely caused burn when the burn rate after is at least
 * {@link LIKELY_BURN_MIN_RATE} and at least {@link LIKELY_BURN_JUMP} times
 * the burn rate before (any rate after no traffic before counts as a jump).
 *
 * @public
 */
export function burnAroundDeployment(
  samples: ReadonlyArray<SliSample>,
  slo: SloDefinition,
  deployedAt: number,
  spanMs: number = DEPLOYMENT_BURN_SPAN_MS,
): DeploymentBurn {
  const before = burnRateOver(samples, slo, {
    start: deployedAt - spanMs,
    end: deployedAt,
  });
  const after = burnRateOver(samples, slo, {
    start: deployedAt,
    end: deployedAt + spanMs,
  });
  const consumed = (rate: number | null) =>
    rate === null ? null : (rate * spanMs) / slo.windowMs;
  return {
    burnRateBefore: before,
    burnRateAfter: after,
    budgetConsumedBefore: consumed(before),
    budgetConsumedAfter: consumed(after),
    likelyCausedBurn: likelyCausedBurn(before, after),
  };
}

/**
 * The jump rule of {@link burnAroundDeployment}.
 *
 * @public
 */
export function likelyCausedBurn(
  before: number | null,
  after: number | null,
): boolean {
  if (after === null || after < LIKELY_BURN_MIN_RATE) return false;
  if (before === null) return true;
  return after >= LIKELY_BURN_JUMP * before;
}
