import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { StatusStore } from './StatusStore';

/** How a cycle ended. */
export type CycleOutcome = 'ok' | 'catalog_unavailable' | 'error';

/**
 * The evaluation's OpenTelemetry instruments, through Backstage's metrics
 * service (meter `backstage-plugin-reliability`). Without an OpenTelemetry
 * SDK in the backend they cost nothing.
 */
export interface EvaluationMetrics {
  /** A cycle ended. */
  cycle(result: { outcome: CycleOutcome; durationMs: number }): void;
  /** The evaluation of one SLO failed because its data source failed. */
  sourceError(sourceType: string, source: string): void;
}

/**
 * Counters and a histogram recorded by the replica that runs a cycle (sum
 * them over replicas), and gauges read from the stored statuses when the
 * metrics are collected, so that every replica reports the same values.
 */
export function createEvaluationMetrics(
  metrics: MetricsService | undefined,
  store?: Pick<StatusStore, 'overview'>,
): EvaluationMetrics {
  if (!metrics) return { cycle() {}, sourceError() {} };
  const cycles = metrics.createCounter('reliability.evaluation.cycles', {
    description:
      'SLO evaluation cycles, by outcome: ok, catalog_unavailable (the last statuses were kept, marked stale) or error',
  });
  const duration = metrics.createHistogram('reliability.evaluation.duration', {
    description: 'Duration of an SLO evaluation cycle',
    unit: 's',
  });
  const sourceErrors = metrics.createCounter(
    'reliability.evaluation.source_errors',
    {
      description:
        'SLO evaluations that failed because the data source failed (or was not asked after failing repeatedly), by source type and source (type and metricSourceRef)',
    },
  );
  if (store) {
    const slos = metrics.createObservableGauge('reliability.slos', {
      description:
        'SLOs with a stored status, by state: fresh, or stale for a reason (source_error, catalog_unavailable); stale ones keep their last good numbers',
    });
    const lastChecked = metrics.createObservableGauge(
      'reliability.evaluation.last_checked',
      {
        description:
          'When any SLO was last evaluated or attempted, in seconds since the epoch; far behind the evaluation frequency means no cycle runs',
        unit: 's',
      },
    );
    slos.addCallback(async result => {
      const overview = await store.overview().catch(() => undefined);
      if (!overview) return;
      result.observe(overview.slos - overview.stale, { state: 'fresh' });
      result.observe(overview.stale - overview.catalogUnavailable, {
        state: 'stale',
        reason: 'source_error',
      });
      result.observe(overview.catalogUnavailable, {
        state: 'stale',
        reason: 'catalog_unavailable',
      });
    });
    lastChecked.addCallback(async result => {
      const overview = await store.overview().catch(() => undefined);
      if (overview?.lastCheckedAt) {
        result.observe(overview.lastCheckedAt / 1000);
      }
    });
  }
  return {
    cycle({ outcome, durationMs }) {
      cycles.add(1, { outcome });
      duration.record(durationMs / 1000, { outcome });
    },
    sourceError(sourceType, source) {
      sourceErrors.add(1, { source_type: sourceType, source });
    },
  };
}
