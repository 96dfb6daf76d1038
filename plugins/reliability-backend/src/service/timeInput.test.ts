import { MAX_TIME_MS, parseIsoTime, timeInput, toEpochMs } from './timeInput';

describe('parseIsoTime', () => {
  it.each([
    ['2026-11-24T12:00:00Z', Date.UTC(2026, 10, 24, 12)],
    ['2026-11-24t12:00:00z', Date.UTC(2026, 10, 24, 12)],
    ['2026-11-24 12:00Z', Date.UTC(2026, 10, 24, 12)],
    ['2026-11-24T12:00:00.123456789Z', Date.UTC(2026, 10, 24, 12, 0, 0, 123)],
    ['2026-11-24T12:00:00.5+01:00', Date.UTC(2026, 10, 24, 11, 0, 0, 500)],
    ['2026-11-24T12:00:00-0930', Date.UTC(2026, 10, 24, 21, 30)],
    ['2026-11-24', Date.UTC(2026, 10, 24)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['9999-12-31T23:59:59.999Z', MAX_TIME_MS],
    ['0000-01-01T00:00:00Z', -62167219200000],
  ])('reads %s', (text, ms) => {
    expect(parseIsoTime(text)).toBe(ms);
    // The same instant as Date.parse, where Date.parse is right.
    expect(parseIsoTime(text)).toBe(Date.parse(text.replace(' ', 'T')));
  });

  // Date.parse accepts all of these, rolling impossible dates over or
  // guessing a year; fuzzing found them accepted as deployment times.
  it.each([
    ['2026-02-30', 'is not a time on the calendar'],
    ['2026-02-29T00:00:00Z', 'is not a time on the calendar'],
    ['1900-02-29', 'is not a time on the calendar'],
    ['2026-04-31T00:00:00Z', 'is not a time on the calendar'],
    ['2026-13-01T00:00:00Z', 'is not a time on the calendar'],
    ['2026-11-24T24:00:00Z', 'is not a time on the calendar'],
    ['2016-12-31T23:59:60Z', 'is not a time on the calendar'],
    ['2026-11-24T12:00:00+24:00', 'is not a time on the calendar'],
    ['2026-11-24T12:00:00', 'expected Z or an offset such as +01:00'],
    ['1', 'expected epoch milliseconds or an ISO 8601 time'],
    ['-1', 'expected epoch milliseconds or an ISO 8601 time'],
    [' 12', 'expected epoch milliseconds or an ISO 8601 time'],
    ['Tue, 24 Nov 2026 12:00:00 GMT', 'expected epoch milliseconds'],
    ['+275760-09-13T00:00:00.000Z', 'expected epoch milliseconds'],
    ['20261124T120000Z', 'expected epoch milliseconds'],
    ['١٢٣٤-١١-٢٤', 'expected epoch milliseconds'],
  ])('refuses %s', (text, problem) => {
    const parsed = parseIsoTime(text);
    expect(parsed).toEqual({ problem: expect.stringContaining(problem) });
    expect(toEpochMs(text)).toBeNaN();
  });
});

describe('timeInput', () => {
  const messageOf = (value: unknown) => {
    const result = timeInput.safeParse(value);
    return result.success ? undefined : result.error.issues[0].message;
  };

  it('takes epoch milliseconds and ISO times from 1970 to the year 9999', () => {
    expect(timeInput.parse(0)).toBe(0);
    expect(timeInput.parse(MAX_TIME_MS)).toBe(MAX_TIME_MS);
    expect(timeInput.parse('1970-01-01T00:00:00Z')).toBe(
      '1970-01-01T00:00:00Z',
    );
  });

  // 8.64e15 + 1 and 1e20 used to pass: an SLI event with such a timestamp
  // threw a RangeError (a 500) and a deployment broke PostgreSQL's bigint.
  it.each([
    [8.64e15 + 1, 'must not be after the year 9999'],
    [1e20, 'must not be after the year 9999'],
    [Number.MAX_VALUE, 'must not be after the year 9999'],
    [MAX_TIME_MS + 1, 'must not be after the year 9999'],
    [-1, 'must not be before 1970-01-01T00:00:00Z'],
    ['1969-12-31T23:59:59.999Z', 'must not be before 1970-01-01T00:00:00Z'],
    ['0000-01-01T00:00:00Z', 'must not be before 1970-01-01T00:00:00Z'],
    [1.5, 'a whole number of milliseconds'],
    ['x'.repeat(65), 'at most 64 characters'],
    [true, 'expected epoch milliseconds or an ISO 8601 time'],
    [null, 'expected epoch milliseconds or an ISO 8601 time'],
    [undefined, 'Required'],
  ])('refuses %p: %s', (value, message) => {
    expect(messageOf(value)).toContain(message);
  });
});
