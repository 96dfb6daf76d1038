import { meetsThreshold } from './threshold';

describe('meetsThreshold', () => {
  it.each([
    [0.2, 'lt', 0.3, true],
    [0.3, 'lt', 0.3, false],
    [0.3, 'lte', 0.3, true],
    [0.3, undefined, 0.3, true],
    [0.4, 'gt', 0.3, true],
    [0.3, 'gte', 0.3, true],
    [0.2, 'gte', 0.3, false],
  ])('%p %p %p is %p', (value, op, threshold, expected) => {
    expect(meetsThreshold(value, op, threshold)).toBe(expected);
  });
});
