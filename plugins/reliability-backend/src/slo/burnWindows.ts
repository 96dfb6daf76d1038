const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The burn-rate windows shown for every SLO, by label. */
export const BURN_RATE_WINDOWS: ReadonlyArray<readonly [string, number]> = [
  ['5m', 5 * MINUTE],
  ['30m', 30 * MINUTE],
  ['1h', HOUR],
  ['2h', 2 * HOUR],
  ['6h', 6 * HOUR],
  ['1d', 24 * HOUR],
  ['3d', 72 * HOUR],
];

/** The longest of them: how far back alerts need data. */
export const LONGEST_BURN_WINDOW_MS = 72 * HOUR;
