import { errorBudget } from './errorBudget';
import { measureSli } from './sli';
import type { SloDefinition } from './types';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('errorBudget', () => {
  it('Occurrences: 99.9%, 1,000,000 requests, 500 bad', () => {
    // SLI = 999,500 / 1,000,000 = 0.9995
    // budget = 1 - 0.999 = 0.001 → 0.001 × 1,000,000 = 1000 bad allowed
    // consumed = 500 / 1000 = 0.5, remaining = 0.5
    const slo: SloDefinition = {
      budgetingMethod: 'Occurrences',
      target: 0.999,
      windowMs: 30 * DAY,
    };
    const m = measureSli([{ start: 0, good: 999_500, total: 1_000_000 }], slo);
    const b = errorBudget(m, slo, 1)!;
    expect(m.value).toBe(0.9995);
    expect(b.total).toBeCloseTo(0.001, 15);
    expect(b.events?.allowed).toBeCloseTo(1000, 9);
    expect(b.events?.bad).toBe(500);
    expect(b.events?.remaining).toBeCloseTo(500, 9);
    expect(b.consumed).toBeCloseTo(0.5, 12);
    expect(b.remaining).toBeCloseTo(0.5, 12);
    expect(b.remainingClamped).toBeCloseTo(0.5, 12);
  });

  it('Occurrences: a young SLO is charged against the full window', () => {
    // 99% target, 30 day window, 3 days observed → coverage 0.1.
    // 10,000 requests, 100 bad: SLI 0.99.
    // Expected traffic over 30 days: 10,000 / 0.1 = 100,000;
    // allowed bad: 0.01 × 100,000 = 1000; consumed 100 / 1000 = 0.1.
    const slo: SloDefinition = {
      budgetingMethod: 'Occurrences',
      target: 0.99,
      windowMs: 30 * DAY,
    };
    const m = measureSli([{ start: 0, good: 9_900, total: 10_000 }], slo);
    const b = errorBudget(m, slo, 0.1)!;
    expect(b.consumed).toBeCloseTo(0.1, 12);
    expect(b.events?.allowed).toBeCloseTo(1000, 9);
    expect(b.events?.remaining).toBeCloseTo(900, 9);
  });

  it('Timeslices: bad time against allowed bad time', () => {
    // 99% of a 1 day window: 0.01 × 1440 min = 14.4 min allowed.
    // 6 bad one-minute slices: 6 min used, 8.4 min left.
    // consumed = 6 / 14.4 = 0.41666…
    const slo: SloDefinition = {
      budgetingMethod: 'Timeslices',
      target: 0.99,
      windowMs: DAY,
      timeSliceTarget: 0.95,
      timeSliceWindowMs: MINUTE,
    };
    const samples = Array.from({ length: 1440 }, (_, i) => ({
      start: i * MINUTE,
      good: i < 6 ? 50 : 100,
      total: 100,
    }));
    const m = measureSli(samples, slo);
    const b = errorBudget(m, slo, 1)!;
    // 1434 / 1440
    expect(m.value).toBeCloseTo(0.9958333333, 9);
    expect(b.time?.allowedMs).toBeCloseTo(14.4 * MINUTE, 3);
    expect(b.time?.usedMs).toBe(6 * MINUTE);
    expect(b.time?.remainingMs).toBeCloseTo(8.4 * MINUTE, 3);
    expect(b.consumed).toBeCloseTo(6 / 14.4, 12);
  });

  it('RatioTimeslices: bad time is the sum of slice shortfalls', () => {
    // 90% of a 1 hour window: 6 min of bad time allowed.
    // Two slices at 0.5 and one at 0.0: 0.5 + 0.5 + 1 = 2 min bad → 1/3.
    const slo: SloDefinition = {
      budgetingMethod: 'RatioTimeslices',
      target: 0.9,
      windowMs: 60 * MINUTE,
      timeSliceWindowMs: MINUTE,
    };
    const m = measureSli(
      [
        { start: 0, good: 1, total: 2 },
        { start: MINUTE, good: 5, total: 10 },
        { start: 2 * MINUTE, good: 0, total: 3 },
      ],
      slo,
    );
    const b = errorBudget(m, slo, 1)!;
    expect(b.time?.usedMs).toBeCloseTo(2 * MINUTE, 6);
    expect(b.consumed).toBeCloseTo(1 / 3, 9);
  });

  it('goes negative when overspent, with a clamped view', () => {
    // 99% target, 3% errors: consumed 3, remaining -2, clamped 0.
    const slo: SloDefinition = {
      budgetingMethod: 'Occurrences',
      target: 0.99,
      windowMs: DAY,
    };
    const b = errorBudget(
      measureSli([{ start: 0, good: 97, total: 100 }], slo),
      slo,
      1,
    )!;
    expect(b.consumed).toBeCloseTo(3, 9);
    expect(b.remaining).toBeCloseTo(-2, 9);
    expect(b.remainingClamped).toBe(0);
  });

  it('is null without data', () => {
    const slo: SloDefinition = {
      budgetingMethod: 'Occurrences',
      target: 0.99,
      windowMs: DAY,
    };
    expect(errorBudget(measureSli([], slo), slo, 1)).toBeNull();
  });

  it('handles a target of 1 without NaN', () => {
    const slo: SloDefinition = {
      budgetingMethod: 'Occurrences',
      target: 1,
      windowMs: DAY,
    };
    const clean = errorBudget(
      measureSli([{ start: 0, good: 5, total: 5 }], slo),
      slo,
      0,
    )!;
    expect(clean.consumed).toBe(0);
    expect(clean.events?.allowed).toBe(0);
    const dirty = errorBudget(
      measureSli([{ start: 0, good: 4, total: 5 }], slo),
      slo,
      1,
    )!;
    expect(dirty.consumed).toBe(Infinity);
    expect(dirty.remainingClamped).toBe(0);
  });
});

describe('errorBudget with denormal counts', () => {
  it('keeps remaining + consumed = 1 when the total is tiny (found by fast-check, seed 1707634242)', () => {
    const slo = {
      budgetingMethod: 'Occurrences' as const,
      target: 0.9926470588235294,
      windowMs: 86_400_000,
    };
    const budget = errorBudget(
      measureSli([{ start: 0, good: 0, total: 5e-324 }], slo),
      slo,
      0.014598540145985403,
    )!;
    // Every event bad: error rate 1, consumed = 1 × coverage / (1 − target).
    expect(budget.consumed).toBeCloseTo(
      0.014598540145985403 / (1 - 0.9926470588235294),
      9,
    );
    expect(budget.remaining + budget.consumed).toBeCloseTo(1, 9);
  });
});
