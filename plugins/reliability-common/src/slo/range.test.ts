import { samplesInRange } from './range';

describe('samplesInRange', () => {
  it('keeps samples starting in the half-open range', () => {
    const samples = [0, 10, 20, 30].map(start => ({
      start,
      good: 1,
      total: 1,
    }));
    expect(
      samplesInRange(samples, { start: 10, end: 30 }).map(s => s.start),
    ).toEqual([10, 20]);
  });
});
