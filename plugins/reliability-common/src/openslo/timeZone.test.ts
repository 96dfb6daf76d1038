import {
  isValidTimeZone,
  localMsToInstant,
  timeZoneOffsetAt,
  wallClockAt,
} from './timeZone';

const HOUR = 3_600_000;

describe('isValidTimeZone', () => {
  it('knows IANA names', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
  });

  it('rejects unknown names', () => {
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('wallClockAt', () => {
  it('reads the wall clock in a zone', () => {
    // 2022-01-01 17:00 UTC is 12:00 in New York (EST, UTC-5).
    expect(wallClockAt(Date.UTC(2022, 0, 1, 17), 'America/New_York')).toEqual({
      year: 2022,
      month: 1,
      day: 1,
      hour: 12,
      minute: 0,
      second: 0,
    });
  });
});

describe('timeZoneOffsetAt', () => {
  it('follows daylight saving time', () => {
    expect(timeZoneOffsetAt(Date.UTC(2022, 0, 1), 'America/New_York')).toBe(
      -5 * HOUR,
    );
    expect(timeZoneOffsetAt(Date.UTC(2022, 6, 1), 'America/New_York')).toBe(
      -4 * HOUR,
    );
  });
});

describe('localMsToInstant', () => {
  it('maps an ordinary local time', () => {
    expect(localMsToInstant(Date.UTC(2022, 0, 1, 12), 'America/New_York')).toBe(
      Date.UTC(2022, 0, 1, 17),
    );
  });

  it('moves a time skipped by spring-forward past the jump', () => {
    // 2022-03-13 02:30 does not exist in New York; 03:30 EDT is 07:30 UTC.
    expect(
      localMsToInstant(Date.UTC(2022, 2, 13, 2, 30), 'America/New_York'),
    ).toBe(Date.UTC(2022, 2, 13, 7, 30));
    // Berlin skips 02:00-03:00 on 2022-03-27; 03:30 CEST is 01:30 UTC.
    expect(
      localMsToInstant(Date.UTC(2022, 2, 27, 2, 30), 'Europe/Berlin'),
    ).toBe(Date.UTC(2022, 2, 27, 1, 30));
  });

  it('takes the first of a repeated hour', () => {
    // 2022-11-06 01:30 happens twice in New York; first is EDT (05:30 UTC).
    expect(
      localMsToInstant(Date.UTC(2022, 10, 6, 1, 30), 'America/New_York'),
    ).toBe(Date.UTC(2022, 10, 6, 5, 30));
    // 2022-10-30 02:30 happens twice in Berlin; first is CEST (00:30 UTC).
    expect(
      localMsToInstant(Date.UTC(2022, 9, 30, 2, 30), 'Europe/Berlin'),
    ).toBe(Date.UTC(2022, 9, 30, 0, 30));
  });
});
