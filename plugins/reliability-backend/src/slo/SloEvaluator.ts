import { LoggerService } from '@backstage/backend-plugin-api';
import { SloStatusSnapshot } from '@reliability-kit/plugin-reliability-common';
import { SliSource } from '@reliability-kit/plugin-reliability-node';
import { evaluateRecord, noDataSnapshot } from './evaluateRecord';
import { SloCatalog, SloRecord } from './SloCatalog';
import { StatusStore } from './StatusStore';

export interface CycleResult {
  evaluated: number;
  stale: number;
  durationMs: number;
}

// Sources are mostly remote: a few evaluations in flight hide their latency
// without flooding them.
const CONCURRENCY = 8;
const SAVE_CHUNK = 100;

/** Evaluates every SLO in the catalog and stores the results. */
export class SloEvaluator {
  constructor(
    private readonly options: {
      catalog: SloCatalog;
      store: StatusStore;
      sources: ReadonlyMap<string, SliSource>;
      logger: LoggerService;
      warningThreshold?: number;
      clock?: () => number;
    },
  ) {}

  /**
   * Evaluates without storing; a failure marks the last status stale and
   * resolves to undefined.
   */
  private async compute(
    record: SloRecord,
  ): Promise<SloStatusSnapshot | undefined> {
    const now = (this.options.clock ?? Date.now)();
    try {
      return await evaluateRecord(record, this.options.sources, now, {
        warningThreshold: this.options.warningThreshold,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.warn(
        `Evaluation of ${record.ref} failed, keeping its last status: ${message}`,
      );
      await this.options.store.markStale(
        noDataSnapshot(record, now, 'the data source failed'),
        message,
        now,
      );
      return undefined;
    }
  }

  /** Every SLO in the catalog. */
  async runCycle(): Promise<CycleResult> {
    const started = Date.now();
    const records = await this.options.catalog.refresh();
    let stale = 0;
    let next = 0;
    let pending: SloStatusSnapshot[] = [];
    const flush = async () => {
      const batch = pending;
      pending = [];
      await this.options.store.saveMany(batch);
    };
    const worker = async () => {
      while (next < records.length) {
        const snapshot = await this.compute(records[next++]);
        if (!snapshot) stale++;
        else pending.push(snapshot);
        // Commits in chunks: one transaction per SLO costs more than the
        // evaluation itself on SQLite.
        if (pending.length >= SAVE_CHUNK) await flush();
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, records.length) }, worker),
    );
    await flush();
    await this.options.store.retain(records.map(r => r.ref));
    const result = {
      evaluated: records.length - stale,
      stale,
      durationMs: Date.now() - started,
    };
    this.options.logger.info(
      `Evaluated ${records.length} SLOs in ${result.durationMs} ms (${stale} stale)`,
    );
    return result;
  }
}
