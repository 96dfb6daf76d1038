import type {
  SloStatus,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import type { ReliabilityApi } from '../../api/ReliabilityApi';
import { lowestBudget, worstStatus } from '../../api/normalizeSummary';

/** Reliability of one entity, as a catalog table cell needs it. */
export interface EntityStatusSummary {
  sloCount: number;
  status: SloStatus;
  budgetRemaining: number | null;
  stale: boolean;
}

/** Entity refs per request: keeps the query string short. */
const BATCH = 50;
/** The backend's page limit. */
const LIMIT = 500;
/** How long an answer is reused. */
const TTL_MS = 60_000;

interface Pending {
  resolve: (s: EntityStatusSummary) => void;
  reject: (e: unknown) => void;
}

function summarize(slos: SloStatusSnapshot[]): EntityStatusSummary {
  return {
    sloCount: slos.length,
    status: worstStatus(slos.map(s => s.status)),
    budgetRemaining: lowestBudget(slos),
    stale: slos.some(s => s.stale),
  };
}

/**
 * Collects the entity refs that table cells ask for in one tick and fetches
 * their SLO statuses with one request per 50 entities, instead of one per
 * row.
 */
export class ServiceStatusLoader {
  private readonly pending = new Map<string, Pending[]>();
  private readonly cache = new Map<
    string,
    { at: number; value: Promise<EntityStatusSummary> }
  >();
  private scheduled = false;

  constructor(
    private readonly api: Pick<ReliabilityApi, 'listSlos'>,
    private readonly now: () => number = Date.now,
  ) {}

  load(entityRef: string): Promise<EntityStatusSummary> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const cached = this.cache.get(ref);
    if (cached && this.now() - cached.at < TTL_MS) return cached.value;
    const value = new Promise<EntityStatusSummary>((resolve, reject) => {
      const waiting = this.pending.get(ref) ?? [];
      waiting.push({ resolve, reject });
      this.pending.set(ref, waiting);
    });
    this.cache.set(ref, { at: this.now(), value });
    // Failures are not cached: the next render asks again.
    value.catch(() => this.cache.delete(ref));
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => this.flush(), 0);
    }
    return value;
  }

  private async flush() {
    this.scheduled = false;
    const refs = [...this.pending.keys()];
    const waiting = new Map(this.pending);
    this.pending.clear();
    for (let i = 0; i < refs.length; i += BATCH) {
      const batch = refs.slice(i, i + BATCH);
      try {
        const byService = await this.fetch(batch);
        for (const ref of batch) {
          const summary = summarize(byService.get(ref) ?? []);
          waiting.get(ref)?.forEach(p => p.resolve(summary));
        }
      } catch (error) {
        for (const ref of batch)
          waiting.get(ref)?.forEach(p => p.reject(error));
      }
    }
  }

  private async fetch(refs: string[]) {
    const byService = new Map<string, SloStatusSnapshot[]>();
    let offset = 0;
    for (;;) {
      const page = await this.api.listSlos({
        service: refs,
        order: 'name',
        offset,
        limit: LIMIT,
      });
      for (const slo of page.items) {
        const service = slo.service?.toLocaleLowerCase('en-US');
        if (!service) continue;
        byService.set(service, [...(byService.get(service) ?? []), slo]);
      }
      offset += page.items.length;
      if (!page.items.length || offset >= page.totalCount) break;
    }
    return byService;
  }
}

const loaders = new WeakMap<object, ServiceStatusLoader>();

/** One loader per API instance, shared by all cells. */
export function loaderFor(api: Pick<ReliabilityApi, 'listSlos'>) {
  let loader = loaders.get(api);
  if (!loader) {
    loader = new ServiceStatusLoader(api);
    loaders.set(api, loader);
  }
  return loader;
}
