import { isPlainObject } from './isPlainObject';

describe('isPlainObject', () => {
  it('accepts mappings', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
  });

  it.each([null, undefined, [], new Date(0), 'x', 1])('rejects %p', value => {
    expect(isPlainObject(value)).toBe(false);
  });
});
