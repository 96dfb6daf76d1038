/**
 * When the error budget runs out at a constant burn rate.
 *
 * @public
 */
export interface BudgetExhaustionForecast {
  /** Epoch ms. */
  exhaustedAt: number;
  /** ms from now; 0 when already exhausted. */
  inMs: number;
}

/**
 * Forecasts when the remaining budget is spent at the given burn rate.
 *
 * @remarks
 * A burn rate of 1 spends the whole budget in one SLO window, so the time
 * left is remaining × windowMs / burnRate. Returns null when the burn rate is
 * 0, negative or unknown, or when exhaustion is further away than
 * `horizonMs` (default: one window, after which a rolling window has
 * forgotten today's errors and the forecast means little).
 *
 * @public
 */
export function forecastBudgetExhaustion(input: {
  /** Remaining budget as a share (ErrorBudget.remaining). */
  remaining: number;
  burnRate: number | null;
  windowMs: number;
  now: number;
  horizonMs?: number;
}): BudgetExhaustionForecast | null {
  const { remaining, burnRate, windowMs, now } = input;
  const horizonMs = input.horizonMs ?? windowMs;
  if (Number.isNaN(remaining)) return null;
  if (remaining <= 0) return { exhaustedAt: now, inMs: 0 };
  if (burnRate === null || !(burnRate > 0)) return null;
  const inMs = (remaining * windowMs) / burnRate;
  if (!Number.isFinite(inMs) || inMs > horizonMs) return null;
  return { exhaustedAt: now + inMs, inMs };
}
