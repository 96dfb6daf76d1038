import { evaluateSlo } from './evaluate';
import type { SliSample, SloDefinition } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const slo: SloDefinition = {
  budgetingMethod: 'Occurrences',
  target: 0.999,
  windowMs: 30 * DAY,
};

function hourly(from: number, to: number, good: number, total: number) {
  const out: SliSample[] = [];
  for (let t = from; t < to; t += HOUR) out.push({ start: t, good, total });
  return out;
}

describe('evaluateSlo', () => {
  it('is healthy with a steady low error rate', () => {
    // 30 days of hourly buckets with 1 bad request in 2000: error rate
    // 0.0005 against a 0.001 budget → burn 0.5, consumed 0.5.
    const now = 30 * DAY;
    const result = evaluateSlo(hourly(0, now, 1999, 2000), slo, { now });
    expect(result.status).toBe('healthy');
    expect(result.coverage).toBe(1);
    expect(result.sli.value).toBeCloseTo(0.9995, 12);
    expect(result.burnRate).toBeCloseTo(0.5, 9);
    expect(result.errorBudget?.consumed).toBeCloseTo(0.5, 9);
    expect(result.alerts.state).toBe('none');
    expect(result.currentBurnRate).toBeCloseTo(0.5, 9);
  });

  it('reports no-data for zero traffic, with no NaN anywhere', () => {
    const now = 30 * DAY;
    const result = evaluateSlo(hourly(0, now, 0, 0), slo, { now });
    expect(result.status).toBe('no-data');
    expect(result.sli.value).toBeNull();
    expect(result.errorBudget).toBeNull();
    expect(result.burnRate).toBeNull();
    expect(result.forecast).toBeNull();
    expect(JSON.stringify(result)).not.toContain('NaN');
  });

  it('charges a young SLO against the full window and exposes coverage', () => {
    // Created 3 days ago (coverage 0.1), 0.2% errors vs a 0.1% budget:
    // SLI 0.998 < 0.999 → breaching, but only 2 × 0.1 = 0.2 of the budget
    // is spent so far.
    const now = 30 * DAY;
    const result = evaluateSlo(hourly(27 * DAY, now, 998, 1000), slo, { now });
    expect(result.coverage).toBeCloseTo(0.1, 12);
    expect(result.errorBudget?.consumed).toBeCloseTo(0.2, 9);
    expect(result.status).toBe('breaching');
  });

  it('is exhausted once the budget is spent', () => {
    const now = 30 * DAY;
    const result = evaluateSlo(hourly(0, now, 990, 1000), slo, { now });
    expect(result.status).toBe('exhausted');
    expect(result.errorBudget?.remaining).toBeCloseTo(-9, 6);
    expect(result.forecast).toEqual({ exhaustedAt: now, inMs: 0 });
  });

  it('warns when an alert fires', () => {
    // Clean for 30 days but for a 2% spike in the last hour: burn 20 → page.
    const now = 30 * DAY;
    const samples = [
      ...hourly(0, now - HOUR, 1000, 1000),
      ...Array.from({ length: 60 }, (_, i) => ({
        start: now - HOUR + i * MINUTE,
        good: 98,
        total: 100,
      })),
    ];
    const result = evaluateSlo(samples, slo, { now });
    expect(result.alerts.state).toBe('page');
    expect(result.status).toBe('warning');
    expect(result.currentBurnRate).toBeCloseTo(20, 6);
  });

  it('uses the calendar window and its real length', () => {
    // A 31 day calendar month, half over, with 0.05% errors: coverage 0.5,
    // consumed = 0.5 (burn) × 0.5 (coverage) = 0.25.
    const window = { start: 0, end: 31 * DAY };
    const now = 15.5 * DAY;
    const result = evaluateSlo(hourly(0, 31 * DAY, 1999, 2000), slo, {
      now,
      window,
    });
    expect(result.window).toEqual(window);
    expect(result.coverage).toBe(0.5);
    expect(result.errorBudget?.consumed).toBeCloseTo(0.25, 9);
    // Alert thresholds scale to 31 days: 0.02 × 744 = 14.88.
    expect(result.alerts.rules[0].threshold).toBe(14.88);
  });

  it('treats gaps as no traffic and honours observedSince', () => {
    const now = 30 * DAY;
    const samples = [
      ...hourly(0, DAY, 1000, 1000),
      ...hourly(29 * DAY, now, 1000, 1000),
    ];
    const result = evaluateSlo(samples, slo, { now, observedSince: 15 * DAY });
    expect(result.sli.totalEvents).toBe(48_000);
    expect(result.coverage).toBe(0.5);
    expect(result.status).toBe('healthy');
  });
});
