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
  ])('describes %p as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});
