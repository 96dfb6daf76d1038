import fc from 'fast-check';
import {
  burnAroundDeployment,
  LIKELY_BURN_JUMP,
  LIKELY_BURN_MIN_RATE,
  likelyCausedBurn,
} from './deploymentBurn';
import type { SloDefinition } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const slo: SloDefinition = {
  budgetingMethod: 'Occurrences',
  target: 0.99,
  windowMs: 30 * DAY,
};
const deployedAt = 100 * HOUR;

describe('burnAroundDeployment', () => {
  it('compares the hour after with the hour before, by hand', () => {
    const samples = [
      // before: 1 bad in 1,000 → sli 0.999, burn (1 − 0.999) / 0.01 = 0.1
      { start: deployedAt - HOUR, good: 999, total: 1000 },
      // after: 50 bad in 1,000 → sli 0.95, burn 0.05 / 0.01 = 5
      { start: deployedAt, good: 950, total: 1000 },
      // outside both hours: ignored
      { start: deployedAt + 2 * HOUR, good: 0, total: 1000 },
    ];
    const burn = burnAroundDeployment(samples, slo, deployedAt);
    expect(burn.burnRateBefore).toBeCloseTo(0.1, 9);
    expect(burn.burnRateAfter).toBeCloseTo(5, 9);
    // budget consumed = burn × 1 h / 720 h
    expect(burn.budgetConsumedBefore).toBeCloseTo(0.1 / 720, 12);
    expect(burn.budgetConsumedAfter).toBeCloseTo(5 / 720, 12);
    expect(burn.likelyCausedBurn).toBe(true);
  });

  it('does not blame a deployment for burn that was already there', () => {
    const samples = [
      { start: deployedAt - HOUR, good: 950, total: 1000 }, // burn 5
      { start: deployedAt, good: 940, total: 1000 }, // burn 6
    ];
    expect(
      burnAroundDeployment(samples, slo, deployedAt).likelyCausedBurn,
    ).toBe(false);
  });

  it('has nulls without traffic', () => {
    const burn = burnAroundDeployment([], slo, deployedAt);
    expect(burn).toEqual({
      burnRateBefore: null,
      burnRateAfter: null,
      budgetConsumedBefore: null,
      budgetConsumedAfter: null,
      likelyCausedBurn: false,
    });
  });
});

describe('likelyCausedBurn', () => {
  const rate = fc.oneof(
    fc.constant(null),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  );

  it('never flags a burn rate after below the minimum', () => {
    expect(() =>
      fc.assert(
        fc.property(
          rate,
          fc.double({
            min: 0,
            max: LIKELY_BURN_MIN_RATE,
            noNaN: true,
            maxExcluded: true,
          }),
          (before, after) => !likelyCausedBurn(before, after),
        ),
      ),
    ).not.toThrow();
  });

  it('is monotonic: a larger burn after never clears the flag', () => {
    expect(() =>
      fc.assert(
        fc.property(
          rate,
          fc.double({ min: 0, max: 1e6, noNaN: true }),
          fc.double({ min: 0, max: 1e6, noNaN: true }),
          (before, a, b) => {
            const [low, high] = a <= b ? [a, b] : [b, a];
            return (
              !likelyCausedBurn(before, low) || likelyCausedBurn(before, high)
            );
          },
        ),
      ),
    ).not.toThrow();
  });

  it('flags exactly the jumps', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: 1e6, noNaN: true }),
          fc.double({ min: LIKELY_BURN_MIN_RATE, max: 1e6, noNaN: true }),
          (before, after) =>
            likelyCausedBurn(before, after) ===
            after >= LIKELY_BURN_JUMP * before,
        ),
      ),
    ).not.toThrow();
  });

  it('budget consumed is burn × span / window for any samples', () => {
    expect(() =>
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              start: fc.integer({
                min: deployedAt - 2 * HOUR,
                max: deployedAt + 2 * HOUR,
              }),
              good: fc.nat(1000),
              total: fc.nat(1000),
            }),
          ),
          samples => {
            const burn = burnAroundDeployment(samples, slo, deployedAt);
            for (const [measured, consumed] of [
              [burn.burnRateBefore, burn.budgetConsumedBefore],
              [burn.burnRateAfter, burn.budgetConsumedAfter],
            ]) {
              if ((measured === null) !== (consumed === null)) return false;
              if (
                measured !== null &&
                Math.abs(consumed! - measured / 720) > 1e-9
              )
                return false;
            }
            return true;
          },
        ),
      ),
    ).not.toThrow();
  });
});
