import { LoggerService } from '@backstage/backend-plugin-api';
import { SloStatusSnapshot } from '@reliability-kit/plugin-reliability-common';
import { SliSource } from '@reliability-kit/plugin-reliability-node';
import { evaluateRecord, noDataSnapshot } from './evaluateRecord';
import {
  CycleOutcome,
  createEvaluationMetrics,
  EvaluationMetrics,
} from './evaluationMetrics';
import { SloCatalog, SloRecord, sourceLabelOf } from './SloCatalog';
import { CATALOG_UNAVAILABLE, StatusStore } from './StatusStore';
import { RemovalGuard } from '../service/RemovalGuard';

export interface CycleResult {
  evaluated: number;
  stale: number;
  durationMs: number;
  /**
   * Set when the SLOs could not be read from the catalog: nothing was
   * evaluated, every stored status was kept and marked stale with this.
   */
  catalogError?: string;
}

/** One SLO whose source failed in a cycle. */
interface SourceFailure {
  ref: string;
  source: string;
  message: string;
  /** Not asked: its source had failed too often in a row already. */
  skipped: boolean;
}

/** Failures of one source since its last success in a cycle. */
interface FailureStreak {
  inRow: number;
  last: SourceFailure;
}

// Sources are mostly remote: a few evaluations in flight hide their latency
// without flooding them.
const CONCURRENCY = 8;
const SAVE_CHUNK = 100;
/** SLOs named in a grouped warning; the rest are counted. */
const NAMED_IN_WARNING = 5;
/**
 * Failures of one source in a row, in one cycle, after which its remaining
 * SLOs are marked stale without asking it: a source that hangs would
 * otherwise hold every worker for its timeout and retries, SLO after SLO,
 * and delay the SLOs of healthy sources by as much. A success resets the
 * count, so a few SLOs with a bad query among good ones do not trip it.
 */
export const TRIP_AFTER = CONCURRENCY;

/** An error's message with its cause (fetch gives "fetch failed" alone). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  return causeMessage && !error.message.includes(causeMessage)
    ? `${error.message} (${causeMessage})`
    : error.message;
}

/** Evaluates every SLO in the catalog and stores the results. */
export class SloEvaluator {
  private readonly metrics: EvaluationMetrics;
  /** Holds back a drastic removal of SLO statuses once. */
  private readonly removals = new RemovalGuard();

  constructor(
    private readonly options: {
      catalog: SloCatalog;
      store: StatusStore;
      sources: ReadonlyMap<string, SliSource>;
      logger: LoggerService;
      warningThreshold?: number;
      clock?: () => number;
      metrics?: EvaluationMetrics;
    },
  ) {
    this.metrics = options.metrics ?? createEvaluationMetrics(undefined);
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /**
   * Evaluates without storing; a failure marks the last status stale and
   * resolves to the failure. A source that failed {@link TRIP_AFTER} times
   * in a row in this cycle is not asked again until the next cycle.
   */
  private async compute(
    record: SloRecord,
    streaks: Map<string, FailureStreak>,
  ): Promise<SloStatusSnapshot | SourceFailure> {
    const now = this.now();
    const source = sourceLabelOf(record);
    const streak = streaks.get(source);
    let message: string;
    let skipped = false;
    if (streak && streak.inRow >= TRIP_AFTER) {
      skipped = true;
      message = `not queried in this cycle: data source ${source} failed for ${streak.inRow} SLOs in a row; last error (${streak.last.ref}): ${streak.last.message}`;
    } else {
      try {
        const snapshot = await evaluateRecord(
          record,
          this.options.sources,
          now,
          { warningThreshold: this.options.warningThreshold },
        );
        streaks.delete(source);
        return snapshot;
      } catch (error) {
        message = describeError(error);
      }
    }
    const failure = { ref: record.ref, source, message, skipped };
    // Counted before any await, so that workers picking their next SLO
    // already see every failure that has come back.
    if (!skipped) {
      const inRow = (streaks.get(source)?.inRow ?? 0) + 1;
      streaks.set(source, { inRow, last: failure });
    }
    this.options.logger.debug(
      `Evaluation of ${record.ref} (${source}) failed: ${message}`,
    );
    this.metrics.sourceError(record.sourceType ?? '(no type)', source);
    await this.options.store.markStale(
      noDataSnapshot(record, now, 'the data source failed'),
      message,
      now,
    );
    return failure;
  }

  /** Every SLO in the catalog. */
  async runCycle(): Promise<CycleResult> {
    const started = Date.now();
    let outcome: CycleOutcome = 'error';
    try {
      let records: SloRecord[];
      try {
        records = await this.options.catalog.refresh();
      } catch (error) {
        const result = await this.keepLastStatuses(error, started);
        outcome = 'catalog_unavailable';
        return result;
      }
      const result = await this.evaluateAll(records, started);
      outcome = 'ok';
      return result;
    } finally {
      this.metrics.cycle({ outcome, durationMs: Date.now() - started });
    }
  }

  /**
   * The catalog failed: nothing can be evaluated, and an error must not read
   * as "every SLO was deleted". Every stored status stays, marked stale.
   */
  private async keepLastStatuses(
    error: unknown,
    started: number,
  ): Promise<CycleResult> {
    const catalogError = `${CATALOG_UNAVAILABLE}${describeError(error)}`;
    const kept = await this.options.store.markAllStale(
      catalogError,
      this.now(),
    );
    this.options.logger.warn(
      `Could not read the SLOs from the catalog; kept the last status of ${kept} SLOs, marked stale: ${catalogError}`,
    );
    return {
      evaluated: 0,
      stale: kept,
      durationMs: Date.now() - started,
      catalogError,
    };
  }

  private async evaluateAll(
    records: SloRecord[],
    started: number,
  ): Promise<CycleResult> {
    const failures: SourceFailure[] = [];
    let next = 0;
    let pending: SloStatusSnapshot[] = [];
    const flush = async () => {
      const batch = pending;
      pending = [];
      await this.options.store.saveMany(batch);
    };
    const streaks = new Map<string, FailureStreak>();
    const worker = async () => {
      while (next < records.length) {
        const outcome = await this.compute(records[next++], streaks);
        if ('message' in outcome) failures.push(outcome);
        else pending.push(outcome);
        // Commits in chunks: one transaction per SLO costs more than the
        // evaluation itself on SQLite.
        if (pending.length >= SAVE_CHUNK) await flush();
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, records.length) }, worker),
    );
    await flush();
    const { held } = await this.options.store.retain(
      records.map(r => r.ref),
      {
        mayRemove: (gone, stored) =>
          this.removals.mayRemove('slos', gone, stored),
        heldReason: `not in the catalog's answer of ${new Date(
          this.now(),
        ).toISOString()}; kept until the next cycle confirms the removal`,
        now: this.now(),
      },
    );
    if (held) {
      this.options.logger.warn(
        `The catalog no longer lists ${held} SLOs; their statuses are kept, marked stale, until the next cycle confirms it`,
      );
    }
    this.warnPerSource(failures);
    const result = {
      evaluated: records.length - failures.length,
      stale: failures.length,
      durationMs: Date.now() - started,
    };
    this.options.logger.info(
      `Evaluated ${records.length} SLOs in ${result.durationMs} ms (${failures.length} stale)`,
    );
    return result;
  }

  /**
   * One warning per failing source (type and metricSourceRef, e.g. one
   * Prometheus instance) per cycle, however many SLOs it serves.
   */
  private warnPerSource(failures: SourceFailure[]) {
    const bySource = new Map<string, SourceFailure[]>();
    for (const failure of failures) {
      const list = bySource.get(failure.source) ?? [];
      list.push(failure);
      bySource.set(failure.source, list);
    }
    for (const [source, list] of bySource) {
      list.sort((a, b) => (a.ref < b.ref ? -1 : 1));
      const named = list
        .slice(0, NAMED_IN_WARNING)
        .map(f => f.ref)
        .join(', ');
      const more =
        list.length > NAMED_IN_WARNING
          ? ` and ${list.length - NAMED_IN_WARNING} more`
          : '';
      const asked = list.filter(f => !f.skipped);
      const skipped = list.length - asked.length;
      const notQueried = skipped
        ? ` (${skipped} of them not queried after ${TRIP_AFTER} failures in a row)`
        : '';
      this.options.logger.warn(
        `Data source ${source} failed for ${list.length} SLOs (${named}${more}), which keep their last status, marked stale${notQueried}; error of ${asked[0].ref}: ${asked[0].message}`,
      );
    }
  }
}
