import fc from 'fast-check';
import { median } from './median';

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %p is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('lies between min and max', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.array(fc.integer(), { minLength: 1 }), values => {
          const m = median(values)!;
          return m >= Math.min(...values) && m <= Math.max(...values);
        }),
      ),
    ).not.toThrow();
  });
});
