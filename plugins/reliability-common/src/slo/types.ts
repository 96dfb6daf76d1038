import type { OpenSloBudgetingMethod } from '../openslo/types';

/**
 * Event counts for one time bucket `[start, start + bucket length)`.
 *
 * @remarks
 * Counts are increases within the bucket, not cumulative counter values
 * (see {@link cumulativeToSliSamples}). Negative or non-finite counts are
 * treated as 0, and `good` is capped at `total`. For Timeslices, a slice that
 * is already known to be good or bad can be given as `good: 1, total: 1` or
 * `good: 0, total: 1`.
 *
 * @public
 */
export interface SliSample {
  /** Bucket start, epoch ms. */
  start: number;
  good: number;
  total: number;
}

/**
 * What the SLO math needs to know about one SLO objective.
 *
 * @public
 */
export interface SloDefinition {
  budgetingMethod: OpenSloBudgetingMethod;
  /** Objective as a ratio in (0, 1], e.g. 0.999. */
  target: number;
  /** Full window length in ms, e.g. 30 days. */
  windowMs: number;
  /** Timeslices: ratio a slice must reach to be good. */
  timeSliceTarget?: number;
  /** Timeslices and RatioTimeslices: slice length in ms. */
  timeSliceWindowMs?: number;
}

/**
 * A time slice with its summed counts (only slices with traffic exist).
 *
 * @public
 */
export interface TimeSlice {
  start: number;
  good: number;
  total: number;
  /** good / total, in [0, 1]. */
  ratio: number;
}

/**
 * The SLI over a range, with the counts behind it.
 *
 * @public
 */
export interface SliMeasurement {
  /** The SLI in [0, 1], or null when there was no traffic (no data). */
  value: number | null;
  goodEvents: number;
  badEvents: number;
  totalEvents: number;
  /** For Timeslices and RatioTimeslices. */
  slices?: {
    /** Slices with traffic. */
    count: number;
    /** Timeslices only: slices meeting timeSliceTarget. */
    good?: number;
    /** Timeslices only: slices below timeSliceTarget. */
    bad?: number;
    /** Bad time: bad slices × slice length (Timeslices), or Σ(1 − ratio) × slice length (RatioTimeslices). */
    badTimeMs: number;
  };
}
