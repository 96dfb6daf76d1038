import { OpenSloSlo } from '@reliability-kit/plugin-reliability-common';
import { SliQuery } from '@reliability-kit/plugin-reliability-node';
import { PrometheusClient, RangeSeries } from './PrometheusClient';
import { PrometheusSliSource } from './PrometheusSliSource';

const MIN = 60_000;
const HOUR = 60 * MIN;

function sourceWith(
  answer: (
    promql: string,
    range: { start: number; end: number; stepMs: number },
  ) => RangeSeries[],
) {
  const calls: Array<{
    query: string;
    start: number;
    end: number;
    stepMs: number;
  }> = [];
  const client = {
    queryRange: async (
      _i: unknown,
      promql: string,
      range: { start: number; end: number; stepMs: number },
    ) => {
      calls.push({ query: promql, ...range });
      return answer(promql, range);
    },
  } as unknown as PrometheusClient;
  const source = new PrometheusSliSource(
    {
      instances: new Map([
        [
          'main',
          {
            name: 'main',
            url: 'http://x',
            headers: {},
            timeoutMs: 1,
            retries: 0,
            retryBackoffMs: 1,
          },
        ],
      ]),
      defaultInstance: 'main',
      maxConcurrentQueries: 8,
      cacheTtlMs: 0,
    },
    client,
  );
  return { source, calls };
}

/** Points at every step of the range, valued by `f(at)`. */
function series(
  range: { start: number; end: number; stepMs: number },
  f: (at: number) => number | string,
): RangeSeries[] {
  const points = [];
  for (let at = range.start; at <= range.end; at += range.stepMs) {
    points.push({ at, value: Number(f(at)) });
  }
  return [{ metric: {}, points }];
}

const prom = (promql: string, metricSourceRef?: string) => ({
  metricSource: {
    type: 'Prometheus',
    metricSourceRef,
    spec: { query: promql },
  },
});

function sliQuery(
  indicatorSpec: object,
  over: Partial<SliQuery> = {},
  objectives: object[] = [{ target: 0.99 }],
): SliQuery {
  const indicator = { metadata: { name: 'i' }, spec: indicatorSpec };
  const slo = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 's' },
    spec: {
      service: 'svc',
      indicator,
      timeWindow: [{ duration: '1d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives,
    },
  } as unknown as OpenSloSlo;
  return {
    entity: { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 's' } },
    slo,
    indicator: indicator as SliQuery['indicator'],
    objectiveIndex: 0,
    start: 0,
    end: 24 * HOUR,
    resolutionMs: HOUR,
    ...over,
  };
}

describe('PrometheusSliSource', () => {
  it('reads good and total per bucket: hourly, then five-minute over the last six hours', async () => {
    const { source, calls } = sourceWith((q, range) =>
      series(
        range,
        () => (q.includes('good') ? 90 : 100) * (range.stepMs / HOUR),
      ),
    );
    const samples = await source.readSamples(
      sliQuery({
        ratioMetric: { good: prom('good_total'), total: prom('all_total') },
      }),
    );
    expect(calls.map(c => `${c.query} ${c.stepMs}`)).toEqual([
      'sum(increase(good_total[1h])) 3600000',
      'sum(increase(all_total[1h])) 3600000',
      'sum(increase(good_total[5m])) 300000',
      'sum(increase(all_total[5m])) 300000',
    ]);
    expect(samples).toHaveLength(18 + 72);
    expect(samples[0]).toEqual({ start: 0, good: 90, total: 100 });
    expect(samples[17].start).toBe(17 * HOUR);
    expect(samples[18].start).toBe(18 * HOUR);
    expect(samples[18].good).toBeCloseTo(7.5, 12);
    expect(samples[18].total).toBeCloseTo(100 / 12, 12);
    expect(samples[samples.length - 1].start).toBe(24 * HOUR - 5 * MIN);
  });

  it('turns bad into good, treats a missing bad series as zero and skips NaN totals', async () => {
    const { source } = sourceWith((q, range) => {
      if (!q.includes('errors')) {
        return series(range, at => (at === 3 * HOUR ? 'NaN' : 100));
      }
      if (range.stepMs !== HOUR) return [];
      return series(range, at => (at === 2 * HOUR ? 10 : 'NaN'));
    });
    const samples = await source.readSamples(
      sliQuery(
        {
          ratioMetric: {
            bad: prom('errors_total'),
            total: prom('requests_total'),
          },
        },
        { end: 10 * HOUR },
      ),
    );
    const hourly = samples.filter(s => s.start < HOUR);
    expect(hourly).toEqual([{ start: 0, good: 100, total: 100 }]);
    expect(samples.find(s => s.start === HOUR)).toEqual({
      start: HOUR,
      good: 90,
      total: 100,
    });
    expect(samples.find(s => s.start === 2 * HOUR)).toBeUndefined();
  });

  it('multiplies per-second rates by the bucket length', async () => {
    const { source } = sourceWith((q, range) =>
      series(range, () => (q.includes('5..') ? 0.5 : 2)),
    );
    const samples = await source.readSamples(
      sliQuery(
        {
          ratioMetric: {
            bad: prom('sum(rate(r_total{code=~"5.."}[{{.window}}]))'),
            total: prom('sum(rate(r_total[{{.window}}]))'),
          },
        },
        { start: 0, end: HOUR, resolutionMs: HOUR },
      ),
    );
    expect(samples[0]).toEqual({ start: 0, good: 1.5 * 300, total: 2 * 300 });
  });

  it('counts each threshold point as one event judged by the objective', async () => {
    const { source, calls } = sourceWith((_q, range) =>
      series(range, at => (at % (10 * MIN) === 0 ? 0.5 : 0.2)),
    );
    const samples = await source.readSamples(
      sliQuery(
        {
          thresholdMetric: prom(
            'histogram_quantile(0.99, sum by (le) (rate(b[{{.window}}])))',
          ),
        },
        { end: 8 * HOUR },
        [{ op: 'lt', value: 0.3, target: 0.9 }],
      ),
    );
    expect(calls[0].query).toContain('rate(b[5m])');
    // Two hourly buckets of 12 points, then 72 five-minute buckets of 1.
    expect(samples[0]).toEqual({ start: 0, good: 6, total: 12 });
    expect(samples[1]).toEqual({ start: HOUR, good: 6, total: 12 });
    expect(samples).toHaveLength(2 + 72);
    expect(samples.reduce((n, s) => n + s.total, 0)).toBe(96);
  });

  it('names unknown instances and the configured ones', async () => {
    const { source } = sourceWith(() => []);
    await expect(
      source.readSamples(
        sliQuery({
          ratioMetric: { good: prom('a', 'eu'), total: prom('b', 'eu') },
        }),
      ),
    ).rejects.toThrow(
      'metricSourceRef "eu" is not a configured Prometheus instance; configured: main',
    );
  });
});
