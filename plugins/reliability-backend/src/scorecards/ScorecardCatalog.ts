import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ScorecardGroupNode } from '@reliability-kit/plugin-reliability-common';
import { CatalogReads } from '../service/uncompressedCatalog';

/** A group as rollups need it. */
export interface ScorecardGroup extends ScorecardGroupNode {
  title: string;
}

/** Where an entity sits: owner, system and domain. */
export interface EntityPlacement {
  owner?: string;
  system?: string;
  domain?: string;
}

function related(entity: Entity, type: string, kind: string) {
  return entity.relations?.find(
    r => r.type === type && r.targetRef.startsWith(`${kind}:`),
  )?.targetRef;
}

/**
 * Reads what scorecards grade from the catalog, with the plugin's own
 * credentials: entities of the scorecards' kinds, systems (for domains) and
 * groups (for team rollups).
 *
 * Entity lists are read whole, without `fields`: the catalog then streams
 * its stored JSON as it is, while a field selection makes it parse and
 * project every entity (about twice the time for 10,000 components). Fact
 * providers from modules also get every field this way.
 */
export class ScorecardCatalog {
  private groupsCache?: { at: number; groups: ScorecardGroup[] };
  private titles = new Map<string, string>();

  constructor(
    private readonly catalog: CatalogReads,
    private readonly auth: AuthService,
    private readonly clock: () => number = Date.now,
    private readonly groupsMaxAgeMs = 60_000,
  ) {}

  /** Every entity of `kinds` (all kinds when undefined), and domains. */
  async entities(kinds: string[] | undefined): Promise<{
    entities: Entity[];
    domainOf: Map<string, string | undefined>;
  }> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const [entities, systems] = await Promise.all([
      this.catalog.getEntities(
        { filter: kinds ? { kind: kinds } : undefined },
        { credentials },
      ),
      this.catalog.getEntities({ filter: { kind: 'System' } }, { credentials }),
    ]);
    return {
      entities: entities.items,
      domainOf: new Map(
        systems.items.map(s => [
          stringifyEntityRef(s),
          related(s, RELATION_PART_OF, 'domain'),
        ]),
      ),
    };
  }

  /** One entity and its system's domain; undefined when not in the catalog. */
  async entity(
    ref: string,
  ): Promise<
    { entity: Entity; domainOf: Map<string, string | undefined> } | undefined
  > {
    const credentials = await this.auth.getOwnServiceCredentials();
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity) return undefined;
    const domainOf = new Map<string, string | undefined>();
    const system = related(entity, RELATION_PART_OF, 'system');
    if (system) {
      const found = await this.catalog.getEntityByRef(system, { credentials });
      domainOf.set(
        system,
        found ? related(found, RELATION_PART_OF, 'domain') : undefined,
      );
    }
    return { entity, domainOf };
  }

  /** Owner, system and domain of an entity. */
  static placement(
    entity: Entity,
    domainOf: Map<string, string | undefined>,
  ): EntityPlacement {
    const system = related(entity, RELATION_PART_OF, 'system');
    return {
      owner: entity.relations?.find(r => r.type === RELATION_OWNED_BY)
        ?.targetRef,
      system,
      domain: system ? domainOf.get(system) : undefined,
    };
  }

  /** Every group with its parent and title, kept for a minute. */
  async groups(): Promise<ScorecardGroup[]> {
    const now = this.clock();
    if (this.groupsCache && now - this.groupsCache.at < this.groupsMaxAgeMs) {
      return this.groupsCache.groups;
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'spec.profile.displayName',
          'relations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const groups = items.map(g => {
      const profile = g.spec?.profile as { displayName?: string } | undefined;
      return {
        ref: stringifyEntityRef(g),
        parent: related(g, 'childOf', 'group'),
        title: profile?.displayName ?? g.metadata.title ?? g.metadata.name,
      };
    });
    this.groupsCache = { at: now, groups };
    return groups;
  }

  /** Title of a system or domain, read once and remembered. */
  async titleOf(ref: string): Promise<string> {
    const known = this.titles.get(ref);
    if (known) return known;
    const entity = await this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    const title = entity?.metadata.title ?? entity?.metadata.name ?? ref;
    if (this.titles.size > 10_000) this.titles.clear();
    this.titles.set(ref, title);
    return title;
  }
}
