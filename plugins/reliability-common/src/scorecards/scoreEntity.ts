import {
  isScorecardExemptionActive,
  type ScorecardExemption,
} from '../annotations/scorecardExemptions';
import { compareFact, describeComparison } from './operators';
import type {
  ScorecardCheckResult,
  ScorecardDefinition,
  ScorecardFactValue,
  ScorecardScore,
} from './types';

/**
 * What {@link scoreEntity} needs about one entity.
 *
 * @public
 */
export interface ScorecardSubject {
  /** Fact values by fact id; a missing fact counts as null. */
  facts: Readonly<Record<string, ScorecardFactValue>>;
  /** Parsed `reliability/scorecard-exemptions`. */
  exemptions: readonly ScorecardExemption[];
  /** `reliability/tier` in lower case, or `untiered`. */
  tier: string;
}

/**
 * Grades one entity. Each check passes or fails on its fact; an active
 * exemption turns a failure into `exempt` (an expired one no longer counts);
 * a check limited to other tiers is `not-applicable`. The entity reaches the
 * highest level whose checks, and the checks of every level below it, all
 * pass, are exempt or do not apply; -1 when not even the first does.
 *
 * @public
 */
export function scoreEntity(
  scorecard: ScorecardDefinition,
  subject: ScorecardSubject,
  now: number,
): ScorecardScore {
  const exemptions = new Map(subject.exemptions.map(e => [e.checkId, e]));
  const checks: ScorecardCheckResult[] = [];
  let levelIndex = -1;
  let blocked = false;
  let passed = 0;
  let applicable = 0;
  scorecard.levels.forEach((level, index) => {
    let levelPasses = true;
    for (const check of level.checks) {
      const value = subject.facts[check.fact] ?? null;
      const base = { id: check.id, levelId: level.id, value };
      const comparison = describeComparison(
        value,
        check.operator,
        check.threshold,
      );
      if (check.tiers && !check.tiers.includes(subject.tier)) {
        checks.push({
          ...base,
          status: 'not-applicable',
          message: `Applies to tier ${check.tiers.join(
            ', ',
          )} only; this entity is ${subject.tier}.`,
        });
        continue;
      }
      applicable += 1;
      if (compareFact(value, check.operator, check.threshold)) {
        passed += 1;
        checks.push({
          ...base,
          status: 'pass',
          message: `Passes: ${comparison}.`,
        });
        continue;
      }
      const exemption = exemptions.get(check.id);
      if (exemption && isScorecardExemptionActive(exemption, now)) {
        passed += 1;
        checks.push({
          ...base,
          status: 'exempt',
          message: `Exempt: ${exemption.reason}${
            exemption.until ? ` (until ${exemption.until})` : ''
          }; the check itself ${comparison}.`,
          exemption: {
            reason: exemption.reason,
            ...(exemption.until ? { until: exemption.until } : {}),
          },
        });
        continue;
      }
      levelPasses = false;
      const expired =
        exemption && exemption.until
          ? ` The exemption "${exemption.reason}" expired after ${exemption.until}.`
          : '';
      checks.push({
        ...base,
        status: 'fail',
        message: `Fails: ${comparison}.${expired}`,
      });
    }
    if (!levelPasses) blocked = true;
    if (!blocked) levelIndex = index;
  });
  return { levelIndex, checks, passed, applicable };
}
