import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DeploymentStatus } from '@reliability-kit/plugin-reliability-common';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { DeploymentStore } from './DeploymentStore';
import { ParsedDeployment } from './parseDeploymentEvents';

const databases = TestDatabases.create();
const T0 = Date.UTC(2026, 10, 1);
const MINUTE = 60_000;

function deployment(
  id: string,
  status: DeploymentStatus,
  overrides: Partial<ParsedDeployment> = {},
): ParsedDeployment {
  return {
    id,
    entity: 'component:default/api',
    environment: 'production',
    status,
    startedAt: T0,
    finishedAt: status === 'started' ? undefined : T0 + 5 * MINUTE,
    ...overrides,
  };
}

/** The status the store must keep after receiving `statuses` in order. */
function expectedStatus(statuses: DeploymentStatus[]): DeploymentStatus {
  const rank = (s: DeploymentStatus) =>
    ({ started: 0, succeeded: 1, failed: 1, rolled_back: 2 }[s]);
  return statuses.reduce((kept, next) =>
    rank(next) >= rank(kept) ? next : kept,
  );
}

describe.each(databases.eachSupportedId())('DeploymentStore on %p', id => {
  let store: DeploymentStore;

  beforeAll(async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    store = new DeploymentStore(knex);
  });

  it('keeps exactly the distinct deployments, with their last status, under concurrent writers', async () => {
    // 40 writers post 25 updates each: 250 distinct ids, each sent 4 times
    // (started, then an outcome, some repeated, some rolled back), in an
    // order where an id's updates are spread over writers.
    const statusesOf = (n: number): DeploymentStatus[] => {
      const outcome: DeploymentStatus = n % 7 === 0 ? 'failed' : 'succeeded';
      return n % 10 === 0
        ? ['started', outcome, outcome, 'rolled_back']
        : ['started', 'started', outcome, outcome];
    };
    const updates: ParsedDeployment[] = [];
    for (let n = 0; n < 250; n++) {
      statusesOf(n).forEach((status, step) =>
        updates.push(
          deployment(`run-${n}`, status, {
            entity: `component:default/svc-${n % 13}`,
            version: `1.${n}.${step}`,
          }),
        ),
      );
    }
    const writers = Array.from({ length: 40 }, (_, w) =>
      updates.filter((_update, i) => i % 40 === w),
    );
    // Each writer sends its updates one request at a time, like a webhook.
    const sent = await Promise.all(
      writers.map(async mine => {
        let created = 0;
        for (const update of mine) {
          created += (await store.upsert([update], T0)).created;
        }
        return created;
      }),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(250);

    let total = 0;
    for (let svc = 0; svc < 13; svc++) {
      const page = await store.page(`component:default/svc-${svc}`, {
        offset: 0,
        limit: 200,
      });
      total += page.totalCount;
      for (const d of page.items) {
        const n = Number(d.id.slice(4));
        // Writers run concurrently, so updates of one id may arrive in any
        // order; the merge rule makes the outcome independent of it except
        // between equal ranks, which here carry the same status.
        expect(d.status).toBe(expectedStatus(statusesOf(n)));
      }
    }
    expect(total).toBe(250);
  });

  it('merges a batch with repeats in order, and counts created and updated', async () => {
    const result = await store.upsert(
      [
        deployment('batch-1', 'started', { entity: 'component:default/b' }),
        deployment('batch-2', 'succeeded', { entity: 'component:default/b' }),
        deployment('batch-1', 'succeeded', {
          entity: 'component:default/b',
          commit: 'abc123',
        }),
      ],
      T0,
    );
    expect(result).toEqual({ created: 2, updated: 1 });
    const one = await store.get('batch-1');
    expect(one).toMatchObject({
      status: 'succeeded',
      commit: 'abc123',
      finishedAt: T0 + 5 * MINUTE,
    });
    // A late "started" does not undo the outcome, nor erase known fields.
    await store.upsert(
      [deployment('batch-1', 'started', { entity: 'component:default/b' })],
      T0 + MINUTE,
    );
    expect(await store.get('batch-1')).toMatchObject({
      status: 'succeeded',
      commit: 'abc123',
      finishedAt: T0 + 5 * MINUTE,
    });
  });

  it('refuses to move an id to another entity, writing nothing of the request', async () => {
    await store.upsert([deployment('owned', 'succeeded')], T0);
    await expect(
      store.upsert(
        [
          deployment('fresh-in-same-request', 'succeeded'),
          deployment('owned', 'failed', { entity: 'component:default/other' }),
        ],
        T0,
      ),
    ).rejects.toThrow(ConflictError);
    expect(await store.get('fresh-in-same-request')).toBeUndefined();
    expect((await store.get('owned'))?.status).toBe('succeeded');
  });

  it('answers latest per environment, DORA records, markers and pending impacts', async () => {
    const entity = 'component:default/reader';
    const at = (m: number) => T0 + m * MINUTE;
    await store.upsert(
      [
        deployment('r1', 'succeeded', {
          entity,
          startedAt: at(0),
          finishedAt: at(10),
          commitTime: at(-60),
        }),
        deployment('r2', 'failed', {
          entity,
          startedAt: at(100),
          finishedAt: at(110),
        }),
        deployment('r3', 'succeeded', {
          entity,
          environment: 'staging',
          startedAt: at(200),
          finishedAt: at(205),
        }),
        deployment('r4', 'started', { entity, startedAt: at(300) }),
      ],
      T0,
    );
    const latest = await store.latest([entity]);
    expect(latest.map(d => [d.environment, d.id])).toEqual([
      ['production', 'r4'],
      ['staging', 'r3'],
    ]);
    expect((await store.latest([entity], false)).map(d => d.id)).toEqual([
      'r4',
    ]);

    const records = await store.records([entity], {
      from: at(0),
      to: at(250),
      environment: 'production',
    });
    expect(records.get(entity)!.map(r => r.id)).toEqual(['r1', 'r2']);
    expect(records.get(entity)![0].commitTime).toBe(at(-60));

    const markers = await store.markers([entity], { from: at(0), to: at(400) });
    expect(markers.map(m => [m.id, m.at])).toEqual([
      ['r1', at(10)],
      ['r2', at(110)],
      ['r3', at(205)],
      ['r4', at(300)],
    ]);

    const pending = await store.pendingImpacts({ until: at(150), limit: 10 });
    expect(pending.map(d => d.id)).toEqual(
      expect.arrayContaining(['r2', 'r1']),
    );
    expect(pending.find(d => d.id === 'r1')?.impact.state).toBe('pending');
    const impact = {
      state: 'evaluated' as const,
      likelyCausedBurn: true,
      slos: [],
    };
    await store.saveImpact('r1', at(10), impact);
    expect((await store.get('r1'))?.impact).toEqual(impact);
    expect(
      (await store.markers([entity], { from: at(0), to: at(20) }))[0]
        .likelyCausedBurn,
    ).toBe(true);

    // A rollback keeps the time, so the impact stays...
    await store.upsert(
      [
        deployment('r1', 'rolled_back', {
          entity,
          startedAt: at(0),
          finishedAt: at(10),
        }),
      ],
      T0,
    );
    expect((await store.get('r1'))?.impact).toEqual(impact);
    // ...a corrected finish time moves the deployment and resets it.
    await store.upsert(
      [
        deployment('r1', 'rolled_back', {
          entity,
          startedAt: at(0),
          finishedAt: at(12),
        }),
      ],
      T0,
    );
    expect((await store.get('r1'))?.impact.state).toBe('pending');
    // An impact computed for the old time is not stored on the moved one.
    await store.saveImpact('r1', at(10), impact);
    expect((await store.get('r1'))?.impact.state).toBe('pending');
  });
});
