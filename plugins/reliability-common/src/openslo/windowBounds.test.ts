import { calendarWindowBounds, timeWindowBounds } from './windowBounds';

const NY = 'America/New_York';
const calendar = (startTime: string, timeZone = NY) => ({
  startTime,
  timeZone,
});

describe('calendarWindowBounds', () => {
  it('gives the current month anchored at the start time', () => {
    // Months start at noon New York time on the 1st. 2022-03-15 is in March;
    // March 1 noon is EST (17:00 UTC), April 1 noon is EDT (16:00 UTC).
    expect(
      calendarWindowBounds(
        { duration: '1M', calendar: calendar('2022-01-01 12:00:00') },
        new Date(Date.UTC(2022, 2, 15)),
      ),
    ).toEqual({
      start: Date.UTC(2022, 2, 1, 17),
      end: Date.UTC(2022, 3, 1, 16),
    });
  });

  it('puts a moment before noon on the 1st in the previous month', () => {
    // 2022-03-01 11:00 EST is 16:00 UTC, before the March period starts.
    expect(
      calendarWindowBounds(
        { duration: '1M', calendar: calendar('2022-01-01 12:00:00') },
        Date.UTC(2022, 2, 1, 16),
      ),
    ).toEqual({
      start: Date.UTC(2022, 1, 1, 17),
      end: Date.UTC(2022, 2, 1, 17),
    });
  });

  it('counts weeks from the anchor day in calendar days', () => {
    // 2022-01-01 was a Saturday; weeks run Saturday noon to Saturday noon.
    // 2022-03-14 (Monday) is in the week of Saturday 2022-03-12, and that
    // week crosses the 2022-03-13 DST change, so it is 167 hours long.
    const bounds = calendarWindowBounds(
      { duration: '1w', calendar: calendar('2022-01-01 12:00:00') },
      Date.UTC(2022, 2, 14),
    );
    expect(bounds).toEqual({
      start: Date.UTC(2022, 2, 12, 17),
      end: Date.UTC(2022, 2, 19, 16),
    });
    expect((bounds.end - bounds.start) / 3_600_000).toBe(167);
  });

  it('handles days, quarters and years', () => {
    const utc = (d: string, startTime = '2022-01-01 00:00:00') =>
      calendarWindowBounds(
        { duration: d, calendar: calendar(startTime, 'UTC') },
        Date.UTC(2022, 4, 20, 6),
      );
    expect(utc('1d')).toEqual({
      start: Date.UTC(2022, 4, 20),
      end: Date.UTC(2022, 4, 21),
    });
    expect(utc('1Q')).toEqual({
      start: Date.UTC(2022, 3, 1),
      end: Date.UTC(2022, 6, 1),
    });
    expect(utc('1Y')).toEqual({
      start: Date.UTC(2022, 0, 1),
      end: Date.UTC(2023, 0, 1),
    });
  });

  it('clamps month ends', () => {
    // Anchored on Jan 31: the February period starts Feb 28, March's Mar 31.
    expect(
      calendarWindowBounds(
        { duration: '1M', calendar: calendar('2022-01-31 00:00:00', 'UTC') },
        Date.UTC(2022, 2, 10),
      ),
    ).toEqual({ start: Date.UTC(2022, 1, 28), end: Date.UTC(2022, 2, 31) });
  });

  it('counts backwards before the anchor', () => {
    expect(
      calendarWindowBounds(
        { duration: '1M', calendar: calendar('2022-01-01 00:00:00', 'UTC') },
        Date.UTC(2021, 10, 15),
      ),
    ).toEqual({ start: Date.UTC(2021, 10, 1), end: Date.UTC(2021, 11, 1) });
  });

  it('treats minutes as fixed lengths', () => {
    // The timeslices example: 1m calendar window from 12:00 New York.
    expect(
      calendarWindowBounds(
        { duration: '1m', calendar: calendar('2022-01-01 12:00:00') },
        Date.UTC(2022, 0, 1, 17, 5, 30),
      ),
    ).toEqual({
      start: Date.UTC(2022, 0, 1, 17, 5),
      end: Date.UTC(2022, 0, 1, 17, 6),
    });
  });

  it('throws on an invalid window', () => {
    expect(() =>
      calendarWindowBounds(
        { duration: '1 month', calendar: calendar('2022-01-01 00:00:00') },
        0,
      ),
    ).toThrow(RangeError);
    expect(() =>
      calendarWindowBounds(
        { duration: '1M', calendar: calendar('yesterday') },
        0,
      ),
    ).toThrow(RangeError);
  });
});

describe('timeWindowBounds', () => {
  it('ends a rolling window at the given time', () => {
    expect(
      timeWindowBounds({ duration: '28d', isRolling: true }, 100 * 86_400_000),
    ).toEqual({ start: 72 * 86_400_000, end: 100 * 86_400_000 });
  });

  it('uses the calendar for calendar windows', () => {
    expect(
      timeWindowBounds(
        {
          duration: '1d',
          isRolling: false,
          calendar: calendar('2022-01-01 00:00:00', 'UTC'),
        },
        Date.UTC(2022, 0, 5, 12),
      ),
    ).toEqual({ start: Date.UTC(2022, 0, 5), end: Date.UTC(2022, 0, 6) });
  });
});
