import type { TimeRange } from '../openslo/windowBounds';
import {
  evaluateBurnRateAlerts,
  SRE_WORKBOOK_BURN_RATE_RULES,
  type BurnRateAlertEvaluation,
  type BurnRateRule,
} from './alerts';
import { burnRate, burnRateOver } from './burnRate';
import { windowCoverage } from './coverage';
import { errorBudget, type ErrorBudget } from './errorBudget';
import {
  forecastBudgetExhaustion,
  type BudgetExhaustionForecast,
} from './forecast';
import { samplesInRange } from './range';
import { measureSli } from './sli';
import { sloStatus, type SloStatus } from './status';
import type { SliMeasurement, SliSample, SloDefinition } from './types';

/**
 * Options of {@link evaluateSlo}.
 *
 * @public
 */
export interface SloEvaluationOptions {
  /** Evaluation time, epoch ms. */
  now: number;
  /**
   * The window; default the rolling window `[now − windowMs, now)`. Pass
   * {@link timeWindowBounds} for calendar windows.
   */
  window?: TimeRange;
  /**
   * Since when the SLO has been measured; default the first sample in the
   * window. Sets coverage for SLOs younger than their window.
   */
  observedSince?: number;
  /** Remaining budget share under which status is warning; default 0.25. */
  warningThreshold?: number;
  /** Default {@link SRE_WORKBOOK_BURN_RATE_RULES}. */
  alertRules?: ReadonlyArray<BurnRateRule>;
  /** Window of the "current" burn rate used for the forecast; default 1h. */
  forecastBurnWindowMs?: number;
}

/**
 * Everything known about an SLO at one moment.
 *
 * @public
 */
export interface SloEvaluation {
  status: SloStatus;
  window: TimeRange;
  /** Observed share of the window, see {@link windowCoverage}. */
  coverage: number;
  sli: SliMeasurement;
  /** Null without data. */
  errorBudget: ErrorBudget | null;
  /** Burn rate over the observed part of the window; null without data. */
  burnRate: number | null;
  /** Burn rate over the last forecastBurnWindowMs; null without data. */
  currentBurnRate: number | null;
  alerts: BurnRateAlertEvaluation;
  forecast: BudgetExhaustionForecast | null;
}

/**
 * Evaluates an SLO over its window: SLI, error budget, burn rates, alerts,
 * exhaustion forecast and status. Pure: the same input gives the same result.
 *
 * @remarks
 * Samples after `now` are ignored. The SLI uses the data that exists; the
 * budget is for the full window length (see {@link errorBudget}).
 *
 * @public
 */
export function evaluateSlo(
  samples: ReadonlyArray<SliSample>,
  slo: SloDefinition,
  options: SloEvaluationOptions,
): SloEvaluation {
  const { now } = options;
  const window = options.window ?? { start: now - slo.windowMs, end: now };
  // Calendar periods differ in length: budget and alert scaling use this one.
  const windowed: SloDefinition = {
    ...slo,
    windowMs: window.end - window.start,
  };
  const observedRange = { start: window.start, end: Math.min(now, window.end) };
  const inWindow = samplesInRange(samples, observedRange);
  const sli = measureSli(inWindow, windowed);
  const firstSample = inWindow.reduce(
    (min, s) => Math.min(min, s.start),
    Infinity,
  );
  const coverage = windowCoverage(
    window,
    now,
    options.observedSince ?? (Number.isFinite(firstSample) ? firstSample : now),
  );
  const budget = errorBudget(sli, windowed, coverage);
  const alerts = evaluateBurnRateAlerts(
    samples.filter(s => s.start < now),
    windowed,
    now,
    options.alertRules ?? SRE_WORKBOOK_BURN_RATE_RULES,
  );
  const forecastWindowMs = options.forecastBurnWindowMs ?? 3_600_000;
  const currentBurnRate = burnRateOver(samples, windowed, {
    start: now - forecastWindowMs,
    end: now,
  });
  const forecast = budget
    ? forecastBudgetExhaustion({
        remaining: budget.remaining,
        burnRate: currentBurnRate,
        windowMs: windowed.windowMs,
        now,
      })
    : null;
  return {
    status: sloStatus({
      sli: sli.value,
      target: slo.target,
      remaining: budget?.remaining ?? null,
      alertState: alerts.state,
      warningThreshold: options.warningThreshold,
    }),
    window,
    coverage,
    sli,
    errorBudget: budget,
    burnRate: burnRate(sli.value, slo.target),
    currentBurnRate,
    alerts,
    forecast,
  };
}
