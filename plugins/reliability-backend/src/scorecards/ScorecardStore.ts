import { Knex } from 'knex';
import {
  key,
  PreparedRow,
  ResultRow,
  ScorecardResultInput,
  serialise,
  StoredScorecardResult,
  toResult,
  toRow,
  toSnapshot,
} from './resultRows';
import { sameGrade } from './sameGrade';

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

/** What {@link ScorecardStore.save} wrote and removed. */
export interface SaveOutcome {
  /** Results written: new, changed or no longer stale. */
  written: number;
  /** Snapshots written: the changed results, or all on a day's first run. */
  snapshots: number;
  removed: number;
}

/** What a complete run compares with: the stored grade's fingerprint. */
interface StoredState {
  scorecard_id: string;
  entity_ref: string;
  fingerprint: string | null;
  stale_since: string | number | null;
}

/** The UTC day of the last complete run of each scorecard. */
async function snapshotDays(
  tx: Knex.Transaction,
  scorecardIds: readonly string[],
): Promise<Map<string, string>> {
  const runs: Array<{ scorecard_id: string; evaluated_at: string | number }> =
    await tx('scorecard_runs')
      .whereIn('scorecard_id', scorecardIds as string[])
      .select('scorecard_id', 'evaluated_at');
  return new Map(
    runs.map(r => [r.scorecard_id, utcDay(Number(r.evaluated_at))]),
  );
}

async function storedStates(tx: Knex.Transaction) {
  const rows: StoredState[] = await tx('scorecard_results').select(
    'scorecard_id',
    'entity_ref',
    'fingerprint',
    'stale_since',
  );
  return new Map(rows.map(r => [key(r.scorecard_id, r.entity_ref), r]));
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
  /**
   * The last fingerprint made for each result, with the grade it was made
   * from: an equal grade reuses it instead of serialising and hashing again.
   */
  private readonly fingerprints = new Map<
    string,
    { grade: ScorecardResultInput; fingerprint: string }
  >();

  constructor(private readonly knex: Knex) {}

  private toRow(r: ScorecardResultInput, now: number) {
    const id = key(r.scorecardId, r.entity);
    const known = this.fingerprints.get(id);
    if (known && sameGrade(known.grade, r)) {
      known.grade = r;
      return toRow(r, now, known.fingerprint, () =>
        JSON.stringify(r.score.checks),
      );
    }
    const { checks, fingerprint } = serialise(r);
    if (this.fingerprints.size > 500_000) this.fingerprints.clear();
    this.fingerprints.set(id, { grade: r, fingerprint });
    return toRow(r, now, fingerprint, () => checks);
  }

  /**
   * Stores grades made at `now` and today's snapshots.
   *
   * Without `complete` (one entity re-graded on demand), every result given
   * is written. With `complete` (a run over every entity of the scorecards),
   * only what changed is written: a result whose grade has the same
   * fingerprint as the stored one, already snapshotted today and not stale,
   * is left as it is, and the run's time is recorded once per scorecard in
   * `scorecard_runs`. Results of the scorecards for entities not in
   * `results` are removed (those entities left the catalog or the
   * scorecard's scope). Answers how many were written and removed.
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
  ): Promise<SaveOutcome> {
    const day = utcDay(now);
    const rows = results.map(r => this.toRow(r, now));
    return this.knex.transaction(async tx => {
      const stored = complete ? await storedStates(tx) : undefined;
      const changed = stored
        ? rows.filter(row => {
            const before = stored.get(key(row.scorecard_id, row.entity_ref));
            return (
              !before ||
              before.fingerprint !== row.fingerprint ||
              before.stale_since !== null ||
              row.stale_reason !== null
            );
          })
        : rows;
      // The first complete run of a UTC day snapshots every result; later
      // runs that day only the changed ones (the others have theirs).
      const snapshotted = complete
        ? await snapshotDays(tx, complete.scorecardIds)
        : new Map<string, string>();
      const changedSet = new Set(changed);
      const unchangedDue = complete
        ? rows.filter(
            row =>
              !changedSet.has(row) && snapshotted.get(row.scorecard_id) !== day,
          )
        : [];
      for (const prepared of chunks(changed)) {
        await tx('scorecard_results')
          .insert(prepared.map(row => ({ ...row, checks: row.checks() })))
          .onConflict(['scorecard_id', 'entity_ref'])
          .merge();
      }
      for (const part of chunks([...changed, ...unchangedDue])) {
        await tx('scorecard_snapshots')
          .insert(part.map(row => toSnapshot(row, day)))
          .onConflict(['scorecard_id', 'entity_ref', 'day'])
          .merge();
      }
      const outcome = {
        written: changed.length,
        snapshots: changed.length + unchangedDue.length,
        removed: 0,
      };
      if (!complete || !stored) return outcome;
      outcome.removed = await this.removeGone(tx, rows, stored, now, complete);
      for (const scorecardId of complete.scorecardIds) {
        await tx('scorecard_runs')
          .insert({ scorecard_id: scorecardId, evaluated_at: now })
          .onConflict('scorecard_id')
          .merge();
      }
      return outcome;
    });
  }

  /**
   * Removes the results of entities a complete run did not grade, unless
   * `mayRemove` holds them back: held results are marked stale instead.
   */
  private async removeGone(
    tx: Knex.Transaction,
    rows: readonly PreparedRow[],
    stored: Map<string, StoredState>,
    now: number,
    complete: NonNullable<Parameters<ScorecardStore['save']>[2]>,
  ): Promise<number> {
    const graded = new Set(rows.map(r => key(r.scorecard_id, r.entity_ref)));
    const ids = new Set(complete.scorecardIds);
    const goneByScorecard = new Map<string, string[]>();
    const storedOf = new Map<string, number>();
    for (const state of stored.values()) {
      storedOf.set(
        state.scorecard_id,
        (storedOf.get(state.scorecard_id) ?? 0) + 1,
      );
      if (!ids.has(state.scorecard_id)) continue;
      if (graded.has(key(state.scorecard_id, state.entity_ref))) continue;
      const gone = goneByScorecard.get(state.scorecard_id) ?? [];
      gone.push(state.entity_ref);
      goneByScorecard.set(state.scorecard_id, gone);
    }
    let removed = 0;
    for (const [scorecardId, gone] of goneByScorecard) {
      const remove =
        !complete.mayRemove ||
        complete.mayRemove(
          scorecardId,
          gone.length,
          storedOf.get(scorecardId) ?? 0,
        );
      for (const part of chunks(gone)) {
        const query = tx('scorecard_results')
          .where('scorecard_id', scorecardId)
          .whereIn('entity_ref', part);
        if (remove) {
          removed += await query.delete();
        } else {
          await query.update({
            stale_reason: `not in the catalog's answer of ${new Date(
              now,
            ).toISOString()}; kept until the next run confirms the removal`,
            stale_since: tx.raw('coalesce(stale_since, ?)', [now]),
          });
        }
      }
    }
    // Results of scorecards no longer defined.
    removed += await tx('scorecard_results')
      .whereNotIn('scorecard_id', complete.scorecardIds)
      .delete();
    await tx('scorecard_runs')
      .whereNotIn('scorecard_id', complete.scorecardIds)
      .delete();
    return removed;
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
    const rows: ResultRow[] = await this.results().where(
      'r.entity_ref',
      entity,
    );
    return rows.map(toResult);
  }

  async forScorecard(scorecardId: string): Promise<StoredScorecardResult[]> {
    const rows: ResultRow[] = await this.results()
      .where('r.scorecard_id', scorecardId)
      .orderBy('r.entity_ref');
    return rows.map(toResult);
  }

  /** Results with the time of their scorecard's last complete run. */
  private results() {
    return this.knex('scorecard_results as r')
      .leftJoin('scorecard_runs as run', 'run.scorecard_id', 'r.scorecard_id')
      .select('r.*', { run_evaluated_at: 'run.evaluated_at' });
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
