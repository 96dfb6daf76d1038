import type { BurnRateAlertEvaluation } from '../slo/alerts';
import type { ErrorBudget } from '../slo/errorBudget';
import type { BudgetExhaustionForecast } from '../slo/forecast';
import type { SloStatus } from '../slo/status';
import type { SliMeasurement } from '../slo/types';

/**
 * Burn rates over the windows of the multi-window alerts, keyed by window
 * (`5m`, `30m`, `1h`, `2h`, `6h`, `1d`, `3d`); null without data.
 *
 * @public
 */
export type BurnRatesByWindow = Record<string, number | null>;

/**
 * The evaluation of one objective of an SLO.
 *
 * @public
 */
export interface ObjectiveStatus {
  index: number;
  displayName?: string;
  target: number;
  /** For threshold SLIs: the objective's operator and value. */
  op?: string;
  value?: number;
  status: SloStatus;
  sli: SliMeasurement;
  errorBudget: ErrorBudget | null;
  burnRate: number | null;
  currentBurnRate: number | null;
  burnRates: BurnRatesByWindow;
  alerts: BurnRateAlertEvaluation;
  forecast: BudgetExhaustionForecast | null;
  coverage: number;
}

/**
 * The status of one SLO, as the evaluation stored it.
 *
 * @public
 */
export interface SloStatusSnapshot {
  /** `slo:<namespace>/<name>` */
  slo: string;
  title: string;
  description?: string;
  service?: string;
  owner?: string;
  system?: string;
  domain?: string;
  /** OpenSLO `metricSource.type` of the SLI. */
  sourceType?: string;
  budgetingMethod: string;
  window: {
    duration: string;
    rolling: boolean;
    start: number;
    end: number;
  };
  /** The worst status of the objectives. */
  status: SloStatus;
  /** The lowest remaining budget share of the objectives; null without data. */
  budgetRemaining: number | null;
  objectives: ObjectiveStatus[];
  /** Why there is no data, when status is no-data for a known reason. */
  reason?: string;
  /** True when the last evaluation failed and this is the last good one. */
  stale: boolean;
  /** The failure that made this snapshot stale. */
  error?: string;
  /** Epoch ms of the evaluation that produced the numbers. */
  evaluatedAt: number;
  /** Epoch ms of the last evaluation attempt. */
  checkedAt: number;
}

/**
 * A page of SLO statuses.
 *
 * @public
 */
export interface SloStatusPage {
  items: SloStatusSnapshot[];
  totalCount: number;
  offset: number;
  limit: number;
}

/**
 * One point of an SLO's history.
 *
 * @public
 */
export interface SloHistoryPoint {
  /** Epoch ms. */
  at: number;
  sli: number | null;
  budgetRemaining: number | null;
  burnRate: number | null;
}

/**
 * Release gate decision for an entity.
 *
 * @public
 */
export interface ReleaseGateDecision {
  entity: string;
  environment: string;
  decision: 'allow' | 'warn' | 'block';
  reasons: Array<{
    slo: string;
    decision: 'allow' | 'warn' | 'block';
    message: string;
    budgetRemaining: number | null;
  }>;
  policy: {
    blockWhenExhausted: boolean;
    /** Warn when a budget's remaining share is below this. */
    warnBelow: number;
    /** Block when a budget's remaining share is below this. */
    blockBelow?: number;
    source: 'config' | 'annotation';
  };
  evaluatedAt: number;
}
