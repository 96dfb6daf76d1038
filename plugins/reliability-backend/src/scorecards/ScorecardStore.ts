import {
  EntityScorecardResult,
  ScorecardCheckResult,
  ScorecardRollupRow,
  ScorecardScore,
} from '@reliability-kit/plugin-reliability-common';
import { Knex } from 'knex';

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

interface ResultRow {
  scorecard_id: string;
  entity_ref: string;
  level_index: number;
  passed: number;
  applicable: number;
  checks: string;
  owner_ref: string | null;
  system_ref: string | null;
  domain_ref: string | null;
  evaluated_at: string | number;
  stale_reason: string | null;
  stale_since: string | number | null;
}

/** Aggregated snapshot counts of one day and one owner, system or domain. */
export interface SnapshotAggregate {
  day: string;
  scope: string | null;
  levelIndex: number;
  entities: number;
  passed: number;
  applicable: number;
}

const CHUNK = 500;
const DAY = 86_400_000;

/** `YYYY-MM-DD` of an epoch-ms time, in UTC. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/**
 * Scorecard results (the latest grade per entity and scorecard) and daily
 * snapshots. A run replaces the results of one scorecard in a transaction,
 * so a reader never sees half a run.
 */
export class ScorecardStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Stores grades made at `now` and today's snapshots. With `complete`,
   * results of the scorecard for entities not in `results` are removed
   * (those entities left the catalog or the scorecard's scope). Answers how
   * many were removed.
   */
  async save(
    results: readonly ScorecardResultInput[],
    now: number,
    complete?: {
      scorecardIds: readonly string[];
      /**
       * Decides whether `gone` of `stored` results may be removed; a catalog
       * that suddenly answers with far fewer entities is more likely wrong
       * than emptied.
       */
      mayRemove?: (
        scorecardId: string,
        gone: number,
        stored: number,
      ) => boolean;
    },
  ): Promise<number> {
    const day = utcDay(now);
    return this.knex.transaction(async tx => {
      for (const part of chunks(results)) {
        await tx('scorecard_results')
          .insert(
            part.map(r => ({
              scorecard_id: r.scorecardId,
              entity_ref: r.entity,
              level_index: r.score.levelIndex,
              passed: r.score.passed,
              applicable: r.score.applicable,
              checks: JSON.stringify(r.score.checks),
              owner_ref: r.owner ?? null,
              system_ref: r.system ?? null,
              domain_ref: r.domain ?? null,
              evaluated_at: now,
              stale_reason: r.staleReason ?? null,
              stale_since: r.staleReason ? now : null,
            })),
          )
          .onConflict(['scorecard_id', 'entity_ref'])
          .merge();
        await tx('scorecard_snapshots')
          .insert(
            part.map(r => ({
              scorecard_id: r.scorecardId,
              entity_ref: r.entity,
              day,
              level_index: r.score.levelIndex,
              passed: r.score.passed,
              applicable: r.score.applicable,
              owner_ref: r.owner ?? null,
              system_ref: r.system ?? null,
              domain_ref: r.domain ?? null,
            })),
          )
          .onConflict(['scorecard_id', 'entity_ref', 'day'])
          .merge();
      }
      if (!complete) return 0;
      let removed = 0;
      for (const scorecardId of complete.scorecardIds) {
        const kept = new Set(
          results.filter(r => r.scorecardId === scorecardId).map(r => r.entity),
        );
        const stored: Array<{ entity_ref: string }> = await tx(
          'scorecard_results',
        )
          .where('scorecard_id', scorecardId)
          .select('entity_ref');
        const gone = stored.map(r => r.entity_ref).filter(r => !kept.has(r));
        if (
          gone.length &&
          complete.mayRemove &&
          !complete.mayRemove(scorecardId, gone.length, stored.length)
        ) {
          continue;
        }
        for (const part of chunks(gone)) {
          removed += await tx('scorecard_results')
            .where('scorecard_id', scorecardId)
            .whereIn('entity_ref', part)
            .delete();
        }
      }
      // Results of scorecards no longer defined.
      removed += await tx('scorecard_results')
        .whereNotIn('scorecard_id', complete.scorecardIds)
        .delete();
      return removed;
    });
  }

  /**
   * Marks results stale without changing them: all of them, or one
   * entity's. The first failure's time is kept.
   */
  async markStale(reason: string, now: number, entity?: string) {
    const query = this.knex('scorecard_results');
    if (entity) query.where('entity_ref', entity);
    await query.update({
      stale_reason: reason,
      stale_since: this.knex.raw('coalesce(stale_since, ?)', [now]),
    });
  }

  async forEntity(entity: string): Promise<StoredScorecardResult[]> {
    const rows: ResultRow[] = await this.knex('scorecard_results').where(
      'entity_ref',
      entity,
    );
    return rows.map(toResult);
  }

  async forScorecard(scorecardId: string): Promise<StoredScorecardResult[]> {
    const rows: ResultRow[] = await this.knex('scorecard_results')
      .where('scorecard_id', scorecardId)
      .orderBy('entity_ref');
    return rows.map(toResult);
  }

  async levels(
    scorecardId: string,
    entities: readonly string[],
  ): Promise<Array<{ entity: string; levelIndex: number; stale: boolean }>> {
    if (entities.length === 0) return [];
    const rows: Array<
      Pick<ResultRow, 'entity_ref' | 'level_index' | 'stale_reason'>
    > = await this.knex('scorecard_results')
      .where('scorecard_id', scorecardId)
      .whereIn('entity_ref', entities as string[])
      .select('entity_ref', 'level_index', 'stale_reason');
    return rows.map(r => ({
      entity: r.entity_ref,
      levelIndex: Number(r.level_index),
      stale: r.stale_reason !== null,
    }));
  }

  /**
   * Snapshot counts per day, scope value (`owner_ref`, `system_ref` or
   * `domain_ref`) and level, from `sinceDay` on.
   */
  async snapshotAggregates(
    scorecardId: string,
    scopeColumn: 'owner_ref' | 'system_ref' | 'domain_ref',
    sinceDay: string,
  ): Promise<SnapshotAggregate[]> {
    const rows: Array<{
      day: string;
      scope: string | null;
      level_index: number | string;
      entities: number | string;
      passed: number | string | null;
      applicable: number | string | null;
    }> = await this.knex('scorecard_snapshots')
      .where('scorecard_id', scorecardId)
      .where('day', '>=', sinceDay)
      .groupBy('day', scopeColumn, 'level_index')
      .select(
        'day',
        { scope: scopeColumn },
        'level_index',
        this.knex.raw('count(*) as entities'),
        this.knex.raw('sum(passed) as passed'),
        this.knex.raw('sum(applicable) as applicable'),
      )
      .orderBy('day');
    return rows.map(r => ({
      day: r.day,
      scope: r.scope,
      levelIndex: Number(r.level_index),
      entities: Number(r.entities),
      passed: Number(r.passed ?? 0),
      applicable: Number(r.applicable ?? 0),
    }));
  }

  /** Drops snapshots older than `days` before `now`. */
  async deleteSnapshotsOlderThan(days: number, now: number) {
    return this.knex('scorecard_snapshots')
      .where('day', '<', utcDay(now - days * DAY))
      .delete();
  }
}

function toResult(row: ResultRow): StoredScorecardResult {
  const checks: ScorecardCheckResult[] = JSON.parse(row.checks);
  return {
    scorecardId: row.scorecard_id,
    entity: row.entity_ref,
    levelIndex: Number(row.level_index),
    level: null,
    checks,
    passed: Number(row.passed),
    applicable: Number(row.applicable),
    evaluatedAt: new Date(Number(row.evaluated_at)).toISOString(),
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
