import {
  isScorecardExemptionActive,
  type ScorecardExemption,
} from '../annotations/scorecardExemptions';
import { compareFact, describeComparison } from './operators';
import type {
  ScorecardCheckDefinition,
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

/** A check's wording for one fact value. */
interface Wording {
  comparison: string;
  pass: string;
  fail: string;
}

/**
 * Wordings already made, per check and fact value: a run over 10,000
 * entities meets the same few values again and again, and equal strings
 * that are the same string also compare in no time when results are
 * compared with the stored ones.
 */
const wordings = new WeakMap<
  ScorecardCheckDefinition,
  Map<ScorecardFactValue, Wording>
>();
const MAX_WORDINGS_PER_CHECK = 1_000;

function wordingOf(
  check: ScorecardCheckDefinition,
  value: ScorecardFactValue,
): Wording {
  let byValue = wordings.get(check);
  if (!byValue) {
    byValue = new Map();
    wordings.set(check, byValue);
  }
  const known = byValue.get(value);
  if (known) return known;
  const comparison = describeComparison(value, check.operator, check.threshold);
  const wording = {
    comparison,
    pass: `Passes: ${comparison}.`,
    fail: `Fails: ${comparison}.`,
  };
  if (byValue.size < MAX_WORDINGS_PER_CHECK) byValue.set(value, wording);
  return wording;
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
      const wording = wordingOf(check, value);
      if (compareFact(value, check.operator, check.threshold)) {
        passed += 1;
        checks.push({ ...base, status: 'pass', message: wording.pass });
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
          }; the check itself ${wording.comparison}.`,
          exemption: {
            reason: exemption.reason,
            ...(exemption.until ? { until: exemption.until } : {}),
          },
        });
        continue;
      }
      levelPasses = false;
      checks.push({
        ...base,
        status: 'fail',
        message:
          exemption && exemption.until
            ? `${wording.fail} The exemption "${exemption.reason}" expired after ${exemption.until}.`
            : wording.fail,
      });
    }
    if (!levelPasses) blocked = true;
    if (!blocked) levelIndex = index;
  });
  return { levelIndex, checks, passed, applicable };
}
