import { parseWallClock } from './calendarStartTime';
import { parseOpenSloDuration } from './duration';
import {
  localMsToInstant,
  wallClockAt,
  wallClockToLocalMs,
  type WallClock,
} from './timeZone';
import type { OpenSloCalendar } from './types';

/**
 * A half-open time range `[start, end)` in epoch milliseconds.
 *
 * @public
 */
export interface TimeRange {
  start: number;
  end: number;
}

/**
 * The parts of a time window that bounds are computed from.
 *
 * @public
 */
export interface TimeWindowLike {
  duration: string;
  isRolling: boolean;
  calendar?: OpenSloCalendar;
}

const DAY = 86_400_000;
const MONTHS_PER_UNIT = { M: 1, Q: 3, Y: 12 } as const;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addMonths(w: WallClock, months: number): WallClock {
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  // Clamp from the anchor each time, so Jan 31 gives Feb 28 then Mar 31.
  return { ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) };
}

function toInstant(at: Date | number): number {
  return typeof at === 'number' ? at : at.getTime();
}

/**
 * Start and end of the calendar period containing `at`.
 *
 * @remarks
 * Periods are anchored at `calendar.startTime` (a wall-clock time in
 * `calendar.timeZone`) and repeat every `duration`: `1M` from
 * `2022-01-01 12:00:00` gives periods starting at noon on the first of each
 * month. Days and weeks are calendar days (23 or 25 hours across a DST
 * change); months, quarters and years are calendar months, clamped to the
 * month's last day when the anchor day does not exist. Minutes and hours are
 * fixed lengths. Times before the anchor fall into earlier periods counted
 * backwards. Uses only Intl, so it runs in browsers and Node alike.
 *
 * Throws a RangeError when the duration, start time or time zone is invalid;
 * a document that passed {@link validateOpenSloDocument} never does.
 *
 * @public
 */
export function calendarWindowBounds(
  window: { duration: string; calendar: OpenSloCalendar },
  at: Date | number,
): TimeRange {
  const duration = parseOpenSloDuration(window.duration);
  if (!duration.ok) throw new RangeError(`duration ${duration.message}`);
  const anchor = parseWallClock(window.calendar.startTime);
  if (!anchor) {
    throw new RangeError(
      `calendar.startTime ${JSON.stringify(
        window.calendar.startTime,
      )} is not YYYY-MM-DD HH:mm:ss`,
    );
  }
  const { timeZone } = window.calendar;
  const now = toInstant(at);
  const { value, unit } = duration.value;
  const anchorLocal = wallClockToLocalMs(anchor);

  let boundary: (k: number) => number;
  let estimate: number;
  if (unit === 'm' || unit === 'h') {
    const anchorInstant = localMsToInstant(anchorLocal, timeZone);
    const period = duration.value.milliseconds;
    boundary = k => anchorInstant + k * period;
    estimate = Math.floor((now - anchorInstant) / period);
  } else if (unit === 'd' || unit === 'w') {
    const period = value * (unit === 'w' ? 7 : 1) * DAY;
    const nowLocal = wallClockToLocalMs(wallClockAt(now, timeZone));
    boundary = k => localMsToInstant(anchorLocal + k * period, timeZone);
    estimate = Math.floor((nowLocal - anchorLocal) / period);
  } else {
    const months = value * MONTHS_PER_UNIT[unit];
    const w = wallClockAt(now, timeZone);
    boundary = k =>
      localMsToInstant(
        wallClockToLocalMs(addMonths(anchor, k * months)),
        timeZone,
      );
    estimate = Math.floor(
      ((w.year - anchor.year) * 12 + (w.month - anchor.month)) / months,
    );
  }
  // The estimate can be one off near a boundary (DST, clamped days); step
  // until start <= at < end holds.
  let k = estimate;
  while (boundary(k) > now) k--;
  while (boundary(k + 1) <= now) k++;
  return { start: boundary(k), end: boundary(k + 1) };
}

/**
 * The window an SLO is evaluated over at `at`.
 *
 * @remarks
 * Rolling windows end at `at` and reach back one fixed duration (see
 * {@link OPENSLO_DURATION_UNIT_MILLISECONDS}). Calendar windows are the
 * current calendar period, see {@link calendarWindowBounds}; their end may be
 * after `at`.
 *
 * @public
 */
export function timeWindowBounds(
  window: TimeWindowLike,
  at: Date | number,
): TimeRange {
  if (!window.isRolling && window.calendar) {
    return calendarWindowBounds(
      { duration: window.duration, calendar: window.calendar },
      at,
    );
  }
  const duration = parseOpenSloDuration(window.duration);
  if (!duration.ok) throw new RangeError(`duration ${duration.message}`);
  const end = toInstant(at);
  return { start: end - duration.value.milliseconds, end };
}
