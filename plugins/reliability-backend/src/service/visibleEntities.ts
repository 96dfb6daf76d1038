import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { requireReader } from './authorize';
import { ReliabilityContext } from './context';
import { entityRefOf } from './entityParams';

/**
 * The catalog's read permission, as `@backstage/plugin-catalog-common/alpha`
 * declares it; permission policies match it by name.
 */
export const catalogEntityReadPermission = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/** What the helpers need of the context. */
export type VisibilityContext = Pick<
  ReliabilityContext,
  'catalog' | 'permissions' | 'knownEntities'
>;

/** Keeps the refs the caller may read; one catalog call per use. */
export type VisibleRefsFilter = (
  refs: Iterable<string>,
) => Promise<ReadonlySet<string>>;

/**
 * How to keep only the entities the caller may read in the catalog, or
 * undefined when the caller may read every entity.
 *
 * The catalog filters its reads by the same permission: this asks the
 * permission policy once and goes to the catalog, with the caller's
 * credentials, only when the answer depends on the entity (a conditional
 * decision). A caller denied `catalog.entity.read` sees nothing.
 */
export async function visibleRefsFilter(
  ctx: VisibilityContext,
  credentials: BackstageCredentials,
): Promise<VisibleRefsFilter | undefined> {
  const [decision] = await ctx.permissions.authorizeConditional(
    [{ permission: catalogEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return undefined;
  if (decision.result === AuthorizeResult.DENY) {
    return async () => new Set<string>();
  }
  return async refs => {
    const entityRefs = [...new Set(refs)];
    if (entityRefs.length === 0) return new Set<string>();
    // The client splits long lists into several requests by itself.
    const { items } = await ctx.catalog.getEntitiesByRefs(
      { entityRefs, fields: ['kind', 'metadata.namespace', 'metadata.name'] },
      { credentials },
    );
    return new Set(entityRefs.filter((_, i) => items[i]));
  };
}

/**
 * The refs among `refs` that the caller may read in the catalog, as given.
 * When the caller may read every entity, that is all of them: existence is
 * not checked, the refs are expected to come from the catalog.
 */
export async function filterVisible(
  ctx: VisibilityContext,
  credentials: BackstageCredentials,
  refs: Iterable<string>,
): Promise<ReadonlySet<string>> {
  const filter = await visibleRefsFilter(ctx, credentials);
  return filter ? filter(refs) : new Set(refs);
}

/**
 * Throws NotFoundError unless the entity is in the catalog and the caller
 * may read it. Both cases give the same answer, so that the API does not
 * reveal entities the caller cannot see.
 */
export async function assertVisible(
  ctx: VisibilityContext,
  credentials: BackstageCredentials,
  ref: string,
): Promise<void> {
  const filter = await visibleRefsFilter(ctx, credentials);
  const found = filter
    ? (await filter([ref])).has(ref)
    : (await ctx.knownEntities.missing([ref])).length === 0;
  if (!found) throw new NotFoundError(`${ref} is not in the catalog`);
}

/**
 * For `/v1/entities/:kind/:namespace/:name/...` routes: a reader's
 * credentials (else 401) and the entity ref, which the caller may read in
 * the catalog (else 404).
 */
export async function requireVisibleEntity(
  ctx: ReliabilityContext,
  req: Request,
): Promise<{ ref: string; credentials: BackstageCredentials }> {
  const credentials = await requireReader(ctx, req);
  const ref = entityRefOf(req);
  await assertVisible(ctx, credentials, ref);
  return { ref, credentials };
}
