import { runInNewContext } from 'node:vm';
import { isPlainObject } from './isPlainObject';

describe('isPlainObject', () => {
  it('accepts mappings', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
  });

  it('accepts mappings made in another realm', () => {
    expect(isPlainObject(runInNewContext('({ a: 1 })'))).toBe(true);
    expect(isPlainObject(runInNewContext('JSON.parse(\'{"a":1}\')'))).toBe(
      true,
    );
    expect(isPlainObject(runInNewContext('[1]'))).toBe(false);
    expect(isPlainObject(runInNewContext('new Date(0)'))).toBe(false);
  });

  class Point {
    x = 1;
  }

  it.each([null, undefined, [], new Date(0), 'x', 1, new Point(), new Map()])(
    'rejects %p',
    value => {
      expect(isPlainObject(value)).toBe(false);
    },
  );
});
