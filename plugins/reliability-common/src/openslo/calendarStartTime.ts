import { describeValue } from '../util/describeValue';
import type { WallClock } from './timeZone';

/**
 * Result of {@link parseCalendarStartTime}.
 *
 * @public
 */
export type CalendarStartTimeResult =
  | { ok: true; value: string }
  | { ok: false; message: string };

const START_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatWallClock(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(
    w.minute,
  )}:${pad(w.second)}`;
}

/**
 * Reads `calendar.startTime` into wall-clock fields, or undefined when it is
 * not a valid `YYYY-MM-DD HH:mm:ss` local time.
 *
 * @internal
 */
export function parseWallClock(text: string): WallClock | undefined {
  const match = START_TIME_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map(part => (part === undefined ? undefined : Number(part))) as number[];
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2022-02-30 over to March; a real date reads back unchanged.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    return undefined;
  }
  return { year, month, day, hour, minute, second };
}

/**
 * Normalises an OpenSLO `calendar.startTime` to `YYYY-MM-DD HH:mm:ss`.
 *
 * @remarks
 * The value is a local time in `calendar.timeZone`. YAML 1.2 parsers give the
 * text (`2022-01-01 12:00:00`); YAML 1.1 parsers turn it into a Date read as
 * UTC, so a Date's UTC fields are exactly the text that was written.
 * A `T` separator and a missing time (midnight) are accepted; an offset or
 * `Z` is not, because the zone comes from `calendar.timeZone`.
 *
 * @public
 */
export function parseCalendarStartTime(
  value: unknown,
): CalendarStartTimeResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      return {
        ok: false,
        message: 'must be a valid date, got an invalid Date',
      };
    }
    return {
      ok: true,
      value: formatWallClock({
        year: value.getUTCFullYear(),
        month: value.getUTCMonth() + 1,
        day: value.getUTCDate(),
        hour: value.getUTCHours(),
        minute: value.getUTCMinutes(),
        second: value.getUTCSeconds(),
      }),
    };
  }
  const expected =
    'a local date and time like 2022-01-01 12:00:00 (the zone comes from calendar.timeZone)';
  if (typeof value !== 'string') {
    return {
      ok: false,
      message:
        value === undefined
          ? `is required (expected ${expected})`
          : `must be ${expected}, got ${describeValue(value)}`,
    };
  }
  const trimmed = value.trim();
  const wall = parseWallClock(trimmed);
  if (wall) return { ok: true, value: formatWallClock(wall) };
  const hint = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)
    ? ' (leave out the offset: the zone comes from calendar.timeZone)'
    : '';
  return {
    ok: false,
    message: `must be ${expected}, got ${describeValue(value)}${hint}`,
  };
}
