import { forecastBudgetExhaustion } from './forecast';

const DAY = 86_400_000;

describe('forecastBudgetExhaustion', () => {
  it('divides what is left by the burn rate', () => {
    // Half the budget left, burning at 2 in a 30 day window:
    // 0.5 × 30d / 2 = 7.5 days.
    expect(
      forecastBudgetExhaustion({
        remaining: 0.5,
        burnRate: 2,
        windowMs: 30 * DAY,
        now: 1000,
      }),
    ).toEqual({ exhaustedAt: 1000 + 7.5 * DAY, inMs: 7.5 * DAY });
  });

  it('says now when already exhausted', () => {
    expect(
      forecastBudgetExhaustion({
        remaining: -0.2,
        burnRate: 0,
        windowMs: DAY,
        now: 5,
      }),
    ).toEqual({ exhaustedAt: 5, inMs: 0 });
  });

  it('is null when nothing burns or it is beyond the horizon', () => {
    const base = { remaining: 1, windowMs: 30 * DAY, now: 0 };
    expect(forecastBudgetExhaustion({ ...base, burnRate: 0 })).toBeNull();
    expect(forecastBudgetExhaustion({ ...base, burnRate: -1 })).toBeNull();
    expect(forecastBudgetExhaustion({ ...base, burnRate: null })).toBeNull();
    // 1 × 30d / 0.5 = 60 days > 30 day horizon
    expect(forecastBudgetExhaustion({ ...base, burnRate: 0.5 })).toBeNull();
    expect(
      forecastBudgetExhaustion({ ...base, burnRate: 0.5, horizonMs: 90 * DAY }),
    ).toEqual({ exhaustedAt: 60 * DAY, inMs: 60 * DAY });
    expect(
      forecastBudgetExhaustion({ ...base, remaining: NaN, burnRate: 1 }),
    ).toBeNull();
  });
});
