import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DeploymentSource } from '@reliability-kit/plugin-reliability-node';
import { Knex } from 'knex';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { KnownEntities } from '../service/KnownEntities';
import { DeploymentStore } from './DeploymentStore';
import { pullDeploymentSource } from './pullDeploymentSource';

const T0 = Date.UTC(2026, 10, 20);
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('pullDeploymentSource', () => {
  let knex: Knex;
  let store: DeploymentStore;
  const knownEntities = {
    missing: async (refs: string[]) => refs.filter(r => r.endsWith('/ghost')),
  } as unknown as KnownEntities;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    store = new DeploymentStore(knex);
  });

  it('stores valid deployments, skips the rest, and continues from its cursor', async () => {
    const cursors: Array<string | undefined> = [];
    const pages = [
      {
        cursor: 'page-2',
        deployments: [
          {
            id: 'argo/1',
            entity: 'api',
            environment: 'production',
            status: 'succeeded' as const,
            startedAt: T0,
            finishedAt: T0 + 1000,
          },
          {
            id: 'argo/2',
            entity: 'ghost',
            environment: 'production',
            status: 'succeeded' as const,
            startedAt: T0,
            finishedAt: T0 + 1000,
          },
          {
            id: 'argo/3',
            entity: 'api',
            environment: 'production',
            status: 'done' as any,
            startedAt: T0,
          },
        ],
      },
      { cursor: undefined, deployments: [] },
    ];
    const source: DeploymentSource = {
      id: 'argo',
      pull: async ({ cursor }) => {
        cursors.push(cursor);
        return pages[cursors.length - 1];
      },
    };
    const deps = {
      knex,
      store,
      knownEntities,
      logger: mockServices.logger.mock(),
      clock: () => T0,
    };
    const signal = new AbortController().signal;
    expect(await pullDeploymentSource(source, deps, signal)).toEqual({
      pulled: 3,
      stored: 1,
      skipped: 2,
    });
    expect(deps.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'argo/2: component:default/ghost is not in the catalog',
      ),
    );
    expect(deps.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('deployment 2: Invalid deployment: status'),
    );
    expect((await store.get('argo/1'))?.entity).toBe('component:default/api');
    // The second pull starts at the stored cursor; an empty answer keeps it.
    await pullDeploymentSource(source, deps, signal);
    expect(cursors).toEqual([undefined, 'page-2']);
    const row = await knex('deployment_source_cursors').first();
    expect(row.cursor).toBe('page-2');
  });

  it('leaves the cursor when the pull fails', async () => {
    const source: DeploymentSource = {
      id: 'broken',
      pull: async () => {
        throw new Error('503 from Argo CD');
      },
    };
    await expect(
      pullDeploymentSource(
        source,
        {
          knex,
          store,
          knownEntities,
          logger: mockServices.logger.mock(),
          clock: () => T0,
        },
        new AbortController().signal,
      ),
    ).rejects.toThrow('503 from Argo CD');
    expect(
      await knex('deployment_source_cursors')
        .where({ source_id: 'broken' })
        .first(),
    ).toBeUndefined();
  });
});
