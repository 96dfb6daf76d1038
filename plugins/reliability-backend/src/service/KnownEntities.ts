import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Answers "is this entity in the catalog?" for writes, remembering entities
 * found for a while so that a burst of webhooks costs one catalog read per
 * entity. Entities not found are asked again every time.
 */
export class KnownEntities {
  private readonly seen = new Map<string, number>();
  /** Look-ups in flight, shared by concurrent requests for the same ref. */
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /** Refs waiting for the next batched catalog read. */
  private queued = new Map<
    string,
    { resolve: (found: boolean) => void; reject: (error: unknown) => void }
  >();
  private flushScheduled = false;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly ttlMs = 5 * 60_000,
    private readonly clock: () => number = Date.now,
    private readonly maxSize = 50_000,
  ) {}

  /** The refs among `refs` that the catalog does not have. */
  async missing(refs: string[]): Promise<string[]> {
    const now = this.clock();
    const unknown = [...new Set(refs)].filter(
      ref => !((this.seen.get(ref) ?? -Infinity) > now - this.ttlMs),
    );
    if (unknown.length === 0) return [];
    const found = await Promise.all(unknown.map(ref => this.lookUp(ref)));
    return unknown.filter((_, i) => !found[i]);
  }

  private lookUp(ref: string): Promise<boolean> {
    let pending = this.inFlight.get(ref);
    if (!pending) {
      pending = new Promise<boolean>((resolve, reject) =>
        this.queued.set(ref, { resolve, reject }),
      );
      this.inFlight.set(ref, pending);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // Requests arriving in the same tick share one catalog read.
        setImmediate(() => this.flush());
      }
    }
    return pending;
  }

  private async flush() {
    const batch = this.queued;
    this.queued = new Map();
    this.flushScheduled = false;
    const refs = [...batch.keys()];
    try {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['kind', 'metadata.name'] },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      const now = this.clock();
      refs.forEach((ref, i) => {
        if (items[i]) {
          if (this.seen.size >= this.maxSize) this.seen.clear();
          this.seen.set(ref, now);
        }
        batch.get(ref)!.resolve(Boolean(items[i]));
      });
    } catch (error) {
      // Every waiting request fails; nothing is remembered.
      for (const waiting of batch.values()) waiting.reject(error);
    } finally {
      for (const ref of refs) this.inFlight.delete(ref);
    }
  }
}
