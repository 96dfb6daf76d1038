import {
  objectiveTarget,
  timeSliceWindowMilliseconds,
} from './objectiveTarget';

describe('objectiveTarget', () => {
  it('returns target as is', () => {
    expect(objectiveTarget({ target: 0.995 })).toBe(0.995);
  });

  it('turns targetPercent into a ratio', () => {
    expect(objectiveTarget({ targetPercent: 99.9 })).toBe(0.999);
    expect(objectiveTarget({ targetPercent: 99 })).toBe(0.99);
    expect(objectiveTarget({ targetPercent: 100 })).toBe(1);
  });

  it('is undefined without either', () => {
    expect(objectiveTarget({})).toBeUndefined();
  });
});

describe('timeSliceWindowMilliseconds', () => {
  it('reads durations and seconds', () => {
    expect(timeSliceWindowMilliseconds({ timeSliceWindow: '1m' })).toBe(60_000);
    expect(timeSliceWindowMilliseconds({ timeSliceWindow: 30 })).toBe(30_000);
  });

  it('is undefined when missing or invalid', () => {
    expect(timeSliceWindowMilliseconds({})).toBeUndefined();
    expect(
      timeSliceWindowMilliseconds({ timeSliceWindow: '1 minute' }),
    ).toBeUndefined();
    expect(
      timeSliceWindowMilliseconds({ timeSliceWindow: -5 }),
    ).toBeUndefined();
  });
});
