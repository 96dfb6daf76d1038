import {
  EntityScorecardResult,
  ScorecardCheckResult,
  ScorecardRollupRow,
  ScorecardScore,
} from '@reliability-kit/plugin-reliability-common';
import { createHash } from 'node:crypto';

// How grades become rows of `scorecard_results` and `scorecard_snapshots`,
// and rows become results again.

/** One grade to store. */
export interface ScorecardResultInput {
  scorecardId: string;
  entity: string;
  owner?: string;
  system?: string;
  domain?: string;
  score: ScorecardScore;
  /** Set when a fact provider failed during the run. */
  staleReason?: string;
}

/** A stored grade with what rollups and exports need. */
export interface StoredScorecardResult
  extends EntityScorecardResult,
    Omit<ScorecardRollupRow, 'checks'> {
  owner?: string;
  system?: string;
  domain?: string;
}

/** Columns of `scorecard_results`; `T` is how a big integer comes back. */
interface ResultColumns<T> {
  scorecard_id: string;
  entity_ref: string;
  level_index: number;
  passed: number;
  applicable: number;
  checks: string;
  owner_ref: string | null;
  system_ref: string | null;
  domain_ref: string | null;
  evaluated_at: T;
  stale_reason: string | null;
  stale_since: T | null;
}

/** A row as read, PostgreSQL answering big integers as strings. */
export interface ResultRow extends ResultColumns<string | number> {
  /** The last complete run of the scorecard, which confirmed the row. */
  run_evaluated_at: string | number | null;
}

/** A row of `scorecard_results` as a run writes it. */
export interface ResultWrite extends ResultColumns<number> {
  fingerprint: string;
}

export const key = (scorecardId: string, entity: string) =>
  `${scorecardId}\n${entity}`;

/** The stored form of a grade's content, and its fingerprint. */
export function serialise(r: ScorecardResultInput) {
  const checks = JSON.stringify(r.score.checks);
  const { levelIndex, passed, applicable } = r.score;
  const fingerprint = createHash('sha1')
    .update(
      JSON.stringify([
        levelIndex,
        passed,
        applicable,
        r.owner ?? null,
        r.system ?? null,
        r.domain ?? null,
      ]),
    )
    .update(checks)
    .digest('base64url');
  return { checks, fingerprint };
}

/** A row to write but its checks, serialised only if it is written. */
export interface PreparedRow extends Omit<ResultWrite, 'checks'> {
  checks: () => string;
}

export function toRow(
  r: ScorecardResultInput,
  now: number,
  fingerprint: string,
  checks: () => string,
): PreparedRow {
  return {
    scorecard_id: r.scorecardId,
    entity_ref: r.entity,
    level_index: r.score.levelIndex,
    passed: r.score.passed,
    applicable: r.score.applicable,
    checks,
    owner_ref: r.owner ?? null,
    system_ref: r.system ?? null,
    domain_ref: r.domain ?? null,
    evaluated_at: now,
    stale_reason: r.staleReason ?? null,
    stale_since: r.staleReason ? now : null,
    fingerprint,
  };
}

export function toSnapshot(row: Omit<ResultWrite, 'checks'>, day: string) {
  return {
    scorecard_id: row.scorecard_id,
    entity_ref: row.entity_ref,
    day,
    level_index: row.level_index,
    passed: row.passed,
    applicable: row.applicable,
    owner_ref: row.owner_ref,
    system_ref: row.system_ref,
    domain_ref: row.domain_ref,
  };
}

export function toResult(row: ResultRow): StoredScorecardResult {
  const checks: ScorecardCheckResult[] = JSON.parse(row.checks);
  return {
    scorecardId: row.scorecard_id,
    entity: row.entity_ref,
    levelIndex: Number(row.level_index),
    level: null,
    checks,
    passed: Number(row.passed),
    applicable: Number(row.applicable),
    // A run writes only changed rows; the others were confirmed by it.
    evaluatedAt: new Date(
      Math.max(Number(row.evaluated_at), Number(row.run_evaluated_at ?? 0)),
    ).toISOString(),
    ...(row.stale_reason
      ? {
          stale: {
            reason: row.stale_reason,
            since: new Date(Number(row.stale_since)).toISOString(),
          },
        }
      : {}),
    owner: row.owner_ref ?? undefined,
    system: row.system_ref ?? undefined,
    domain: row.domain_ref ?? undefined,
  };
}
