import { formatPromDuration } from './promDuration';

describe('formatPromDuration', () => {
  it.each([
    [5 * 60_000, '5m'],
    [30 * 60_000, '30m'],
    [90 * 60_000, '1h30m'],
    [3_600_000, '1h'],
    [86_400_000, '1d'],
    [3 * 86_400_000, '3d'],
    [7 * 86_400_000, '1w'],
    // Weeks and years only when exact, like Prometheus' model.Duration.
    [28 * 86_400_000, '4w'],
    [30 * 86_400_000, '30d'],
    [90 * 86_400_000, '90d'],
    [365 * 86_400_000, '1y'],
    [0, '0s'],
  ])('formats %p ms as %p', (ms, text) => {
    expect(formatPromDuration(ms)).toBe(text);
  });
});
