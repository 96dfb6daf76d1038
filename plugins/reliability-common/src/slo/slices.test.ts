import fc from 'fast-check';
import { isGoodSlice, toTimeSlices } from './slices';

describe('toTimeSlices', () => {
  it('sums samples per aligned slice and drops empty ones', () => {
    expect(
      toTimeSlices(
        [
          { start: 0, good: 9, total: 10 },
          { start: 30_000, good: 10, total: 10 },
          { start: 60_000, good: 0, total: 0 },
          { start: 180_000, good: 1, total: 4 },
        ],
        60_000,
      ),
    ).toEqual([
      // 19 / 20 = 0.95
      { start: 0, good: 19, total: 20, ratio: 0.95 },
      { start: 180_000, good: 1, total: 4, ratio: 0.25 },
    ]);
  });

  it('rejects a non-positive slice length', () => {
    expect(() => toTimeSlices([], 0)).toThrow(RangeError);
  });

  it('keeps ratios in [0, 1] for any input', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              start: fc.integer({ min: 0, max: 1e9 }),
              good: fc.double(),
              total: fc.double(),
            }),
          ),
          samples =>
            toTimeSlices(samples, 60_000).every(
              s => s.ratio >= 0 && s.ratio <= 1 && s.total > 0,
            ),
        ),
      ),
    ).not.toThrow();
  });
});

describe('isGoodSlice', () => {
  it('compares with >=', () => {
    const slice = { start: 0, good: 95, total: 100, ratio: 0.95 };
    expect(isGoodSlice(slice, 0.95)).toBe(true);
    expect(isGoodSlice(slice, 0.96)).toBe(false);
  });
});
