import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { OwnershipInfo } from '@reliability-kit/plugin-reliability-common';
import {
  buildOwnershipInfo,
  entityContacts,
  MAX_PARENT_DEPTH,
  OnCallBaseUrls,
  ownerRefOf,
  ownerSide,
  parentChain,
  parentRefOf,
  refKey,
} from './buildOwnershipInfo';
import { CatalogReads } from '../service/uncompressedCatalog';

/** Ownership as a scorecard grades it. */
export interface OwnershipFlags {
  /** Owned by a group that is in the catalog. */
  ownerIsTeam: boolean;
  /** Types of the contacts of the entity and its owner. */
  contactTypes: ReadonlySet<string>;
}

/**
 * Reads owners and their parent groups from the catalog, in batches: one
 * request for the owners of any number of entities, then one per level of
 * the group hierarchy.
 */
export class OwnershipService {
  constructor(
    private readonly catalog: CatalogReads,
    private readonly auth: AuthService,
    private readonly urls: OnCallBaseUrls,
  ) {}

  /** The entity from the catalog, or undefined. */
  async entity(ref: string): Promise<Entity | undefined> {
    return this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
  }

  /** Ownership of each entity, in the same order. */
  async ownershipOf(entities: Entity[]): Promise<OwnershipInfo[]> {
    const loaded = new Map<string, Entity>();
    const ownerRefs = entities.flatMap(e => ownerRefOf(e) ?? []);
    let wanted = await this.load(ownerRefs, loaded);
    for (let depth = 0; depth < MAX_PARENT_DEPTH && wanted.length; depth++) {
      const parentRefs = wanted.flatMap(group =>
        group.kind.toLowerCase() === 'group' ? parentRefOf(group) ?? [] : [],
      );
      wanted = await this.load(parentRefs, loaded);
    }
    return entities.map(entity => {
      const ownerRef = ownerRefOf(entity);
      const owner = ownerRef ? loaded.get(refKey(ownerRef)) : undefined;
      const isGroup = owner?.kind.toLowerCase() === 'group';
      return buildOwnershipInfo({
        entity,
        owner,
        parents: owner && isGroup ? parentChain(owner, loaded) : [],
        urls: this.urls,
      });
    });
  }

  /**
   * What scorecards ask of ownership, for each entity in the same order:
   * whether a team that exists owns it, and the types of its contacts, as
   * {@link buildOwnershipInfo} lists them. One read of the owners (no
   * parents), and each owner's side worked out once, not per entity.
   */
  async contactFlagsOf(entities: Entity[]): Promise<OwnershipFlags[]> {
    const loaded = new Map<string, Entity>();
    await this.load(
      entities.flatMap(e => ownerRefOf(e) ?? []),
      loaded,
    );
    const owners = new Map<string, { isTeam: boolean; types: string[] }>();
    const ownerPart = (ownerRef: string) => {
      const key = refKey(ownerRef);
      let part = owners.get(key);
      if (!part) {
        const side = ownerSide(ownerRef, loaded.get(key));
        part = {
          isTeam: Boolean(side.found) && side.kind === 'group',
          types: side.contacts.map(c => c.type),
        };
        owners.set(key, part);
      }
      return part;
    };
    return entities.map(entity => {
      const ownerRef = ownerRefOf(entity);
      const part = ownerRef ? ownerPart(ownerRef) : undefined;
      return {
        ownerIsTeam: part?.isTeam ?? false,
        contactTypes: new Set([
          ...(part?.types ?? []),
          ...entityContacts(entity, this.urls).map(c => c.type),
        ]),
      };
    });
  }

  /** Reads the refs not loaded yet; answers the entities that were found. */
  private async load(
    refs: string[],
    loaded: Map<string, Entity>,
  ): Promise<Entity[]> {
    const missing = [...new Set(refs.map(refKey))].filter(
      ref => !loaded.has(ref),
    );
    if (missing.length === 0) return [];
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: missing },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const found: Entity[] = [];
    items.forEach((entity, i) => {
      if (entity) {
        loaded.set(missing[i], entity);
        found.push(entity);
      }
    });
    return found;
  }
}
