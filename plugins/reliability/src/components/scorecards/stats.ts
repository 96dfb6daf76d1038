import type { ScorecardCheckStats } from '@reliability-kit/plugin-reliability-common';

/** Checks with failures, most failures first, then lowest pass rate. */
export function mostFailing(
  checks: readonly ScorecardCheckStats[],
  limit = 10,
): ScorecardCheckStats[] {
  return checks
    .filter(c => c.fail > 0)
    .sort(
      (a, b) =>
        b.fail - a.fail ||
        (a.passRate ?? 1) - (b.passRate ?? 1) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, limit);
}
