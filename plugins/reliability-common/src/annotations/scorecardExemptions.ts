import { describeValue } from '../util/describeValue';
import { ANNOTATION_SCORECARD_EXEMPTIONS } from './constants';
import { annotationError, type AnnotationParseResult } from './result';

/**
 * One scorecard check an entity is exempt from.
 *
 * @public
 */
export interface ScorecardExemption {
  checkId: string;
  reason: string;
  /** Last day of the exemption, `YYYY-MM-DD` (UTC), inclusive. */
  until?: string;
}

// Two patterns without nested or adjacent lazy quantifiers: a single
// pattern with `(.*?)\s*(?:\(until …\))?$` backtracks quadratically, and a
// megabyte of spaces in the annotation took hours (found by fuzzing).
const ENTRY = /^([A-Za-z0-9][A-Za-z0-9._/-]*)\s*:(.*)$/s;
const UNTIL = /\(\s*until\s([^()]*)\)$/;
const FORMAT =
  'entries like "has-runbook: runbook is being written (until 2025-06-30)", one per line or separated by ;';

function validDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Parses `reliability/scorecard-exemptions`.
 *
 * @remarks
 * Entries are separated by new lines or `;` (so reasons cannot contain
 * `;`). Each is `<checkId>: <reason>` with an optional
 * `(until YYYY-MM-DD)` at the end. Check IDs are letters, digits and
 * `. _ / -`; each may appear once; the reason must not be empty.
 *
 * @example
 * ```yaml
 * reliability/scorecard-exemptions: |
 *   has-runbook: runbook is being written (until 2025-06-30)
 *   slo-defined: batch job, no user-facing SLO
 * ```
 *
 * @public
 */
export function parseScorecardExemptionsAnnotation(
  value: string,
): AnnotationParseResult<ScorecardExemption[]> {
  const fail = (message: string) =>
    annotationError<ScorecardExemption[]>(
      ANNOTATION_SCORECARD_EXEMPTIONS,
      message,
    );
  const entries = String(value)
    .split(/[\n;]/)
    .map(e => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return fail(`expected ${FORMAT}, got nothing`);
  const exemptions: ScorecardExemption[] = [];
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (!match) {
      return fail(`expected ${FORMAT}, got ${describeValue(entry)}`);
    }
    const checkId = match[1];
    let reason = match[2].trim();
    let until: string | undefined;
    const untilMatch = UNTIL.exec(reason);
    if (untilMatch) {
      until = untilMatch[1].trim();
      reason = reason.slice(0, untilMatch.index).trim();
    }
    if (!reason) {
      return fail(`${checkId}: a reason is required, as in "${checkId}: why"`);
    }
    if (until !== undefined && !validDate(until)) {
      return fail(
        `${checkId}: expected (until YYYY-MM-DD) with a real date, got ${describeValue(
          until,
        )}`,
      );
    }
    if (exemptions.some(e => e.checkId === checkId)) {
      return fail(`${checkId} is listed twice`);
    }
    exemptions.push(until ? { checkId, reason, until } : { checkId, reason });
  }
  return { ok: true, value: exemptions };
}

/**
 * Whether an exemption applies at `at` (epoch ms or Date): always without an
 * end date, otherwise through the end of the `until` day in UTC.
 *
 * @public
 */
export function isScorecardExemptionActive(
  exemption: ScorecardExemption,
  at: Date | number,
): boolean {
  if (!exemption.until) return true;
  const [y, m, d] = exemption.until.split('-').map(Number);
  const endExclusive = Date.UTC(y, m - 1, d + 1);
  return (typeof at === 'number' ? at : at.getTime()) < endExclusive;
}
