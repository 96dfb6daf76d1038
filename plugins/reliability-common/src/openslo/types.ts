/**
 * Metadata shared by every OpenSLO document.
 *
 * @public
 */
export interface OpenSloMetadata {
  name: string;
  displayName?: string;
  /** Label values may be a single string or a list of strings. */
  labels?: Record<string, string | string[]>;
  /** Keys with the reserved `openslo.com/` prefix are allowed. */
  annotations?: Record<string, string>;
}

/**
 * Where a metric comes from: a data source type with free-form query fields,
 * or a reference to a DataSource document.
 *
 * @remarks
 * `type` is not restricted: unknown types such as `Any` are valid OpenSLO and
 * are accepted here; whether the type can be queried is a runtime concern.
 *
 * @public
 */
export interface OpenSloMetricSource {
  type?: string;
  metricSourceRef?: string;
  spec: Record<string, unknown>;
}

/**
 * A single metric query.
 *
 * @public
 */
export interface OpenSloMetric {
  metricSource: OpenSloMetricSource;
}

/**
 * A ratio indicator: `good / total`, `1 - bad / total`, or a raw ratio.
 *
 * @public
 */
export interface OpenSloRatioMetric {
  /** True when the metrics are monotonically increasing counters. */
  counter?: boolean;
  good?: OpenSloMetric;
  bad?: OpenSloMetric;
  total?: OpenSloMetric;
  /** Whether a raw ratio measures successes or failures. */
  rawType?: 'success' | 'failure';
  raw?: OpenSloMetric;
}

/**
 * A threshold indicator: one metric compared with each objective's `value`.
 *
 * @public
 */
export interface OpenSloThresholdMetric {
  metricSource: OpenSloMetricSource;
}

/**
 * The spec of an SLI: exactly one of ratioMetric or thresholdMetric.
 *
 * @public
 */
export interface OpenSloSliSpec {
  description?: string;
  ratioMetric?: OpenSloRatioMetric;
  thresholdMetric?: OpenSloThresholdMetric;
}

/**
 * An SLI written inline in an SLO.
 *
 * @public
 */
export interface OpenSloInlineIndicator {
  metadata: OpenSloMetadata;
  spec: OpenSloSliSpec;
}

/**
 * A calendar-aligned window's anchor.
 *
 * @public
 */
export interface OpenSloCalendar {
  /**
   * Local wall-clock start in `timeZone`, normalised to
   * `YYYY-MM-DD HH:mm:ss` (a YAML 1.1 timestamp parsed to a Date is turned
   * back into that text).
   */
  startTime: string;
  /** IANA time zone name such as `America/New_York`. */
  timeZone: string;
}

/**
 * A rolling or calendar-aligned SLO time window.
 *
 * @public
 */
export interface OpenSloTimeWindow {
  /** Duration shorthand such as `28d` or `1M`. */
  duration: string;
  isRolling: boolean;
  /** Present for calendar windows (`isRolling: false`). */
  calendar?: OpenSloCalendar;
}

/**
 * How the error budget is counted.
 *
 * @public
 */
export type OpenSloBudgetingMethod =
  | 'Occurrences'
  | 'Timeslices'
  | 'RatioTimeslices';

/**
 * Comparison operator of a threshold objective.
 *
 * @public
 */
export type OpenSloOperator = 'lt' | 'lte' | 'gt' | 'gte';

/**
 * One objective of an SLO.
 *
 * @public
 */
export interface OpenSloObjective {
  displayName?: string;
  op?: OpenSloOperator;
  value?: number;
  /** Ratio in (0, 1]; exclusive with targetPercent. */
  target?: number;
  /** Percentage in (0, 100]; exclusive with target. */
  targetPercent?: number;
  /** Ratio a time slice must reach to count as good (Timeslices). */
  timeSliceTarget?: number;
  /** Length of a time slice: a duration shorthand or a number of seconds. */
  timeSliceWindow?: string | number;
  indicator?: OpenSloInlineIndicator;
  indicatorRef?: string;
}

/**
 * An alert policy entry: an inline AlertPolicy, a reference, or anything else
 * an OpenSLO tool put there (kept as is, since alert policies are optional).
 *
 * @public
 */
export type OpenSloAlertPolicyEntry =
  | string
  | {
      kind?: string;
      metadata?: OpenSloMetadata;
      spec?: Record<string, unknown>;
      alertPolicyRef?: string;
      [key: string]: unknown;
    };

/**
 * The spec of an SLO document.
 *
 * @public
 */
export interface OpenSloSloSpec {
  description?: string;
  service: string;
  indicator?: OpenSloInlineIndicator;
  indicatorRef?: string;
  timeWindow: [OpenSloTimeWindow];
  budgetingMethod: OpenSloBudgetingMethod;
  objectives: OpenSloObjective[];
  /** Null when the key is present but empty, as in `alertPolicies:`. */
  alertPolicies?: OpenSloAlertPolicyEntry[] | null;
}

/**
 * An OpenSLO v1 SLO document.
 *
 * @public
 */
export interface OpenSloSlo {
  apiVersion: 'openslo/v1';
  kind: 'SLO';
  metadata: OpenSloMetadata;
  spec: OpenSloSloSpec;
}

/**
 * An OpenSLO v1 SLI document.
 *
 * @public
 */
export interface OpenSloSli {
  apiVersion: 'openslo/v1';
  kind: 'SLI';
  metadata: OpenSloMetadata;
  spec: OpenSloSliSpec;
}

/**
 * Any OpenSLO document this package validates.
 *
 * @public
 */
export type OpenSloDocument = OpenSloSlo | OpenSloSli;
