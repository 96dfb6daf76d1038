/** Strings longer than this are cut in messages, with their length. */
const MAX_QUOTED = 200;

/**
 * Short description of a value for error messages: strings are quoted (and
 * cut after 200 characters, so a megabyte of input does not become a
 * megabyte of message), objects and lists are named rather than dumped.
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > MAX_QUOTED
      ? `${JSON.stringify(`${value.slice(0, MAX_QUOTED)}…`)} (${
          value.length
        } characters)`
      : JSON.stringify(value);
  }
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) {
    // toISOString throws a RangeError for an invalid Date.
    return Number.isNaN(value.getTime())
      ? 'an invalid date'
      : `the date ${value.toISOString()}`;
  }
  if (typeof value === 'object') return 'an object';
  return String(value);
}
