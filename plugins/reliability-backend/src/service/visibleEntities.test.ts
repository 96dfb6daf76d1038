import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { KnownEntities } from './KnownEntities';
import {
  assertVisible,
  filterVisible,
  VisibilityContext,
  visibleRefsFilter,
} from './visibleEntities';

// The routes' behaviour with the real catalog is in accessMatrix.test.ts;
// this is what the helpers ask of the catalog and the permission policy.

const user = mockCredentials.user('user:default/someone');

function contextWith(decision: PolicyDecision, readable: string[]) {
  const getEntitiesByRefs = jest.fn(
    async ({ entityRefs }: { entityRefs: string[] }, _options: unknown) => ({
      items: entityRefs.map(ref =>
        readable.includes(ref)
          ? { kind: 'Component', metadata: {} }
          : undefined,
      ),
    }),
  );
  const authorizeConditional = jest.fn(async () => [decision]);
  const missing = jest.fn(async (refs: string[]) =>
    refs.filter(ref => !readable.includes(ref) && ref.includes('ghost')),
  );
  const ctx = {
    catalog: { getEntitiesByRefs } as unknown as CatalogService,
    permissions: { authorizeConditional } as unknown as PermissionsService,
    knownEntities: { missing } as unknown as KnownEntities,
  } satisfies VisibilityContext;
  return { ctx, getEntitiesByRefs, authorizeConditional, missing };
}

const conditional: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: ['group:default/open'] },
  },
};

describe('visibleEntities', () => {
  const a = 'component:default/a';
  const b = 'component:default/b';
  const ghost = 'component:default/ghost';

  it('asks the catalog once, with the caller credentials, when the policy is conditional', async () => {
    const { ctx, getEntitiesByRefs, authorizeConditional } = contextWith(
      conditional,
      [a],
    );
    const visible = await filterVisible(ctx, user, [a, b, a, ghost]);
    expect([...visible]).toEqual([a]);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs).toHaveBeenCalledWith(
      {
        entityRefs: [a, b, ghost],
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: user },
    );
    expect(authorizeConditional).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'catalog.entity.read' }),
        },
      ],
      { credentials: user },
    );
  });

  it('does not ask the catalog when the policy allows or denies every entity', async () => {
    const allowed = contextWith({ result: AuthorizeResult.ALLOW }, []);
    expect(await visibleRefsFilter(allowed.ctx, user)).toBeUndefined();
    expect([...(await filterVisible(allowed.ctx, user, [a, b]))]).toEqual([
      a,
      b,
    ]);
    const denied = contextWith({ result: AuthorizeResult.DENY }, [a, b]);
    expect([...(await filterVisible(denied.ctx, user, [a, b]))]).toEqual([]);
    expect(allowed.getEntitiesByRefs).not.toHaveBeenCalled();
    expect(denied.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('does not ask the catalog for an empty list', async () => {
    const { ctx, getEntitiesByRefs } = contextWith(conditional, [a]);
    expect((await filterVisible(ctx, user, [])).size).toBe(0);
    expect(getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('answers a hidden entity and a missing one with the same NotFoundError', async () => {
    const hidden = contextWith(conditional, [a]);
    await expect(assertVisible(hidden.ctx, user, a)).resolves.toBeUndefined();
    await expect(assertVisible(hidden.ctx, user, b)).rejects.toThrow(
      `${b} is not in the catalog`,
    );
    await expect(assertVisible(hidden.ctx, user, ghost)).rejects.toThrow(
      `${ghost} is not in the catalog`,
    );
    const denied = contextWith({ result: AuthorizeResult.DENY }, [a]);
    await expect(assertVisible(denied.ctx, user, a)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `${a} is not in the catalog`,
    });
  });

  it('checks only existence, through the shared cache, when the policy allows everything', async () => {
    const { ctx, missing, getEntitiesByRefs } = contextWith(
      { result: AuthorizeResult.ALLOW },
      [],
    );
    await expect(assertVisible(ctx, user, b)).resolves.toBeUndefined();
    await expect(assertVisible(ctx, user, ghost)).rejects.toThrow(
      'is not in the catalog',
    );
    expect(missing).toHaveBeenCalledTimes(2);
    expect(getEntitiesByRefs).not.toHaveBeenCalled();
  });
});
