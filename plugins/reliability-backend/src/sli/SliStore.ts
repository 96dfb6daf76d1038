import { Knex } from 'knex';
import { SliSample } from '@reliability-kit/plugin-reliability-common';
import { aggregate, BucketCount, HOUR_MS, MINUTE_MS } from './buckets';

const MINUTE_TABLE = 'sli_minute_buckets';
const HOUR_TABLE = 'sli_hour_buckets';
// Keeps each statement well under SQLite's bound-variable limit.
const ROWS_PER_STATEMENT = 1000;

/**
 * The built-in SLI store: counts per SLO objective in minute buckets, with
 * hourly rollups so that reading a 30-day window costs hundreds of rows, not
 * tens of thousands.
 */
export class SliStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Stores a batch atomically, once per idempotency key. Resolves to
   * `duplicate: true`, storing nothing, when the key was seen before.
   */
  async ingest(
    idempotencyKey: string,
    counts: BucketCount[],
    eventCount: number,
    now: number,
  ): Promise<{ duplicate: boolean }> {
    return this.knex.transaction(async tx => {
      const inserted = await tx('sli_event_batches')
        .insert({
          idempotency_key: idempotencyKey,
          event_count: eventCount,
          received_at: now,
        })
        .onConflict('idempotency_key')
        .ignore()
        .returning('idempotency_key');
      if (inserted.length === 0) {
        return { duplicate: true };
      }
      await this.upsert(tx, MINUTE_TABLE, aggregate(counts, MINUTE_MS));
      await this.upsert(tx, HOUR_TABLE, aggregate(counts, HOUR_MS));
      return { duplicate: false };
    });
  }

  private async upsert(
    tx: Knex.Transaction,
    table: string,
    rows: BucketCount[],
  ) {
    // One multi-row VALUES statement per chunk, with the same upsert syntax
    // on PostgreSQL and SQLite; knex would compile SQLite inserts to a
    // UNION ALL that SQLite caps at 500 rows.
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const values = chunk.map(() => '(?, ?, ?, ?, ?)').join(', ');
      const bindings = chunk.flatMap(row => [
        row.sloRef,
        row.objective,
        row.bucketStart,
        row.good,
        row.total,
      ]);
      await tx.raw(
        `insert into ${table} (slo_ref, objective, bucket_start, good, total) values ${values} ` +
          `on conflict (slo_ref, objective, bucket_start) do update set ` +
          `good = ${table}.good + excluded.good, total = ${table}.total + excluded.total`,
        bindings,
      );
    }
  }

  /**
   * Samples of one SLO objective in `[start, end)`: minute buckets from
   * `minuteFrom` on and for the leading partial hour, hourly rollups between.
   * Pass `minuteFrom <= start` to read minutes only.
   */
  async readSamples(
    sloRef: string,
    objective: number,
    range: { start: number; end: number },
    minuteFrom: number,
  ): Promise<SliSample[]> {
    const firstFullHour = Math.ceil(range.start / HOUR_MS) * HOUR_MS;
    const hoursEnd = Math.max(
      firstFullHour,
      Math.floor(minuteFrom / HOUR_MS) * HOUR_MS,
    );
    const select = (table: string, from: number, to: number) =>
      from < to
        ? this.knex(table)
            .select('bucket_start', 'good', 'total')
            .where({ slo_ref: sloRef, objective })
            .andWhere('bucket_start', '>=', from)
            .andWhere('bucket_start', '<', to)
            .orderBy('bucket_start')
        : Promise.resolve([]);
    const [leading, hours, minutes] = await Promise.all([
      select(MINUTE_TABLE, range.start, Math.min(firstFullHour, range.end)),
      select(HOUR_TABLE, firstFullHour, Math.min(hoursEnd, range.end)),
      select(MINUTE_TABLE, Math.max(hoursEnd, firstFullHour), range.end),
    ]);
    return [...leading, ...hours, ...minutes].map(row => ({
      start: Number(row.bucket_start),
      good: Number(row.good),
      total: Number(row.total),
    }));
  }

  /** The first bucket ever stored for an SLO objective, if any. */
  async firstSampleAt(
    sloRef: string,
    objective: number,
  ): Promise<number | undefined> {
    const row = await this.knex(HOUR_TABLE)
      .min({ first: 'bucket_start' })
      .where({ slo_ref: sloRef, objective })
      .first();
    return row?.first === null || row?.first === undefined
      ? undefined
      : Number(row.first);
  }

  /** Deletes buckets and batch keys older than `cutoff`. */
  async deleteOlderThan(cutoff: number): Promise<void> {
    await this.knex(MINUTE_TABLE).where('bucket_start', '<', cutoff).delete();
    await this.knex(HOUR_TABLE)
      .where('bucket_start', '<', cutoff - HOUR_MS)
      .delete();
    await this.knex('sli_event_batches')
      .where('received_at', '<', cutoff)
      .delete();
  }
}
