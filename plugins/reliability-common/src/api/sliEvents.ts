/**
 * The OpenSLO `metricSource.type` of the built-in SLI store: SLIs pushed to
 * `POST /api/reliability/v1/sli-events` and kept in the plugin's database.
 *
 * @public
 */
export const BUILT_IN_SLI_SOURCE_TYPE = 'BuiltIn';

/**
 * Counts for a ratio SLI: how many events were good out of how many, at a
 * time. Several events in the same minute add up.
 *
 * @public
 */
export interface RatioSliEvent {
  /** The SLO: `slo:<namespace>/<name>`, or a bare name in `default`. */
  slo: string;
  /** ISO 8601 time or epoch milliseconds. */
  timestamp: string | number;
  good: number;
  total: number;
}

/**
 * One measured value of a threshold SLI (for example a p99 latency in
 * seconds); each objective of the SLO counts it as good or bad by its `op`
 * and `value`.
 *
 * @public
 */
export interface ThresholdSliEvent {
  slo: string;
  timestamp: string | number;
  value: number;
}

/**
 * @public
 */
export type SliEvent = RatioSliEvent | ThresholdSliEvent;

/**
 * Body of `POST /api/reliability/v1/sli-events`.
 *
 * @public
 */
export interface SliEventBatch {
  /**
   * Identifies the batch: sending the same key again is answered without
   * counting the events again. 1 to 200 characters.
   */
  idempotencyKey: string;
  /** 1 to {@link MAX_SLI_EVENTS_PER_BATCH} events. */
  events: SliEvent[];
}

/**
 * Answer to `POST /api/reliability/v1/sli-events`.
 *
 * @public
 */
export interface SliEventBatchResult {
  /** Events stored by this request (0 for a repeated batch). */
  accepted: number;
  /** True when the idempotency key was seen before. */
  duplicate: boolean;
}

/**
 * The most events one batch may carry.
 *
 * @public
 */
export const MAX_SLI_EVENTS_PER_BATCH = 10_000;
