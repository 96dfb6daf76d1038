import { burnRate, burnRateOver } from './burnRate';

describe('burnRate', () => {
  it.each([
    // (1 - 0.9995) / (1 - 0.999) = 0.0005 / 0.001 = 0.5
    [0.9995, 0.999, 0.5],
    // (1 - 0.99) / (1 - 0.999) = 10
    [0.99, 0.999, 10],
    // no errors: 0
    [1, 0.999, 0],
    // errors at exactly the budget rate: 1
    [0.99, 0.99, 1],
  ])('sli %p, target %p → %p', (sli, target, expected) => {
    expect(burnRate(sli, target)).toBeCloseTo(expected, 9);
  });

  it('is null without data', () => {
    expect(burnRate(null, 0.99)).toBeNull();
  });

  it('has no budget to burn at target 1', () => {
    expect(burnRate(1, 1)).toBe(0);
    expect(burnRate(0.5, 1)).toBe(Infinity);
  });
});

describe('burnRateOver', () => {
  it('measures only the range', () => {
    const samples = [
      { start: 0, good: 0, total: 100 },
      { start: 10, good: 99, total: 100 },
    ];
    const slo = {
      budgetingMethod: 'Occurrences' as const,
      target: 0.99,
      windowMs: 100,
    };
    // Only the second sample: (1 - 0.99) / 0.01 = 1
    expect(burnRateOver(samples, slo, { start: 5, end: 20 })).toBeCloseTo(1, 9);
    expect(burnRateOver(samples, slo, { start: 50, end: 60 })).toBeNull();
  });
});
