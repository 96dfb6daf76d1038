import fc from 'fast-check';
import { sanitizeCount, sanitizeSample } from './sanitize';

describe('sanitizeCount', () => {
  it.each([
    [5, 5],
    [0, 0],
    [-1, 0],
    [NaN, 0],
    [Infinity, 0],
  ])('turns %p into %p', (input, output) => {
    expect(sanitizeCount(input)).toBe(output);
  });
});

describe('sanitizeSample', () => {
  it('caps good at total', () => {
    expect(sanitizeSample({ start: 1, good: 12, total: 10 })).toEqual({
      start: 1,
      good: 10,
      total: 10,
    });
  });

  it('always gives 0 <= good <= total', () => {
    expect(() =>
      expect(() =>
        fc.assert(
          fc.property(fc.double(), fc.double(), (good, total) => {
            const s = sanitizeSample({ start: 0, good, total });
            return s.good >= 0 && s.good <= s.total && Number.isFinite(s.total);
          }),
        ),
      ).not.toThrow(),
    ).not.toThrow();
  });
});
