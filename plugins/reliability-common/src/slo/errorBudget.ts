import type { SliMeasurement, SloDefinition } from './types';

/**
 * Error budget over the full SLO window.
 *
 * @public
 */
export interface ErrorBudget {
  /** Budget as a ratio of events or time: 1 − target. */
  total: number;
  /** Share of the budget spent; above 1 when overspent. */
  consumed: number;
  /** 1 − consumed; negative when overspent. */
  remaining: number;
  /** remaining clamped to [0, 1], for gauges. */
  remainingClamped: number;
  /**
   * Occurrences: allowed bad events over the full window (observed traffic
   * extrapolated by coverage), bad events so far, and what is left.
   */
  events?: { allowed: number; bad: number; remaining: number };
  /** Timeslices and RatioTimeslices: bad time allowed, used and left. */
  time?: { allowedMs: number; usedMs: number; remainingMs: number };
}

function share(used: number, allowed: number): number {
  if (used <= 0) return 0;
  return allowed > 0 ? used / allowed : Infinity;
}

function budgetFrom(
  total: number,
  consumed: number,
): Pick<ErrorBudget, 'total' | 'consumed' | 'remaining' | 'remainingClamped'> {
  const remaining = 1 - consumed;
  return {
    total,
    consumed,
    remaining,
    remainingClamped: Math.min(1, Math.max(0, remaining)),
  };
}

/**
 * Error budget for a measurement over a window with the given coverage.
 *
 * @remarks
 * The budget is always for the full window. Occurrences:
 * consumed = (1 − sli) × coverage / (1 − target), i.e. bad events divided by
 * the bad events allowed if traffic continued at the observed rate for the
 * whole window. Timeslices and RatioTimeslices: consumed = bad time /
 * ((1 − target) × window length). A target of 1 leaves no budget: consumed
 * is 0 without errors and Infinity with any. Returns null without data.
 *
 * @public
 */
export function errorBudget(
  measurement: SliMeasurement,
  slo: SloDefinition,
  coverage: number,
): ErrorBudget | null {
  if (measurement.value === null) return null;
  const total = Math.max(0, 1 - slo.target);
  if (slo.budgetingMethod === 'Occurrences') {
    const safeCoverage = Math.min(1, Math.max(0, coverage));
    // Expected traffic over the full window at the observed rate.
    const expectedTotal =
      safeCoverage > 0 ? measurement.totalEvents / safeCoverage : Infinity;
    // Guard 0 × Infinity: no budget means nothing is allowed.
    const allowed = total > 0 ? total * expectedTotal : 0;
    const bad = measurement.badEvents;
    // bad / allowed, computed from the error rate so that tiny totals
    // (denormal counts) cannot underflow `allowed` to 0.
    const errorRate =
      measurement.totalEvents > 0 ? bad / measurement.totalEvents : 0;
    const consumed =
      total > 0 && safeCoverage > 0 && Number.isFinite(errorRate)
        ? (errorRate * safeCoverage) / total
        : share(bad, allowed);
    return {
      ...budgetFrom(total, consumed),
      events: { allowed, bad, remaining: allowed - bad },
    };
  }
  const allowedMs = total * slo.windowMs;
  const usedMs = measurement.slices?.badTimeMs ?? 0;
  return {
    ...budgetFrom(total, share(usedMs, allowedMs)),
    time: { allowedMs, usedMs, remainingMs: allowedMs - usedMs },
  };
}
