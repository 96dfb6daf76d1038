import { Knex } from 'knex';
import {
  ServiceAlertState,
  SloHistoryPoint,
  SloStatus,
  SloStatusSnapshot,
  worstAlertState,
} from '@reliability-kit/plugin-reliability-common';

const HISTORY_STEP_MS = 10 * 60_000;

/** How the error of a status made stale by a failing catalog begins. */
export const CATALOG_UNAVAILABLE = 'catalog unavailable: ';

/** Filters of the SLO status list. */
export interface StatusFilter {
  owner?: string[];
  system?: string[];
  domain?: string[];
  service?: string[];
  status?: string[];
}

export interface StatusListOptions {
  filter: StatusFilter;
  order: 'budget-asc' | 'budget-desc' | 'name';
  offset: number;
  limit: number;
  /**
   * Keeps only the SLOs this returns, such as those the caller may read in
   * the catalog; called once with every SLO that matches the filter.
   */
  visible?: (refs: string[]) => Promise<ReadonlySet<string>>;
}

const FILTER_COLUMNS: Record<keyof StatusFilter, string> = {
  owner: 'owner_ref',
  system: 'system_ref',
  domain: 'domain_ref',
  service: 'service_ref',
  status: 'status',
};

// Parsed snapshots by SLO, valid while the stored text is the same: entity
// pages read the same few snapshots over and over between evaluations.
const MAX_CACHED = 20_000;
const parsed = new Map<string, { text: string; snapshot: SloStatusSnapshot }>();

function parseSnapshot(ref: string, text: string): SloStatusSnapshot {
  const cached = parsed.get(ref);
  if (cached && cached.text === text) return cached.snapshot;
  const snapshot = JSON.parse(text) as SloStatusSnapshot;
  if (parsed.size >= MAX_CACHED) parsed.clear();
  parsed.set(ref, { text, snapshot });
  return snapshot;
}

function fromRow(row: any): SloStatusSnapshot {
  const snapshot = parseSnapshot(row.slo_ref, row.snapshot);
  return {
    ...snapshot,
    stale: Boolean(row.stale),
    error: row.error ?? undefined,
    checkedAt: Number(row.evaluated_at),
  };
}

function orderStatuses(
  query: Knex.QueryBuilder,
  order: StatusListOptions['order'],
): Knex.QueryBuilder {
  if (order === 'name') return query.orderBy('slo_ref', 'asc');
  // SLOs without data sort last either way.
  return query
    .orderByRaw('case when budget_remaining is null then 1 else 0 end')
    .orderBy('budget_remaining', order === 'budget-asc' ? 'asc' : 'desc')
    .orderBy('slo_ref', 'asc');
}

/** What the service list needs of each SLO. */
export interface SloHeadline {
  slo: string;
  service?: string;
  status: SloStatus;
  budgetRemaining: number | null;
  stale: boolean;
  alertState: ServiceAlertState;
}

/** Latest SLO statuses and their downsampled history. */
export class StatusStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Stores fresh evaluations and adds them to the history, in one
   * transaction: one commit per chunk of a cycle.
   */
  async saveMany(snapshots: SloStatusSnapshot[]): Promise<void> {
    if (snapshots.length === 0) return;
    const statusRows = snapshots.map(snapshot => ({
      slo_ref: snapshot.slo,
      service_ref: snapshot.service ?? null,
      owner_ref: snapshot.owner ?? null,
      system_ref: snapshot.system ?? null,
      domain_ref: snapshot.domain ?? null,
      status: snapshot.status,
      budget_remaining: snapshot.budgetRemaining,
      stale: false,
      error: null,
      evaluated_at: snapshot.checkedAt,
      alert_state: worstAlertState(snapshot.objectives.map(o => o.alerts)),
      snapshot: JSON.stringify(snapshot),
    }));
    const historyRows = snapshots.map(snapshot => {
      const primary = snapshot.objectives[0];
      return {
        slo_ref: snapshot.slo,
        at:
          Math.floor(snapshot.evaluatedAt / HISTORY_STEP_MS) * HISTORY_STEP_MS,
        sli: primary?.sli.value ?? null,
        budget_remaining: snapshot.budgetRemaining,
        burn_rate: primary?.currentBurnRate ?? null,
      };
    });
    await this.knex.transaction(async tx => {
      // Small statements: the snapshots are large JSON texts.
      for (let i = 0; i < statusRows.length; i += 50) {
        await tx('slo_status')
          .insert(statusRows.slice(i, i + 50))
          .onConflict('slo_ref')
          .merge();
        await tx('slo_history')
          .insert(historyRows.slice(i, i + 50))
          .onConflict(['slo_ref', 'at'])
          .merge();
      }
    });
  }

  /**
   * Marks the last good snapshot stale with the error. An SLO never
   * evaluated before gets the given fallback snapshot, marked stale.
   */
  async markStale(
    fallback: SloStatusSnapshot,
    error: string,
    now: number,
  ): Promise<void> {
    const updated = await this.knex('slo_status')
      .where({ slo_ref: fallback.slo })
      .update({ stale: true, error, evaluated_at: now });
    if (updated === 0) {
      await this.knex('slo_status')
        .insert({
          slo_ref: fallback.slo,
          service_ref: fallback.service ?? null,
          owner_ref: fallback.owner ?? null,
          system_ref: fallback.system ?? null,
          domain_ref: fallback.domain ?? null,
          status: fallback.status,
          budget_remaining: null,
          stale: true,
          error,
          evaluated_at: now,
          snapshot: JSON.stringify(fallback),
        })
        .onConflict('slo_ref')
        .merge(['stale', 'error', 'evaluated_at']);
    }
  }

  /**
   * Marks every stored status stale with the error, keeping its numbers:
   * for a cycle that could not run at all (the catalog failed). Resolves to
   * how many statuses there are.
   */
  async markAllStale(error: string, now: number): Promise<number> {
    return Number(
      await this.knex('slo_status').update({
        stale: true,
        error,
        evaluated_at: now,
      }),
    );
  }

  /** Counts for the evaluation status: all, stale, stale by cause. */
  async overview(): Promise<{
    slos: number;
    stale: number;
    catalogUnavailable: number;
    lastCheckedAt: number | null;
  }> {
    const [row] = await this.knex('slo_status').select(
      this.knex.raw('count(*) as slos'),
      this.knex.raw('sum(case when stale then 1 else 0 end) as stale'),
      this.knex.raw(
        'sum(case when stale and error like ? then 1 else 0 end) as catalog',
        [`${CATALOG_UNAVAILABLE}%`],
      ),
      this.knex.raw('max(evaluated_at) as last_checked_at'),
    );
    return {
      slos: Number(row.slos),
      stale: Number(row.stale ?? 0),
      catalogUnavailable: Number(row.catalog ?? 0),
      lastCheckedAt:
        row.last_checked_at === null ? null : Number(row.last_checked_at),
    };
  }

  /**
   * Forgets SLOs that are no longer in the catalog, unless `mayRemove`
   * holds the removal back: then their statuses stay, marked stale with
   * `heldReason`. Answers how many were removed and held.
   */
  async retain(
    refs: string[],
    options: {
      mayRemove?: (gone: number, stored: number) => boolean;
      heldReason?: string;
      now?: number;
    } = {},
  ): Promise<{ removed: number; held: number }> {
    const known = new Set(refs);
    const rows = await this.knex('slo_status').select('slo_ref');
    const gone = rows.map(r => r.slo_ref).filter(ref => !known.has(ref));
    if (gone.length === 0) return { removed: 0, held: 0 };
    const remove = options.mayRemove?.(gone.length, rows.length) ?? true;
    for (let i = 0; i < gone.length; i += 500) {
      const query = this.knex('slo_status').whereIn(
        'slo_ref',
        gone.slice(i, i + 500),
      );
      if (remove) {
        await query.delete();
      } else {
        await query.update({
          stale: true,
          error: options.heldReason ?? 'not in the catalog any more',
          evaluated_at: options.now ?? Date.now(),
        });
      }
    }
    return remove
      ? { removed: gone.length, held: 0 }
      : { removed: 0, held: gone.length };
  }

  async get(ref: string): Promise<SloStatusSnapshot | undefined> {
    const row = await this.knex('slo_status').where({ slo_ref: ref }).first();
    return row ? fromRow(row) : undefined;
  }

  async forService(serviceRef: string): Promise<SloStatusSnapshot[]> {
    const rows = await this.knex('slo_status')
      .where({ service_ref: serviceRef })
      .orderBy('slo_ref');
    return rows.map(fromRow);
  }

  /** The headline numbers of every SLO, without parsing the snapshots. */
  async headlines(): Promise<SloHeadline[]> {
    const rows = await this.knex('slo_status').select(
      'slo_ref',
      'service_ref',
      'status',
      'budget_remaining',
      'stale',
      'alert_state',
    );
    return rows.map(row => ({
      slo: row.slo_ref,
      service: row.service_ref ?? undefined,
      status: row.status,
      budgetRemaining:
        row.budget_remaining === null ? null : Number(row.budget_remaining),
      stale: Boolean(row.stale),
      alertState: row.alert_state,
    }));
  }

  async list(
    options: StatusListOptions,
  ): Promise<{ items: SloStatusSnapshot[]; totalCount: number }> {
    const query = this.knex('slo_status');
    for (const [key, column] of Object.entries(FILTER_COLUMNS)) {
      const values = options.filter[key as keyof StatusFilter];
      if (values?.length) query.whereIn(column, values);
    }
    if (options.visible) return this.listVisible(query, options);
    const [{ count }] = await query.clone().count({ count: '*' });
    const rows = await orderStatuses(query, options.order)
      .offset(options.offset)
      .limit(options.limit);
    return { items: rows.map(fromRow), totalCount: Number(count) };
  }

  /**
   * The page among the visible SLOs: their refs in order first (no
   * snapshots), then the snapshots of the page.
   */
  private async listVisible(
    query: Knex.QueryBuilder,
    options: StatusListOptions,
  ): Promise<{ items: SloStatusSnapshot[]; totalCount: number }> {
    const refs: string[] = (
      await orderStatuses(query.clone().select('slo_ref'), options.order)
    ).map((row: { slo_ref: string }) => row.slo_ref);
    const visible = await options.visible!(refs);
    const shown = refs.filter(ref => visible.has(ref));
    const page = shown.slice(options.offset, options.offset + options.limit);
    const rows = page.length
      ? await this.knex('slo_status').whereIn('slo_ref', page)
      : [];
    const byRef = new Map(rows.map(row => [row.slo_ref, row]));
    return {
      items: page.flatMap(ref => {
        const row = byRef.get(ref);
        return row ? [fromRow(row)] : [];
      }),
      totalCount: shown.length,
    };
  }

  async history(
    ref: string,
    range: { start: number; end: number },
  ): Promise<SloHistoryPoint[]> {
    const rows = await this.knex('slo_history')
      .where({ slo_ref: ref })
      .andWhere('at', '>=', range.start)
      .andWhere('at', '<', range.end)
      .orderBy('at');
    return rows.map(row => ({
      at: Number(row.at),
      sli: row.sli === null ? null : Number(row.sli),
      budgetRemaining:
        row.budget_remaining === null ? null : Number(row.budget_remaining),
      burnRate: row.burn_rate === null ? null : Number(row.burn_rate),
    }));
  }
}
