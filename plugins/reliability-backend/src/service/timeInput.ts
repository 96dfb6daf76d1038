import { z } from 'zod';

/** The latest accepted time, the end of year 9999 (epoch ms). */
export const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const EXPECTED =
  'expected epoch milliseconds or an ISO 8601 time such as 2026-11-24T12:00:00Z';

// A date, or a date and time with Z or an offset: without one the time would
// be read in the server's time zone.
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|([+-])(\d{2}):?(\d{2})))?$/;

/**
 * Epoch milliseconds of an ISO 8601 time, or a sentence saying what is
 * wrong with it. Checks the calendar (no 2026-02-30, no leap second 23:59:60,
 * which JavaScript cannot represent) instead of trusting Date.parse, which
 * rolls 2026-02-30 over to March and reads `1` as the year 2001.
 */
export function parseIsoTime(value: string): number | { problem: string } {
  const match = ISO_TIME.exec(value);
  if (!match) {
    const hasTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(
      value,
    );
    return {
      problem: hasTime
        ? `expected Z or an offset such as +01:00 at the end of ${JSON.stringify(
            value,
          )}`
        : EXPECTED,
    };
  }
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map(part => Number(part ?? 0));
  const millisecond = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const offsetSign = match[9] === '-' ? -1 : 1;
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  const daysInMonth = [
    31,
    isLeapYear(year) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ][month - 1];
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    return {
      problem: `${JSON.stringify(
        value,
      )} is not a time on the calendar (month 01-12, a day of that month, hour 00-23, minute and second 00-59)`,
    };
  }
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millisecond);
  return (
    local.getTime() - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000
  );
}

function isLeapYear(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function rangeProblem(ms: number): string | undefined {
  if (ms < 0) return 'must not be before 1970-01-01T00:00:00Z';
  if (ms > MAX_TIME_MS) return 'must not be after the year 9999';
  return undefined;
}

/**
 * A time in a request body: epoch milliseconds or ISO 8601, from 1970 to the
 * end of year 9999.
 */
export const timeInput = z.union(
  [
    z
      .number()
      .int({ message: `${EXPECTED} (a whole number of milliseconds)` })
      .superRefine((ms, ctx) => {
        const problem = rangeProblem(ms);
        if (problem) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
        }
      }),
    z
      .string()
      .max(64, { message: `${EXPECTED} (at most 64 characters)` })
      .superRefine((value, ctx) => {
        const parsed = parseIsoTime(value);
        const problem =
          typeof parsed === 'number' ? rangeProblem(parsed) : parsed.problem;
        if (problem) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
        }
      }),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === z.ZodIssueCode.invalid_union
        ? { message: ctx.data === undefined ? 'Required' : EXPECTED }
        : { message: ctx.defaultError },
  },
);

/**
 * Epoch milliseconds of a validated {@link timeInput}; NaN for a string that
 * did not validate (cross-field checks also run on inputs with errors).
 */
export function toEpochMs(value: string | number): number {
  if (typeof value === 'number') return value;
  const parsed = parseIsoTime(value);
  return typeof parsed === 'number' ? parsed : NaN;
}
