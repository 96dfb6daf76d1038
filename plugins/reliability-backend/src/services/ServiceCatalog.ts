import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_RELIABILITY_TIER } from '@reliability-kit/plugin-reliability-common';

/** What the service list shows of a catalog component. */
export interface ServiceEntry {
  ref: string;
  name: string;
  title: string;
  type?: string;
  owner?: string;
  system?: string;
  domain?: string;
  tier?: string;
  lifecycle?: string;
}

const COMPONENT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  `metadata.annotations.${ANNOTATION_RELIABILITY_TIER}`,
  'spec.type',
  'spec.lifecycle',
  'relations',
];

function related(entity: Entity, type: string, kind?: string) {
  return entity.relations?.find(
    r => r.type === type && (!kind || r.targetRef.startsWith(`${kind}:`)),
  )?.targetRef;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * The catalog's components with their owner, system, domain and tier, read
 * with only the fields the list needs and kept for a short while.
 */
export class ServiceCatalog {
  private entries: ServiceEntry[] = [];
  private byRef = new Map<string, ServiceEntry>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly maxAgeMs = 30_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Every component; reloads when older than the maximum age. */
  async list(): Promise<ServiceEntry[]> {
    if (this.clock() - this.loadedAt > this.maxAgeMs) {
      // Concurrent requests share one reload.
      this.loading ??= this.load().finally(() => {
        this.loading = undefined;
      });
      await this.loading;
    }
    return this.entries;
  }

  async get(ref: string): Promise<ServiceEntry | undefined> {
    await this.list();
    return this.byRef.get(ref);
  }

  private async load() {
    const credentials = await this.auth.getOwnServiceCredentials();
    const [components, systems] = await Promise.all([
      this.catalog.getEntities(
        { filter: { kind: 'Component' }, fields: COMPONENT_FIELDS },
        { credentials },
      ),
      this.catalog.getEntities(
        {
          filter: { kind: 'System' },
          fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
        },
        { credentials },
      ),
    ]);
    const domainOf = new Map(
      systems.items.map(system => [
        stringifyEntityRef(system),
        related(system, RELATION_PART_OF, 'domain'),
      ]),
    );
    const entries = components.items.map(entity => {
      const system = related(entity, RELATION_PART_OF, 'system');
      return {
        ref: stringifyEntityRef(entity),
        name: entity.metadata.name,
        title: entity.metadata.title ?? entity.metadata.name,
        type: str(entity.spec?.type),
        owner: related(entity, RELATION_OWNED_BY),
        system,
        domain: system ? domainOf.get(system) : undefined,
        tier: str(
          entity.metadata.annotations?.[ANNOTATION_RELIABILITY_TIER],
        )?.toLocaleLowerCase('en-US'),
        lifecycle: str(entity.spec?.lifecycle),
      };
    });
    entries.sort((a, b) => a.ref.localeCompare(b.ref));
    this.entries = entries;
    this.byRef = new Map(entries.map(e => [e.ref, e]));
    this.loadedAt = this.clock();
  }
}
