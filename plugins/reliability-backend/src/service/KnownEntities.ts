import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Answers "is this entity in the catalog?" for writes, remembering entities
 * found for a while so that a burst of webhooks costs one catalog read per
 * entity. Entities not found are asked again every time.
 */
export class KnownEntities {
  private readonly seen = new Map<string, number>();

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
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: unknown, fields: ['kind', 'metadata.name'] },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const missing: string[] = [];
    unknown.forEach((ref, i) => {
      if (items[i]) {
        if (this.seen.size >= this.maxSize) this.seen.clear();
        this.seen.set(ref, now);
      } else {
        missing.push(ref);
      }
    });
    return missing;
  }
}
