import { runbookFreshness } from './freshness';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 24);

describe('runbookFreshness', () => {
  it('is fresh up to the maximum age and stale after it', () => {
    expect(runbookFreshness(now - 180 * DAY, now, 180)).toBe('fresh');
    expect(runbookFreshness(now - 180 * DAY - 1, now, 180)).toBe('stale');
    expect(runbookFreshness(now - 10 * DAY, now, 7)).toBe('stale');
  });

  it('counts a review dated in the future as fresh', () => {
    expect(runbookFreshness(now + DAY, now, 180)).toBe('fresh');
  });

  it('is unknown without a date', () => {
    expect(runbookFreshness(undefined, now, 180)).toBe('unknown');
  });
});
