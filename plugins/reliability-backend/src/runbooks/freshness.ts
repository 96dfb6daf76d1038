import { RunbookInfo } from '@reliability-kit/plugin-reliability-common';

const DAY = 86_400_000;

/**
 * Fresh when reviewed within `maxAgeDays` of `now` (a review dated in the
 * future counts as fresh), stale when longer ago, unknown without a date.
 */
export function runbookFreshness(
  lastReviewed: number | undefined,
  now: number,
  maxAgeDays: number,
): RunbookInfo['freshness'] {
  if (lastReviewed === undefined) return 'unknown';
  return now - lastReviewed > maxAgeDays * DAY ? 'stale' : 'fresh';
}
