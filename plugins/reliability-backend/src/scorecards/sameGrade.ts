import {
  ScorecardCheckResult,
  ScorecardScore,
} from '@reliability-kit/plugin-reliability-common';

/** What a stored grade holds besides the entity and scorecard. */
export interface GradeContent {
  owner?: string;
  system?: string;
  domain?: string;
  score: ScorecardScore;
}

function sameCheck(a: ScorecardCheckResult, b: ScorecardCheckResult) {
  return (
    a.id === b.id &&
    a.levelId === b.levelId &&
    a.status === b.status &&
    a.value === b.value &&
    a.message === b.message &&
    a.exemption?.reason === b.exemption?.reason &&
    a.exemption?.until === b.exemption?.until &&
    (a.exemption === undefined) === (b.exemption === undefined)
  );
}

/**
 * Whether two grades would be stored the same, compared field by field:
 * cheaper than serialising both, which a run over 10,000 entities would
 * otherwise do for every unchanged one.
 */
export function sameGrade(a: GradeContent, b: GradeContent): boolean {
  if (
    a.score === b.score &&
    a.owner === b.owner &&
    a.system === b.system &&
    a.domain === b.domain
  ) {
    return true;
  }
  if (
    a.owner !== b.owner ||
    a.system !== b.system ||
    a.domain !== b.domain ||
    a.score.levelIndex !== b.score.levelIndex ||
    a.score.passed !== b.score.passed ||
    a.score.applicable !== b.score.applicable ||
    a.score.checks.length !== b.score.checks.length
  ) {
    return false;
  }
  return a.score.checks.every((check, i) =>
    sameCheck(check, b.score.checks[i]),
  );
}
