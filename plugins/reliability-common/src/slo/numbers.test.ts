import { roundNoise } from './numbers';

describe('roundNoise', () => {
  it('removes float noise and keeps infinities', () => {
    expect(roundNoise(0.1 + 0.2)).toBe(0.3);
    expect(roundNoise(Infinity)).toBe(Infinity);
    expect(roundNoise(-Infinity)).toBe(-Infinity);
  });
});
