/**
 * True when the runtime's Intl knows the IANA time zone name.
 *
 * @public
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    // Throws a RangeError for unknown zones, in browsers and Node alike.
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Wall-clock fields of a moment in a time zone.
 *
 * @internal
 */
export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall clock in `timeZone` at an instant (epoch ms).
 *
 * @internal
 */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    parts[part.type] = part.value;
  }
  const yearOfEra = Number(parts.year);
  // Years before 1 CE come back as era BC; keep them proleptic.
  const year = parts.era === 'BC' ? 1 - yearOfEra : yearOfEra;
  return {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/**
 * Wall-clock fields as a number on a uniform local time line, so calendar
 * arithmetic can be done with Date.UTC and then mapped back to an instant.
 *
 * @internal
 */
export function wallClockToLocalMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/**
 * Offset of `timeZone` from UTC at an instant, in ms (local - UTC).
 *
 * @internal
 */
export function timeZoneOffsetAt(instant: number, timeZone: string): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallClockToLocalMs(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

/**
 * The instant at which the wall clock in `timeZone` shows `localMs`.
 *
 * @remarks
 * A wall-clock time skipped by a DST jump is moved forward by the length of
 * the jump (02:30 becomes 03:30), as Temporal's `compatible` option does; a
 * repeated time maps to its first occurrence.
 *
 * @internal
 */
export function localMsToInstant(localMs: number, timeZone: string): number {
  const firstGuess = localMs - timeZoneOffsetAt(localMs, timeZone);
  const offsetAtGuess = timeZoneOffsetAt(firstGuess, timeZone);
  const secondGuess = localMs - offsetAtGuess;
  if (secondGuess === firstGuess) {
    // Prefer the earlier of two valid readings of a repeated hour.
    const earlier =
      localMs - timeZoneOffsetAt(firstGuess - 3_600_000, timeZone);
    if (
      earlier < firstGuess &&
      earlier + timeZoneOffsetAt(earlier, timeZone) === localMs
    ) {
      return earlier;
    }
    return firstGuess;
  }
  // The offset changed between guesses: check which one reads back right.
  if (secondGuess + timeZoneOffsetAt(secondGuess, timeZone) === localMs) {
    return secondGuess;
  }
  // In a DST gap neither reads back; take the later instant (after the jump).
  return Math.max(firstGuess, secondGuess);
}
