import { Entity } from '@backstage/catalog-model';
import {
  OpenSloInlineIndicator,
  OpenSloSlo,
  SliSample,
} from '@reliability-kit/plugin-reliability-common';

/**
 * What a data source is asked for: the counts of one SLO objective in time
 * buckets over a range.
 *
 * @public
 */
export interface SliQuery {
  /** The SLO entity, as the catalog holds it. */
  entity: Entity;
  /** The OpenSLO document of the SLO, validated and normalised. */
  slo: OpenSloSlo;
  /**
   * The SLI: the SLO's inline indicator, or the SLI entity its
   * `indicatorRef` names.
   */
  indicator: OpenSloInlineIndicator;
  /** Index into `slo.spec.objectives`. */
  objectiveIndex: number;
  /** Inclusive start, epoch milliseconds. */
  start: number;
  /** Exclusive end, epoch milliseconds. */
  end: number;
  /**
   * The bucket size the evaluation needs over the whole range, in
   * milliseconds: the time-slice window for Timeslices budgeting, otherwise
   * one hour. Over the most recent six hours sources should return buckets of
   * at most five minutes, for the short burn-rate windows.
   */
  resolutionMs: number;
}

/**
 * A source of SLI data for one OpenSLO `metricSource.type`, such as
 * `Prometheus` or the built-in store's `BuiltIn`.
 *
 * @public
 */
export interface SliSource {
  /** The OpenSLO `metricSource.type` this source answers for. */
  readonly type: string;
  /**
   * Good and total counts in time buckets, each bucket's `start` within
   * `[start, end)`. Throws when the data cannot be read; the evaluation then
   * keeps the last good status, marked stale, with the error's message.
   */
  readSamples(query: SliQuery): Promise<SliSample[]>;
}
