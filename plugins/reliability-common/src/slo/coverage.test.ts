import { windowCoverage } from './coverage';

const DAY = 86_400_000;

describe('windowCoverage', () => {
  const window = { start: 0, end: 30 * DAY };

  it('is 1 for a fully observed window', () => {
    expect(windowCoverage(window, 30 * DAY, -5 * DAY)).toBe(1);
  });

  it('is the observed share for a young SLO', () => {
    // Created on day 20 of a 30 day window: 10 of 30 days observed.
    expect(windowCoverage(window, 30 * DAY, 20 * DAY)).toBeCloseTo(1 / 3, 12);
  });

  it('stops at now for an unfinished calendar period', () => {
    expect(windowCoverage(window, 15 * DAY, 0)).toBe(0.5);
  });

  it('is 0 for an empty window or data after now', () => {
    expect(windowCoverage({ start: 5, end: 5 }, 5, 0)).toBe(0);
    expect(windowCoverage(window, 10 * DAY, 20 * DAY)).toBe(0);
  });
});
