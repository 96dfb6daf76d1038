import fc from 'fast-check';
import { counterIncreases, cumulativeToSliSamples } from './counters';

describe('counterIncreases', () => {
  it('takes differences between readings', () => {
    expect(
      counterIncreases([
        { timestamp: 0, value: 10 },
        { timestamp: 60, value: 15 },
        { timestamp: 120, value: 15 },
      ]),
    ).toEqual([
      { start: 0, end: 60, increase: 5 },
      { start: 60, end: 120, increase: 0 },
    ]);
  });

  it('treats a drop as a reset to zero', () => {
    // 100 -> 130 is +30; 130 -> 20 is a restart, so +20 (from 0 to 20).
    expect(
      counterIncreases([
        { timestamp: 0, value: 100 },
        { timestamp: 1, value: 130 },
        { timestamp: 2, value: 20 },
      ]).map(i => i.increase),
    ).toEqual([30, 20]);
  });

  it('sorts readings by time', () => {
    expect(
      counterIncreases([
        { timestamp: 2, value: 7 },
        { timestamp: 1, value: 3 },
      ]),
    ).toEqual([{ start: 1, end: 2, increase: 4 }]);
  });

  it('needs two readings', () => {
    expect(counterIncreases([])).toEqual([]);
    expect(counterIncreases([{ timestamp: 0, value: 1 }])).toEqual([]);
  });

  it('never gives a negative or NaN increase', () => {
    expect(() =>
      expect(() =>
        fc.assert(
          fc.property(
            fc.array(
              fc.record({ timestamp: fc.integer(), value: fc.double() }),
            ),
            readings =>
              counterIncreases(readings).every(
                i => i.increase >= 0 && !Number.isNaN(i.increase),
              ),
          ),
        ),
      ).not.toThrow(),
    ).not.toThrow();
  });

  it('adds up to the last value when the counter never resets', () => {
    expect(() =>
      expect(() =>
        fc.assert(
          fc.property(fc.array(fc.nat(1000), { minLength: 1 }), steps => {
            let value = 0;
            const readings = [{ timestamp: 0, value: 0 }];
            steps.forEach((step, i) => {
              value += step;
              readings.push({ timestamp: i + 1, value });
            });
            const sum = counterIncreases(readings).reduce(
              (a, i) => a + i.increase,
              0,
            );
            return sum === value;
          }),
        ),
      ).not.toThrow(),
    ).not.toThrow();
  });
});

describe('cumulativeToSliSamples', () => {
  it('gives per-bucket good and total', () => {
    expect(
      cumulativeToSliSamples([
        { timestamp: 0, good: 90, total: 100 },
        { timestamp: 60_000, good: 185, total: 200 },
        // Process restart: both counters start again from 0.
        { timestamp: 120_000, good: 48, total: 50 },
      ]),
    ).toEqual([
      { start: 0, good: 95, total: 100 },
      { start: 60_000, good: 48, total: 50 },
    ]);
  });

  it('caps good at total when only total reset', () => {
    expect(
      cumulativeToSliSamples([
        { timestamp: 0, good: 10, total: 100 },
        { timestamp: 1, good: 15, total: 3 },
      ]),
    ).toEqual([{ start: 0, good: 3, total: 3 }]);
  });
});
