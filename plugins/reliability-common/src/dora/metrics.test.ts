import fc from 'fast-check';
import {
  changeFailureRate,
  deploymentFrequency,
  doraMetrics,
  leadTimeForChanges,
  timeToRestore,
} from './metrics';
import type { DeploymentRecord } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const scope = { window: { start: 0, end: 7 * DAY } };

let n = 0;
function deploy(
  status: DeploymentRecord['status'],
  finishedAt: number,
  extra: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  n += 1;
  return {
    id: `d${n}`,
    environment: 'production',
    status,
    startedAt: finishedAt - 10 * 60_000,
    finishedAt: status === 'started' ? undefined : finishedAt,
    ...extra,
  };
}

// A hand-worked week of production deployments.
const week: DeploymentRecord[] = [
  // Day 0: success, lead time 2h
  deploy('succeeded', 0 * DAY + 10 * HOUR, { commitTime: 8 * HOUR }),
  // Day 1: failure at 09:00, fixed by a success at 09:30 (30 min)
  deploy('failed', 1 * DAY + 9 * HOUR),
  deploy('succeeded', 1 * DAY + 9.5 * HOUR, {
    commitTime: 1 * DAY + 5.5 * HOUR,
  }),
  // Day 3: rolled back at 12:00, failed again at 13:00, restored 16:00:
  // one outage of 4h from the first failure.
  deploy('rolled_back', 3 * DAY + 12 * HOUR),
  deploy('failed', 3 * DAY + 13 * HOUR),
  deploy('succeeded', 3 * DAY + 16 * HOUR, { commitTime: 2 * DAY + 16 * HOUR }),
  // Day 5: success with lead time 2 days
  deploy('succeeded', 5 * DAY, { commitTime: 3 * DAY }),
  // Still running: ignored everywhere
  deploy('started', 6 * DAY),
  // Staging: ignored
  { ...deploy('failed', 2 * DAY), environment: 'staging' },
  // Outside the window: ignored
  deploy('succeeded', 8 * DAY, { commitTime: 7.5 * DAY }),
];

describe('DORA metrics, hand-worked week', () => {
  it('deployment frequency: 4 successes / 7 days', () => {
    const f = deploymentFrequency(week, scope);
    expect(f.deployments).toBe(4);
    expect(f.perDay).toBeCloseTo(4 / 7, 12);
    // 0.571/day: at least weekly, less than daily
    expect(f.band).toBe('high');
  });

  it('lead time: median of 2h, 4h, 24h, 48h = 14h', () => {
    // (4h + 24h) / 2 = 14h
    const l = leadTimeForChanges(week, scope);
    expect(l.deployments).toBe(4);
    expect(l.medianMs).toBe(14 * HOUR);
    expect(l.band).toBe('elite');
  });

  it('change failure rate: 3 failed of 7 finished', () => {
    const c = changeFailureRate(week, scope);
    expect(c).toEqual({ rate: 3 / 7, failed: 3, total: 7, band: 'low' });
  });

  it('time to restore: median of 30 min and 4h = 2h15m', () => {
    const t = timeToRestore(week, scope);
    expect(t.restored).toBe(2);
    expect(t.unrestored).toBe(0);
    expect(t.medianMs).toBe(2.25 * HOUR);
    expect(t.band).toBe('high');
  });

  it('bundles all four', () => {
    const all = doraMetrics(week, scope);
    expect(all.deploymentFrequency.band).toBe('high');
    expect(all.timeToRestore.medianMs).toBe(2.25 * HOUR);
  });
});

describe('DORA edge cases', () => {
  it('has no data rather than NaN for an empty window', () => {
    expect(doraMetrics([], scope)).toEqual({
      deploymentFrequency: { deployments: 0, perDay: 0, band: 'low' },
      leadTimeForChanges: { medianMs: null, deployments: 0, band: null },
      changeFailureRate: { rate: null, failed: 0, total: 0, band: null },
      timeToRestore: { medianMs: null, restored: 0, unrestored: 0, band: null },
    });
  });

  it('counts an outage without a fix as unrestored', () => {
    const t = timeToRestore([deploy('failed', DAY)], scope);
    expect(t).toEqual({
      medianMs: null,
      restored: 0,
      unrestored: 1,
      band: null,
    });
  });

  it('restores after the window ends', () => {
    const t = timeToRestore(
      [deploy('failed', 6 * DAY), deploy('succeeded', 8 * DAY)],
      scope,
    );
    expect(t.medianMs).toBe(2 * DAY);
    expect(t.band).toBe('medium');
  });

  it('skips lead times from the future (clock skew)', () => {
    const l = leadTimeForChanges(
      [deploy('succeeded', DAY, { commitTime: 2 * DAY })],
      scope,
    );
    expect(l.medianMs).toBeNull();
  });

  it('uses the given environment', () => {
    const records = [
      { ...deploy('succeeded', DAY), environment: 'prod-eu' },
      deploy('succeeded', DAY),
    ];
    expect(
      deploymentFrequency(records, { ...scope, environment: 'prod-eu' })
        .deployments,
    ).toBe(1);
  });
});

describe('DORA properties', () => {
  const record = fc.record({
    id: fc.string(),
    environment: fc.constantFrom('production', 'staging'),
    status: fc.constantFrom(
      'started' as const,
      'succeeded' as const,
      'failed' as const,
      'rolled_back' as const,
    ),
    startedAt: fc.integer({ min: -DAY, max: 8 * DAY }),
    finishedAt: fc.option(fc.integer({ min: -DAY, max: 8 * DAY }), {
      nil: undefined,
    }),
    commitTime: fc.option(fc.integer({ min: -2 * DAY, max: 8 * DAY }), {
      nil: undefined,
    }),
  });

  it('change failure rate is in [0, 1]', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.array(record), records => {
          const { rate } = changeFailureRate(records, scope);
          return rate === null || (rate >= 0 && rate <= 1);
        }),
      ),
    ).not.toThrow();
  });

  it('durations are never negative and nothing is NaN', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.array(record), records => {
          const m = doraMetrics(records, scope);
          const values = [
            m.deploymentFrequency.perDay,
            m.leadTimeForChanges.medianMs,
            m.changeFailureRate.rate,
            m.timeToRestore.medianMs,
          ];
          return values.every(v => v === null || (v >= 0 && !Number.isNaN(v)));
        }),
      ),
    ).not.toThrow();
  });

  it('more successes never lower deployment frequency', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(record),
          fc.integer({ min: 0, max: 7 * DAY - 1 }),
          (records, at) => {
            const before = deploymentFrequency(records, scope).perDay;
            const after = deploymentFrequency(
              [...records, deploy('succeeded', at)],
              scope,
            ).perDay;
            return after > before;
          },
        ),
      ),
    ).not.toThrow();
  });
});
