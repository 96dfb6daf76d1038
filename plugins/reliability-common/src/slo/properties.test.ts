import fc from 'fast-check';
import { burnRateThreshold, SRE_WORKBOOK_BURN_RATE_RULES } from './alerts';
import { burnRate } from './burnRate';
import { errorBudget } from './errorBudget';
import { evaluateSlo } from './evaluate';
import { measureSli } from './sli';
import type { SloDefinition } from './types';

const MINUTE = 60_000;
const DAY = 86_400_000;

const method = fc.constantFrom(
  'Occurrences' as const,
  'Timeslices' as const,
  'RatioTimeslices' as const,
);
const target = fc.double({ min: 0.5, max: 0.9999, noNaN: true });
const count = fc.oneof(
  fc.constant(0),
  fc.nat(10_000),
  fc.double({ min: 0, max: 1e12, noNaN: true }),
);
const sample = fc.record({
  start: fc.integer({ min: 0, max: DAY - 1 }),
  good: count,
  total: count,
});
const slo = fc.record({
  budgetingMethod: method,
  target,
  windowMs: fc.constant(DAY),
  timeSliceTarget: fc.double({ min: 0.01, max: 1, noNaN: true }),
  timeSliceWindowMs: fc.constantFrom(MINUTE, 5 * MINUTE),
});

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (value && typeof value === 'object') {
    return Object.values(value).some(hasNaN);
  }
  return false;
}

describe('SLO math properties', () => {
  it('SLI is in [0, 1] or null', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.array(sample), slo, (samples, s) => {
          const { value } = measureSli(samples, s);
          return value === null || (value >= 0 && value <= 1);
        }),
      ),
    ).not.toThrow();
  });

  it('remaining + consumed = 1', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(sample, { minLength: 1 }),
          slo,
          fc.double({ min: 0.01, max: 1, noNaN: true }),
          (samples, s, coverage) => {
            const budget = errorBudget(measureSli(samples, s), s, coverage);
            if (!budget) return true;
            return Math.abs(budget.remaining + budget.consumed - 1) < 1e-9;
          },
        ),
      ),
    ).not.toThrow();
  });

  it('a constant burn rate of 1 over the whole window spends exactly the budget (Occurrences)', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 500 }),
          fc.integer({ min: 1, max: 200 }),
          (badPerThousand, buckets) => {
            // Error rate = badPerThousand / 1000 in every bucket, and the
            // target leaves exactly that much budget: burn rate 1.
            const s: SloDefinition = {
              budgetingMethod: 'Occurrences',
              target: 1 - badPerThousand / 1000,
              windowMs: buckets * MINUTE,
            };
            const samples = Array.from({ length: buckets }, (_, i) => ({
              start: i * MINUTE,
              good: 1000 - badPerThousand,
              total: 1000,
            }));
            const m = measureSli(samples, s);
            const budget = errorBudget(m, s, 1)!;
            return (
              Math.abs(burnRate(m.value, s.target)! - 1) < 1e-9 &&
              Math.abs(budget.consumed - 1) < 1e-9
            );
          },
        ),
      ),
    ).not.toThrow();
  });

  it('a constant burn rate of 1 over the whole window spends exactly the budget (Timeslices)', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 500 }),
          fc.integer({ min: 1, max: 100 }),
          (slices, badEvery) => {
            fc.pre(badEvery <= slices);
            // One bad slice in every `badEvery`, and a target allowing exactly
            // that share of bad time.
            const bad = Math.floor(slices / badEvery);
            const s: SloDefinition = {
              budgetingMethod: 'Timeslices',
              target: 1 - bad / slices,
              windowMs: slices * MINUTE,
              timeSliceTarget: 0.9,
              timeSliceWindowMs: MINUTE,
            };
            fc.pre(s.target > 0);
            const samples = Array.from({ length: slices }, (_, i) => ({
              start: i * MINUTE,
              good: i < bad ? 0 : 10,
              total: 10,
            }));
            const budget = errorBudget(measureSli(samples, s), s, 1)!;
            return Math.abs(budget.consumed - 1) < 1e-9;
          },
        ),
      ),
    ).not.toThrow();
  });

  it('burn rate scales linearly with the error rate', () => {
    expect(() =>
      fc.assert(
        fc.property(
          target,
          fc.double({ min: 0, max: 0.1, noNaN: true }),
          fc.double({ min: 0, max: 10, noNaN: true }),
          (t, errorRate, k) => {
            const base = burnRate(1 - errorRate, t)!;
            const scaled = burnRate(1 - k * errorRate, t)!;
            return Math.abs(scaled - k * base) <= 1e-9 * Math.max(1, k * base);
          },
        ),
      ),
    ).not.toThrow();
  });

  it('no NaN escapes for any non-negative input', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(sample),
          slo,
          fc.integer({ min: 0, max: 2 * DAY }),
          (samples, s, now) => !hasNaN(evaluateSlo(samples, s, { now })),
        ),
      ),
    ).not.toThrow();
  });

  it('alert thresholds for a 30 day window are the workbook numbers', () => {
    expect(
      SRE_WORKBOOK_BURN_RATE_RULES.map(r => [
        r.severity,
        r.longWindowMs / 60_000,
        r.shortWindowMs / 60_000,
        burnRateThreshold(r, 30 * DAY),
      ]),
    ).toEqual([
      ['page', 60, 5, 14.4],
      ['page', 360, 30, 6],
      ['ticket', 1440, 120, 3],
      ['ticket', 4320, 360, 1],
    ]);
  });

  it('thresholds keep each rule’s budget share for any window', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.integer({ min: 3, max: 400 }), days => {
          return SRE_WORKBOOK_BURN_RATE_RULES.every(r => {
            // Burning at the threshold for the long window spends exactly the
            // rule's budget fraction.
            const spent =
              (burnRateThreshold(r, days * DAY) * r.longWindowMs) /
              (days * DAY);
            return Math.abs(spent - r.budgetFraction) < 1e-9;
          });
        }),
      ),
    ).not.toThrow();
  });
});
