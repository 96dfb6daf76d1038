import { SloRecord } from '../slo/SloCatalog';
import { toBucketCounts } from './toBucketCounts';
import { ParsedSliEvent } from './parseSliEventBatch';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const limits = { now: NOW, retentionMs: 35 * DAY };

function record(
  ref: string,
  indicator: 'ratio' | 'threshold',
  sourceType = 'BuiltIn',
): SloRecord {
  const metric = { metricSource: { type: sourceType, spec: {} } };
  return {
    ref,
    title: ref,
    sourceType,
    entity: {} as SloRecord['entity'],
    indicator: {
      metadata: { name: 'sli' },
      spec:
        indicator === 'ratio'
          ? { ratioMetric: { good: metric, total: metric } }
          : { thresholdMetric: metric },
    },
    slo: {
      spec: {
        objectives:
          indicator === 'ratio'
            ? [{ target: 0.99 }]
            : [
                { op: 'lt', value: 0.3, target: 0.99 },
                { op: 'lte', value: 1, target: 0.999 },
              ],
      },
    } as SloRecord['slo'],
  };
}

const slos = new Map<string, SloRecord | undefined>([
  ['slo:default/ratio', record('slo:default/ratio', 'ratio')],
  ['slo:default/latency', record('slo:default/latency', 'threshold')],
  ['slo:default/prom', record('slo:default/prom', 'ratio', 'Prometheus')],
]);
const refOf = (e: ParsedSliEvent) => e.slo;

describe('toBucketCounts', () => {
  it('counts a ratio event once and a threshold value per objective', () => {
    expect(
      toBucketCounts(
        [
          { slo: 'slo:default/ratio', at: NOW - 60_000, good: 9, total: 10 },
          { slo: 'slo:default/latency', at: NOW - 60_000, value: 0.5 },
        ],
        slos,
        refOf,
        limits,
      ),
    ).toEqual([
      {
        sloRef: 'slo:default/ratio',
        objective: 0,
        bucketStart: NOW - 60_000,
        good: 9,
        total: 10,
      },
      // 0.5 s misses "lt 0.3" and meets "lte 1".
      {
        sloRef: 'slo:default/latency',
        objective: 0,
        bucketStart: NOW - 60_000,
        good: 0,
        total: 1,
      },
      {
        sloRef: 'slo:default/latency',
        objective: 1,
        bucketStart: NOW - 60_000,
        good: 1,
        total: 1,
      },
    ]);
  });

  it('rejects the whole batch, naming every problem', () => {
    const events: ParsedSliEvent[] = [
      { slo: 'slo:default/ratio', at: NOW, good: 1, total: 1 },
      { slo: 'slo:default/ratio', at: NOW + 10 * 60_000, good: 1, total: 1 },
      { slo: 'slo:default/ratio', at: NOW - 40 * DAY, good: 1, total: 1 },
      { slo: 'slo:default/ratio', at: NOW, value: 3 },
      { slo: 'slo:default/latency', at: NOW, good: 1, total: 1 },
      { slo: 'slo:default/prom', at: NOW, good: 1, total: 1 },
      { slo: 'slo:default/ghost', at: NOW, good: 1, total: 1 },
    ];
    let message = '';
    try {
      toBucketCounts(events, slos, refOf, limits);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('nothing was stored');
    expect(message).toContain(
      'unknown SLOs (not SLO entities in the catalog): slo:default/ghost',
    );
    expect(message).toContain(
      'events[1].timestamp: 2026-11-24T12:10:00.000Z is in the future',
    );
    expect(message).toContain(
      'events[2].timestamp: 2026-10-15T12:00:00.000Z is older than the retention of 35 days',
    );
    expect(message).toContain(
      'events[3]: slo:default/ratio has a ratio SLI; send {slo, timestamp, good, total}',
    );
    expect(message).toContain(
      'events[4]: slo:default/latency has a threshold SLI; send {slo, timestamp, value}',
    );
    expect(message).toContain(
      'events[5].slo: slo:default/prom reads its SLI from type Prometheus, not the built-in store',
    );
  });
});
