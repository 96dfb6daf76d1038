import { didYouMean, editDistance } from './didYouMean';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['kitten', 'sitting', 3],
    ['occurences', 'occurrences', 1],
  ])('%s vs %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('didYouMean', () => {
  const methods = ['Occurrences', 'Timeslices', 'RatioTimeslices'];

  it('matches a different case first', () => {
    expect(didYouMean('occurrences', methods)).toBe('Occurrences');
  });

  it('matches a typo', () => {
    expect(didYouMean('Occurences', methods)).toBe('Occurrences');
    expect(didYouMean('timeslice', methods)).toBe('Timeslices');
  });

  it('gives nothing for unrelated input', () => {
    expect(didYouMean('banana', methods)).toBeUndefined();
    expect(didYouMean('x', ['lt', 'gt'])).toBeUndefined();
  });
});

describe('didYouMean with a megabyte of input (fuzzing)', () => {
  it('gives nothing without comparing it letter by letter', () => {
    // Was a million-row edit distance per candidate, seconds per field.
    const calls = jest.spyOn(Array, 'from');
    expect(didYouMean('l'.repeat(1 << 20), ['lt', 'lte', 'gt', 'gte'])).toBe(
      undefined,
    );
    expect(calls).not.toHaveBeenCalled();
    calls.mockRestore();
  });
});
