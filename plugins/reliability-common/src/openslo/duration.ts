import { describeValue } from '../util/describeValue';

/**
 * The duration units of OpenSLO v1 duration shorthands.
 *
 * @remarks
 * Case matters: `m` is a minute and `M` is a month.
 *
 * @public
 */
export type OpenSloDurationUnit = 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';

/**
 * A parsed OpenSLO duration shorthand such as `28d`.
 *
 * @public
 */
export interface OpenSloDuration {
  /** The whole number in front of the unit. */
  value: number;
  /** The unit letter. */
  unit: OpenSloDurationUnit;
  /**
   * Fixed length in milliseconds, as used for rolling windows: see
   * {@link OPENSLO_DURATION_UNIT_MILLISECONDS}.
   */
  milliseconds: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Fixed length of each unit, used for rolling windows and time slices.
 *
 * @remarks
 * A rolling window has no calendar to follow, so months, quarters and years
 * get fixed lengths: M = 30 days, Q = 90 days, Y = 365 days, w = 7 days.
 * Calendar windows use real calendar periods instead, see
 * {@link calendarWindowBounds}.
 *
 * @public
 */
export const OPENSLO_DURATION_UNIT_MILLISECONDS: Readonly<
  Record<OpenSloDurationUnit, number>
> = Object.freeze({
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: 7 * DAY,
  M: 30 * DAY,
  Q: 90 * DAY,
  Y: 365 * DAY,
});

/**
 * The longest duration accepted, 100 years (36500d): longer ones are typos,
 * and their windows would reach past the dates JavaScript can represent.
 *
 * @public
 */
export const OPENSLO_MAX_DURATION_MILLISECONDS = 36_500 * DAY;

/**
 * Human readable description of the accepted duration format, reused by
 * error messages.
 *
 * @public
 */
export const OPENSLO_DURATION_FORMAT =
  'a duration like 28d: a whole number followed by one unit of m (minute), h (hour), d (day), w (week), M (month), Q (quarter), Y (year)';

const DURATION_PATTERN = /^([1-9][0-9]*)([mhdwMQY])$/;

// Unit spellings people commonly write, mapped to the unit they meant.
const UNIT_ALIASES: Record<string, OpenSloDurationUnit> = {
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  H: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  D: 'd',
  day: 'd',
  days: 'd',
  W: 'w',
  wk: 'w',
  wks: 'w',
  week: 'w',
  weeks: 'w',
  mo: 'M',
  mon: 'M',
  mos: 'M',
  month: 'M',
  months: 'M',
  q: 'Q',
  quarter: 'Q',
  quarters: 'Q',
  y: 'Y',
  yr: 'Y',
  yrs: 'Y',
  year: 'Y',
  years: 'Y',
};

/**
 * Result of {@link parseOpenSloDuration}.
 *
 * @public
 */
export type OpenSloDurationResult =
  | { ok: true; value: OpenSloDuration }
  | { ok: false; message: string };

/**
 * Suggests the duration the author probably meant, or undefined.
 *
 * @example `30 days` gives `30d`, `1mo` gives `1M`.
 */
function suggestDuration(text: string): string | undefined {
  const match = /^\s*([0-9]+)\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!match) return undefined;
  const [, amount, unitText] = match;
  const unit =
    UNIT_ALIASES[unitText] ?? UNIT_ALIASES[unitText.toLowerCase()] ?? undefined;
  if (!unit || Number(amount) === 0) return undefined;
  return `${Number(amount)}${unit}`;
}

/**
 * Parses an OpenSLO duration shorthand such as `28d`, `1w` or `1M`.
 *
 * @example
 * `parseOpenSloDuration('28d')` gives
 * `{ ok: true, value: { value: 28, unit: 'd', milliseconds: 2419200000 } }`.
 *
 * @public
 */
export function parseOpenSloDuration(text: unknown): OpenSloDurationResult {
  if (typeof text !== 'string') {
    return {
      ok: false,
      message: `must be ${OPENSLO_DURATION_FORMAT}, got ${describeValue(text)}`,
    };
  }
  const match = DURATION_PATTERN.exec(text);
  if (match) {
    const value = Number(match[1]);
    const unit = match[2] as OpenSloDurationUnit;
    const milliseconds = value * OPENSLO_DURATION_UNIT_MILLISECONDS[unit];
    if (!(milliseconds <= OPENSLO_MAX_DURATION_MILLISECONDS)) {
      return {
        ok: false,
        message: `must be at most 100 years (36500d), got ${describeValue(
          text,
        )}`,
      };
    }
    return {
      ok: true,
      value: {
        value,
        unit,
        milliseconds,
      },
    };
  }
  const suggestion = suggestDuration(text);
  let hint = '';
  if (suggestion) {
    hint = ` (did you mean ${suggestion}? units are case-sensitive: m = minute, M = month)`;
  } else if (/^\s*[0-9]*\.[0-9]+/.test(text)) {
    hint = ' (fractions are not allowed: use a smaller unit, e.g. 90m)';
  } else if (/^\s*[0-9]+\s*(s|sec|secs|second|seconds)\s*$/.test(text)) {
    hint = ' (seconds are not a unit: use minutes, e.g. 1m)';
  }
  return {
    ok: false,
    message: `must be ${OPENSLO_DURATION_FORMAT}, got ${describeValue(
      text,
    )}${hint}`,
  };
}
