import type {
  ScorecardEntityLevel,
  ScorecardInfo,
} from '@reliability-kit/plugin-reliability-common';
import type { ReliabilityApi } from '../../api/ReliabilityApi';

/** The level of one entity, as a catalog table cell needs it. */
export interface EntityLevelSummary {
  /** False when the scorecard does not grade the entity (or not yet). */
  graded: boolean;
  levelIndex: number;
  level: string | null;
  stale: boolean;
  /** The scorecard, for level titles; undefined if it is not listed. */
  scorecard?: ScorecardInfo;
}

/** Entity refs per request; the backend takes up to 200. */
const BATCH = 100;
/** How long an answer is reused. */
const TTL_MS = 60_000;

type Api = Pick<ReliabilityApi, 'getScorecardLevels' | 'listScorecards'>;

interface Pending {
  resolve: (s: EntityLevelSummary) => void;
  reject: (e: unknown) => void;
}

/**
 * Collects the entity refs that table cells ask for in one tick and fetches
 * their levels on one scorecard with one request per 100 entities, instead
 * of one per row.
 */
export class ScorecardLevelLoader {
  private readonly pending = new Map<string, Pending[]>();
  private readonly cache = new Map<
    string,
    { at: number; value: Promise<EntityLevelSummary> }
  >();
  private definition?: {
    at: number;
    value: Promise<ScorecardInfo | undefined>;
  };
  private scheduled = false;

  constructor(
    private readonly api: Api,
    private readonly scorecardId: string,
    private readonly now: () => number = Date.now,
  ) {}

  load(entityRef: string): Promise<EntityLevelSummary> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const cached = this.cache.get(ref);
    if (cached && this.now() - cached.at < TTL_MS) return cached.value;
    const value = new Promise<EntityLevelSummary>((resolve, reject) => {
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

  /** The scorecard's definition, listed once per TTL for level titles. */
  private scorecard(): Promise<ScorecardInfo | undefined> {
    if (!this.definition || this.now() - this.definition.at >= TTL_MS) {
      const value = this.api
        .listScorecards()
        .then(list => list.items.find(s => s.id === this.scorecardId));
      value.catch(() => {
        this.definition = undefined;
      });
      this.definition = { at: this.now(), value };
    }
    return this.definition.value;
  }

  private async flush() {
    this.scheduled = false;
    const refs = [...this.pending.keys()];
    const waiting = new Map(this.pending);
    this.pending.clear();
    await Promise.all(
      Array.from({ length: Math.ceil(refs.length / BATCH) }, async (_, i) => {
        const batch = refs.slice(i * BATCH, (i + 1) * BATCH);
        try {
          const [answer, scorecard] = await Promise.all([
            this.api.getScorecardLevels(this.scorecardId, batch),
            this.scorecard(),
          ]);
          const byRef = new Map<string, ScorecardEntityLevel>(
            answer.items.map(item => [
              item.entity.toLocaleLowerCase('en-US'),
              item,
            ]),
          );
          for (const ref of batch) {
            const item = byRef.get(ref);
            const summary: EntityLevelSummary = item
              ? {
                  graded: true,
                  levelIndex: item.levelIndex,
                  level: item.level,
                  stale: item.stale,
                  scorecard,
                }
              : {
                  graded: false,
                  levelIndex: -1,
                  level: null,
                  stale: false,
                  scorecard,
                };
            waiting.get(ref)?.forEach(p => p.resolve(summary));
          }
        } catch (error) {
          for (const ref of batch) {
            waiting.get(ref)?.forEach(p => p.reject(error));
          }
        }
      }),
    );
  }
}

const loaders = new WeakMap<object, Map<string, ScorecardLevelLoader>>();

/** One loader per API instance and scorecard, shared by all cells. */
export function levelLoaderFor(api: Api, scorecardId: string) {
  let byId = loaders.get(api);
  if (!byId) {
    byId = new Map();
    loaders.set(api, byId);
  }
  let loader = byId.get(scorecardId);
  if (!loader) {
    loader = new ScorecardLevelLoader(api, scorecardId);
    byId.set(scorecardId, loader);
  }
  return loader;
}
