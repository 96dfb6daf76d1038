import { describeValue } from './describeValue';

describe('describeValue', () => {
  it.each([
    [undefined, 'nothing'],
    [null, 'null'],
    ['gold', '"gold"'],
    [[1], 'a list'],
    [{ a: 1 }, 'an object'],
    [99, '99'],
    [true, 'true'],
    [new Date(Date.UTC(2022, 0, 1)), 'the date 2022-01-01T00:00:00.000Z'],
    // Was a RangeError thrown out of validateOpenSloDocument (fuzzing).
    [new Date(NaN), 'an invalid date'],
    [Symbol('x'), 'Symbol(x)'],
  ])('describes %p as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('cuts long strings and says how long they were', () => {
    const described = describeValue('a'.repeat(1_000_000));
    expect(described).toBe(`"${'a'.repeat(200)}…" (1000000 characters)`);
  });
});
