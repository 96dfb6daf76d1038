import { compareFact, describeComparison } from './operators';

describe('compareFact', () => {
  it.each([
    [true, 'equal', true, true],
    [false, 'equal', true, false],
    [null, 'equal', null, false],
    ['Critical', 'equal', 'critical', true],
    [1, 'notEqual', 0, true],
    [null, 'notEqual', 0, true],
    [0, 'lessThan', 0, false],
    [0, 'lessThanInclusive', 0, true],
    [2, 'greaterThan', 1, true],
    [1, 'greaterThanInclusive', 1, true],
    [null, 'greaterThanInclusive', 1, false],
    ['5', 'greaterThan', 1, false],
    [Number.NaN, 'lessThan', 1, false],
    ['high', 'in', ['critical', 'high'], true],
    [null, 'in', ['critical'], false],
    ['low', 'notIn', ['critical', 'high'], true],
  ] as const)('%p %s %p is %p', (value, operator, threshold, expected) => {
    expect(compareFact(value, operator, threshold as any)).toBe(expected);
  });
});

describe('describeComparison', () => {
  it('says what was found and expected in words', () => {
    expect(describeComparison(0, 'greaterThanInclusive', 1)).toBe(
      'found 0, expected at least 1',
    );
    expect(describeComparison(false, 'equal', true)).toBe(
      'found no, expected yes',
    );
    expect(describeComparison(0.123456, 'lessThanInclusive', 0.15)).toBe(
      'found 0.123, expected at most 0.15',
    );
    expect(describeComparison('low', 'in', ['critical', 'high'])).toBe(
      'found low, expected one of critical, high',
    );
  });
});
