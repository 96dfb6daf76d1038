import { InputError } from '@backstage/errors';
import {
  meetsThreshold,
  SliSample,
} from '@reliability-kit/plugin-reliability-common';
import { SliQuery, SliSource } from '@reliability-kit/plugin-reliability-node';
import { PrometheusInstance, PrometheusSourceConfig } from './config';
import { PrometheusClient, RangeSeries } from './PrometheusClient';
import {
  countQuery,
  PrometheusMetric,
  prometheusMetric,
  ratioMetrics,
  valueQuery,
} from './queries';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Buckets of at most this size over the last {@link FINE_DETAIL_MS}. */
const FINE_STEP_MS = 5 * MINUTE;
/** The short burn-rate windows (5m to 6h) need fine buckets. */
const FINE_DETAIL_MS = 6 * HOUR;

/** The OpenSLO `metricSource.type` of this source. */
export const PROMETHEUS_SLI_SOURCE_TYPE = 'Prometheus';

/**
 * One run of equally sized buckets ending exactly at `to`: bucket ends at
 * `to`, `to − step`, … with every bucket start at or after `from`.
 */
export interface BucketSegment {
  stepMs: number;
  /** First query point (the end of the first bucket). */
  firstEnd: number;
  /** Last query point: the segment's end. */
  to: number;
}

/**
 * The bucket layout of a query: `resolutionMs` buckets over the older part of
 * the range and buckets of at most five minutes over its last six hours, all
 * aligned to the end of the range.
 */
export function bucketSegments(
  start: number,
  end: number,
  resolutionMs: number,
): BucketSegment[] {
  const fine =
    resolutionMs <= FINE_STEP_MS || resolutionMs % FINE_STEP_MS !== 0
      ? resolutionMs
      : FINE_STEP_MS;
  const segment = (from: number, to: number, stepMs: number) => {
    const count = Math.floor((to - from) / stepMs);
    return count > 0
      ? [{ stepMs, firstEnd: to - (count - 1) * stepMs, to }]
      : [];
  };
  if (fine === resolutionMs) return segment(start, end, resolutionMs);
  const fineFrom = Math.max(start, end - FINE_DETAIL_MS);
  return [
    ...segment(start, fineFrom, resolutionMs),
    ...segment(fineFrom, end, fine),
  ];
}

/** Values per point time: series summed, NaN and infinities left out. */
function sumByTime(series: RangeSeries[], scale: number): Map<number, number> {
  const sums = new Map<number, number>();
  for (const s of series) {
    for (const point of s.points) {
      if (!Number.isFinite(point.value)) continue;
      sums.set(point.at, (sums.get(point.at) ?? 0) + point.value * scale);
    }
  }
  return sums;
}

/**
 * The SLI source of `metricSource.type: Prometheus`: good and total counts
 * per bucket from PromQL range queries, one per metric and bucket size.
 */
export class PrometheusSliSource implements SliSource {
  readonly type = PROMETHEUS_SLI_SOURCE_TYPE;

  constructor(
    private readonly config: PrometheusSourceConfig,
    readonly client: PrometheusClient = new PrometheusClient({
      maxConcurrentQueries: config.maxConcurrentQueries,
      cacheTtlMs: config.cacheTtlMs,
    }),
  ) {}

  async readSamples(query: SliQuery): Promise<SliSample[]> {
    const segments = bucketSegments(query.start, query.end, query.resolutionMs);
    if (segments.length === 0) return [];
    if (query.indicator.spec.thresholdMetric) {
      return this.readThreshold(query, segments);
    }
    return this.readRatio(query, segments);
  }

  private instanceOf(metric: PrometheusMetric): PrometheusInstance {
    const name = metric.instance ?? this.config.defaultInstance;
    if (name === undefined) {
      throw new InputError(
        'no Prometheus instance is configured (reliability.prometheus.instances)',
      );
    }
    const instance = this.config.instances.get(name);
    if (!instance) {
      throw new InputError(
        `metricSourceRef "${name}" is not a configured Prometheus instance; configured: ${
          [...this.config.instances.keys()].join(', ') || '(none)'
        }`,
      );
    }
    return instance;
  }

  private async readRatio(
    query: SliQuery,
    segments: BucketSegment[],
  ): Promise<SliSample[]> {
    const metrics = ratioMetrics(query.indicator);
    const counted = {
      instance: this.instanceOf(metrics.counted),
      query: countQuery(`ratioMetric.${metrics.kind}`, metrics.counted.query),
    };
    const total = {
      instance: this.instanceOf(metrics.total),
      query: countQuery('ratioMetric.total', metrics.total.query),
    };
    const read = async (
      metric: typeof counted,
      segment: BucketSegment,
    ): Promise<Map<number, number>> =>
      sumByTime(
        await this.client.queryRange(
          metric.instance,
          metric.query.promql(segment.stepMs),
          { start: segment.firstEnd, end: segment.to, stepMs: segment.stepMs },
        ),
        metric.query.scale(segment.stepMs),
      );
    const perSegment = await Promise.all(
      segments.map(async segment => {
        const [counts, totals] = await Promise.all([
          read(counted, segment),
          read(total, segment),
        ]);
        const samples: SliSample[] = [];
        for (const [at, totalCount] of [...totals].sort(([a], [b]) => a - b)) {
          // Empty good/bad results (no matching series) count as zero.
          const count = counts.get(at) ?? 0;
          const good = metrics.kind === 'good' ? count : totalCount - count;
          const safeTotal = Math.max(0, totalCount);
          samples.push({
            start: at - segment.stepMs,
            good: Math.min(safeTotal, Math.max(0, good)),
            total: safeTotal,
          });
        }
        return samples;
      }),
    );
    return perSegment.flat();
  }

  private async readThreshold(
    query: SliQuery,
    segments: BucketSegment[],
  ): Promise<SliSample[]> {
    const metric = prometheusMetric(
      'thresholdMetric',
      query.indicator.spec.thresholdMetric?.metricSource,
    );
    const instance = this.instanceOf(metric);
    const promql = valueQuery(metric.query);
    const objective = query.slo.spec.objectives[query.objectiveIndex];
    if (!objective) return [];
    const threshold = objective.value ?? 0;
    // Values are sampled every fine step; each point is one event, counted in
    // the bucket that ends at or after it.
    const fineStep = Math.min(...segments.map(s => s.stepMs));
    const buckets = new Map<number, SliSample>();
    await Promise.all(
      segments.map(async segment => {
        const firstStart = segment.firstEnd - segment.stepMs;
        const series = await this.client.queryRange(
          instance,
          promql(fineStep),
          {
            start: firstStart + fineStep,
            end: segment.to,
            stepMs: fineStep,
          },
        );
        for (const s of series) {
          for (const point of s.points) {
            if (!Number.isFinite(point.value)) continue;
            const after = Math.floor((segment.to - point.at) / segment.stepMs);
            const bucketStart = segment.to - (after + 1) * segment.stepMs;
            if (bucketStart < firstStart) continue;
            const bucket = buckets.get(bucketStart) ?? {
              start: bucketStart,
              good: 0,
              total: 0,
            };
            bucket.total++;
            if (meetsThreshold(point.value, objective.op, threshold)) {
              bucket.good++;
            }
            buckets.set(bucketStart, bucket);
          }
        }
      }),
    );
    return [...buckets.values()].sort((a, b) => a.start - b.start);
  }
}
