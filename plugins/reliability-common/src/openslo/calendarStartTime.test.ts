import { parseCalendarStartTime, parseWallClock } from './calendarStartTime';

describe('parseCalendarStartTime', () => {
  it('accepts the OpenSLO text form', () => {
    expect(parseCalendarStartTime('2022-01-01 12:00:00')).toEqual({
      ok: true,
      value: '2022-01-01 12:00:00',
    });
  });

  it('accepts a Date from a YAML 1.1 parser, reading its UTC fields', () => {
    // YAML 1.1 reads "2022-01-01 12:00:00" as 12:00 UTC.
    expect(
      parseCalendarStartTime(new Date(Date.UTC(2022, 0, 1, 12, 0, 0))),
    ).toEqual({ ok: true, value: '2022-01-01 12:00:00' });
  });

  it('accepts a T separator and a date without time', () => {
    expect(parseCalendarStartTime('2022-03-04T05:06:07')).toEqual({
      ok: true,
      value: '2022-03-04 05:06:07',
    });
    expect(parseCalendarStartTime('2022-03-04')).toEqual({
      ok: true,
      value: '2022-03-04 00:00:00',
    });
  });

  it('rejects impossible dates', () => {
    expect(parseCalendarStartTime('2022-02-30 00:00:00').ok).toBe(false);
    expect(parseCalendarStartTime('2022-01-01 25:00:00').ok).toBe(false);
  });

  it('explains an offset is not wanted', () => {
    const result = parseCalendarStartTime('2022-01-01T12:00:00Z');
    expect(!result.ok && result.message).toContain('leave out the offset');
  });

  it('says what it expected', () => {
    const missing = parseCalendarStartTime(undefined);
    expect(!missing.ok && missing.message).toMatch(/^is required/);
    const wrong = parseCalendarStartTime(5);
    expect(!wrong.ok && wrong.message).toContain('got 5');
    const invalid = parseCalendarStartTime(new Date(NaN));
    expect(invalid.ok).toBe(false);
  });
});

describe('parseWallClock', () => {
  it('splits the fields', () => {
    expect(parseWallClock('2024-02-29 23:59:58')).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      hour: 23,
      minute: 59,
      second: 58,
    });
  });
});
