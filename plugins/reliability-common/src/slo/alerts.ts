import type { TimeRange } from '../openslo/windowBounds';
import { burnRateOver } from './burnRate';
import { roundNoise } from './numbers';
import type { SliSample, SloDefinition } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * One multi-window burn rate alert rule.
 *
 * @public
 */
export interface BurnRateRule {
  severity: 'page' | 'ticket';
  longWindowMs: number;
  shortWindowMs: number;
  /** Share of the whole budget the rule allows to be spent in longWindowMs. */
  budgetFraction: number;
}

/**
 * The multi-window, multi-burn-rate rules of the Google SRE Workbook
 * ("Alerting on SLOs"), for a 30 day window: page at 14.4 (1h and 5m) and 6
 * (6h and 30m), ticket at 3 (1d and 2h) and 1 (3d and 6h).
 *
 * @remarks
 * Stored as the budget share each rule lets burn in its long window (2% in
 * 1h, 5% in 6h, 10% in 1d, 10% in 3d), so thresholds scale to any SLO
 * window: see {@link burnRateThreshold}.
 *
 * @public
 */
export const SRE_WORKBOOK_BURN_RATE_RULES: ReadonlyArray<BurnRateRule> =
  Object.freeze([
    {
      severity: 'page',
      longWindowMs: HOUR,
      shortWindowMs: 5 * MINUTE,
      budgetFraction: 0.02,
    },
    {
      severity: 'page',
      longWindowMs: 6 * HOUR,
      shortWindowMs: 30 * MINUTE,
      budgetFraction: 0.05,
    },
    {
      severity: 'ticket',
      longWindowMs: DAY,
      shortWindowMs: 2 * HOUR,
      budgetFraction: 0.1,
    },
    {
      severity: 'ticket',
      longWindowMs: 3 * DAY,
      shortWindowMs: 6 * HOUR,
      budgetFraction: 0.1,
    },
  ] as const);

/**
 * Burn rate threshold of a rule for an SLO window.
 *
 * @remarks
 * A burn rate b spends b × longWindow / sloWindow of the budget in the long
 * window. The rule fires when that exceeds its budget fraction, so the
 * threshold is budgetFraction × sloWindow / longWindow: 14.4, 6, 3 and 1 for
 * a 30 day window; 13.44, 5.6, 2.8, 0.933… for 28 days.
 *
 * @public
 */
export function burnRateThreshold(
  rule: BurnRateRule,
  sloWindowMs: number,
): number {
  return roundNoise((rule.budgetFraction * sloWindowMs) / rule.longWindowMs);
}

/**
 * A rule with its threshold, measured burn rates and outcome.
 *
 * @public
 */
export interface BurnRateRuleEvaluation extends BurnRateRule {
  threshold: number;
  /** Null when there was no traffic in the window. */
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** False when the long window is longer than the SLO window itself. */
  applicable: boolean;
  firing: boolean;
}

/**
 * Overall alert state and the rules behind it.
 *
 * @public
 */
export interface BurnRateAlertEvaluation {
  /** page if any page rule fires, else ticket if any ticket rule fires. */
  state: 'none' | 'ticket' | 'page';
  rules: BurnRateRuleEvaluation[];
}

/**
 * Evaluates burn rate rules given a way to read the burn rate over the last
 * `windowMs`.
 *
 * @remarks
 * A rule fires when both its long and short window burn rates are above the
 * threshold (the short window makes the alert stop soon after the problem
 * does). Rules whose long window exceeds the SLO window never fire. A window
 * without traffic (null) does not fire.
 *
 * @public
 */
export function evaluateBurnRateRules(
  burnRateFor: (windowMs: number) => number | null,
  sloWindowMs: number,
  rules: ReadonlyArray<BurnRateRule> = SRE_WORKBOOK_BURN_RATE_RULES,
): BurnRateAlertEvaluation {
  const evaluated = rules.map(rule => {
    const threshold = burnRateThreshold(rule, sloWindowMs);
    const longBurnRate = burnRateFor(rule.longWindowMs);
    const shortBurnRate = burnRateFor(rule.shortWindowMs);
    const applicable = rule.longWindowMs <= sloWindowMs;
    const firing =
      applicable &&
      longBurnRate !== null &&
      shortBurnRate !== null &&
      longBurnRate > threshold &&
      shortBurnRate > threshold;
    return {
      ...rule,
      threshold,
      longBurnRate,
      shortBurnRate,
      applicable,
      firing,
    };
  });
  let state: BurnRateAlertEvaluation['state'] = 'none';
  if (evaluated.some(r => r.firing && r.severity === 'page')) state = 'page';
  else if (evaluated.some(r => r.firing)) state = 'ticket';
  return { state, rules: evaluated };
}

/**
 * Evaluates burn rate rules on samples, each window ending at `now`.
 *
 * @public
 */
export function evaluateBurnRateAlerts(
  samples: ReadonlyArray<SliSample>,
  slo: SloDefinition,
  now: number,
  rules: ReadonlyArray<BurnRateRule> = SRE_WORKBOOK_BURN_RATE_RULES,
): BurnRateAlertEvaluation {
  const cache = new Map<number, number | null>();
  const burnRateFor = (windowMs: number) => {
    if (!cache.has(windowMs)) {
      const range: TimeRange = { start: now - windowMs, end: now };
      cache.set(windowMs, burnRateOver(samples, slo, range));
    }
    return cache.get(windowMs) ?? null;
  };
  return evaluateBurnRateRules(burnRateFor, slo.windowMs, rules);
}
