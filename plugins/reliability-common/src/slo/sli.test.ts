import { measureSli } from './sli';
import type { SloDefinition } from './types';

const MINUTE = 60_000;
const occurrences: SloDefinition = {
  budgetingMethod: 'Occurrences',
  target: 0.999,
  windowMs: 30 * 86_400_000,
};

describe('measureSli', () => {
  it('Occurrences: good / total', () => {
    // 999,500 good of 1,000,000 → 0.9995
    const m = measureSli(
      [
        { start: 0, good: 499_800, total: 500_000 },
        { start: MINUTE, good: 499_700, total: 500_000 },
      ],
      occurrences,
    );
    expect(m).toEqual({
      value: 0.9995,
      goodEvents: 999_500,
      badEvents: 500,
      totalEvents: 1_000_000,
    });
  });

  it('gives null, not NaN, without traffic', () => {
    expect(measureSli([], occurrences).value).toBeNull();
    expect(
      measureSli([{ start: 0, good: 0, total: 0 }], occurrences).value,
    ).toBeNull();
  });

  it('Timeslices: share of good slices', () => {
    // Slices: 100% good, 96% (good at 0.95), 90% (bad), gap, 95% (good).
    // 3 good of 4 slices with traffic → 0.75; 1 bad slice → 1 minute bad.
    const m = measureSli(
      [
        { start: 0, good: 10, total: 10 },
        { start: MINUTE, good: 96, total: 100 },
        { start: 2 * MINUTE, good: 9, total: 10 },
        { start: 4 * MINUTE, good: 19, total: 20 },
      ],
      {
        ...occurrences,
        budgetingMethod: 'Timeslices',
        timeSliceTarget: 0.95,
        timeSliceWindowMs: MINUTE,
      },
    );
    expect(m.value).toBe(0.75);
    expect(m.slices).toEqual({ count: 4, good: 3, bad: 1, badTimeMs: MINUTE });
  });

  it('RatioTimeslices: mean of slice ratios', () => {
    // Ratios 1, 1, 0.5, 0.9: mean 3.4 / 4 = 0.85. The 1,000-request slice
    // weighs as much as the 2-request one, unlike Occurrences.
    // Bad time: (0 + 0 + 0.5 + 0.1) slices = 0.6 minutes.
    const m = measureSli(
      [
        { start: 0, good: 1000, total: 1000 },
        { start: MINUTE, good: 5, total: 5 },
        { start: 2 * MINUTE, good: 1, total: 2 },
        { start: 3 * MINUTE, good: 9, total: 10 },
      ],
      {
        ...occurrences,
        budgetingMethod: 'RatioTimeslices',
        timeSliceWindowMs: MINUTE,
      },
    );
    expect(m.value).toBeCloseTo(0.85, 12);
    expect(m.slices?.count).toBe(4);
    expect(m.slices?.badTimeMs).toBeCloseTo(0.6 * MINUTE, 6);
  });

  it('needs slice settings for time slice methods', () => {
    expect(() =>
      measureSli([], { ...occurrences, budgetingMethod: 'RatioTimeslices' }),
    ).toThrow(RangeError);
    expect(() =>
      measureSli([], {
        ...occurrences,
        budgetingMethod: 'Timeslices',
        timeSliceWindowMs: MINUTE,
      }),
    ).toThrow(RangeError);
  });
});
