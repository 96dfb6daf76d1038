import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_SCORECARD,
  SCORECARD_FACTS as F,
} from '@reliability-kit/plugin-reliability-common';
import { ScorecardFactProvider } from '@reliability-kit/plugin-reliability-node';
import { connectDatabase } from '../database/migrations';
import { ScorecardCatalog } from './ScorecardCatalog';
import { ScorecardEvaluator } from './ScorecardEvaluator';
import { ScorecardRegistry } from './ScorecardRegistry';
import { ScorecardStore } from './ScorecardStore';

const databases = TestDatabases.create();

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/a' }],
});

/** A catalog whose answers the test controls. */
function fakeCatalog(state: { entities: Entity[]; down?: Error }) {
  const catalog = Object.create(ScorecardCatalog.prototype) as ScorecardCatalog;
  catalog.entities = async () => {
    if (state.down) throw state.down;
    return { entities: state.entities, domainOf: new Map() };
  };
  catalog.entity = async ref => {
    if (state.down) throw state.down;
    const entity = state.entities.find(
      e => `component:default/${e.metadata.name}` === ref,
    );
    return entity ? { entity, domainOf: new Map() } : undefined;
  };
  return catalog;
}

/** The bronze facts: owned and with a lifecycle; described as `described` says. */
function bronzeFacts(
  described: (ref: string) => boolean,
): ScorecardFactProvider {
  return {
    id: 'bronze',
    facts: [],
    async retrieve({ entities }) {
      return new Map(
        entities.map(e => {
          const ref = `component:default/${e.metadata.name}`;
          return [
            ref,
            {
              [F.ownerIsTeam]: true,
              [F.hasLifecycle]: true,
              [F.hasDescription]: described(ref),
            },
          ];
        }),
      );
    },
  };
}

const allTrue = bronzeFacts(() => true);

describe.each(databases.eachSupportedId())(
  'ScorecardEvaluator on %p',
  databaseId => {
    async function setUp(
      providers: ScorecardFactProvider[],
      cards = [{ ...DEFAULT_SCORECARD, source: 'default' as const }],
    ) {
      const knex = await connectDatabase(
        mockServices.database({ knex: await databases.init(databaseId) }),
      );
      const store = new ScorecardStore(knex);
      const state: { entities: Entity[]; down?: Error } = {
        entities: [component('a'), component('b')],
      };
      let now = Date.UTC(2026, 10, 24, 12);
      const evaluator = new ScorecardEvaluator({
        registry: new ScorecardRegistry(cards),
        providers,
        catalog: fakeCatalog(state),
        store,
        logger: mockServices.logger.mock(),
        clock: () => now,
      });
      return {
        knex,
        store,
        state,
        evaluator,
        tick: (ms: number) => (now += ms),
        now: () => now,
      };
    }

    it('keeps the last results, marked stale, while the catalog is down', async () => {
      const { store, state, evaluator, tick } = await setUp([allTrue]);
      await evaluator.runAll();
      const before = await store.forScorecard(DEFAULT_SCORECARD.id);
      expect(before.map(r => [r.entity, r.levelIndex, r.stale])).toEqual([
        ['component:default/a', 0, undefined],
        ['component:default/b', 0, undefined],
      ]);

      tick(3_600_000);
      state.down = new Error('connect ECONNREFUSED 127.0.0.1:7007');
      await expect(evaluator.runAll()).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message:
          'catalog unavailable: connect ECONNREFUSED 127.0.0.1:7007; the last scorecard results are kept, marked stale',
      });
      tick(3_600_000);
      await expect(evaluator.runAll()).rejects.toThrow('ECONNREFUSED');
      const during = await store.forScorecard(DEFAULT_SCORECARD.id);
      expect(during.map(r => [r.entity, r.levelIndex, r.evaluatedAt])).toEqual(
        before.map(r => [r.entity, r.levelIndex, r.evaluatedAt]),
      );
      // Stale since the first failed run, not the latest.
      expect(during[0].stale).toEqual({
        reason: 'catalog unavailable: connect ECONNREFUSED 127.0.0.1:7007',
        since: new Date(Date.UTC(2026, 10, 24, 13)).toISOString(),
      });

      // An empty catalog answer removes results; a failed one never does.
      state.down = undefined;
      state.entities = [component('a')];
      tick(3_600_000);
      const run = await evaluator.runAll();
      expect(run).toMatchObject({ entities: 1, results: 1, removed: 1 });
      const after = await store.forScorecard(DEFAULT_SCORECARD.id);
      expect(after.map(r => [r.entity, r.stale])).toEqual([
        ['component:default/a', undefined],
      ]);
    });

    it('removes most results only when two runs in a row agree', async () => {
      const { store, state, evaluator, tick } = await setUp(
        [allTrue],
        [
          { ...DEFAULT_SCORECARD, source: 'default' as const },
          { ...DEFAULT_SCORECARD, id: 'second', source: 'default' as const },
        ],
      );
      state.entities = Array.from({ length: 30 }, (_, i) => component(`s${i}`));
      await evaluator.runAll();
      state.entities = state.entities.slice(0, 5);
      tick(60_000);
      // Both scorecards are held, each on its own.
      expect(await evaluator.runAll()).toMatchObject({
        results: 10,
        removed: 0,
      });
      const held = await store.forScorecard(DEFAULT_SCORECARD.id);
      expect(held).toHaveLength(30);
      expect(await store.forScorecard('second')).toHaveLength(30);
      // The held results say they were not graded by the last run.
      expect(held.filter(r => r.stale).map(r => r.entity)).toHaveLength(25);
      expect(
        held.find(r => r.entity === 'component:default/s29')?.stale,
      ).toMatchObject({
        reason: expect.stringMatching(
          /^not in the catalog's answer of .*; kept until the next run confirms the removal$/,
        ),
      });
      tick(60_000);
      expect(await evaluator.runAll()).toMatchObject({
        results: 10,
        removed: 50,
      });
      expect(await store.forScorecard(DEFAULT_SCORECARD.id)).toHaveLength(5);
      expect(await store.forScorecard('second')).toHaveLength(5);
    });

    it('marks results stale and fails the checks of a provider that throws', async () => {
      const broken: ScorecardFactProvider = {
        id: 'broken',
        facts: [],
        retrieve: async () => {
          throw new Error('GitHub rate limit');
        },
      };
      const { store, evaluator } = await setUp([allTrue, broken]);
      await evaluator.runAll();
      const [a] = await store.forScorecard(DEFAULT_SCORECARD.id);
      expect(a.levelIndex).toBe(0);
      expect(a.stale?.reason).toBe(
        'fact provider broken failed: GitHub rate limit',
      );
    });

    it('writes only what changed, and dates every result by the run that confirmed it', async () => {
      const described = new Set(['component:default/a', 'component:default/b']);
      const describedFacts = bronzeFacts(ref => described.has(ref));
      const { knex, store, state, evaluator, tick, now } = await setUp([
        describedFacts,
      ]);
      expect(await evaluator.runAll()).toMatchObject({
        results: 2,
        written: 2,
      });

      tick(60_000);
      expect(await evaluator.runAll()).toMatchObject({
        results: 2,
        written: 0,
      });
      const confirmed = await store.forScorecard(DEFAULT_SCORECARD.id);
      expect(confirmed.map(r => r.evaluatedAt)).toEqual([
        new Date(now()).toISOString(),
        new Date(now()).toISOString(),
      ]);

      described.delete('component:default/b');
      tick(60_000);
      expect(await evaluator.runAll()).toMatchObject({
        written: 1,
        snapshots: 1,
      });
      const [a, b] = await store.forScorecard(DEFAULT_SCORECARD.id);
      expect([a.levelIndex, b.levelIndex]).toEqual([0, -1]);

      // Another replica (a store without this one's memory) agrees.
      const replica = new ScorecardEvaluator({
        registry: new ScorecardRegistry([
          { ...DEFAULT_SCORECARD, source: 'default' as const },
        ]),
        providers: [describedFacts],
        catalog: fakeCatalog(state),
        store: new ScorecardStore(knex),
        logger: mockServices.logger.mock(),
        clock: now,
      });
      tick(60_000);
      expect(await replica.runAll()).toMatchObject({ written: 0 });

      // The first run of a day snapshots every result, and writes none.
      tick(86_400_000);
      expect(await evaluator.runAll()).toMatchObject({
        written: 0,
        snapshots: 2,
      });
      tick(60_000);
      expect(await evaluator.runAll()).toMatchObject({ snapshots: 0 });
      const days = await store.snapshotAggregates(
        DEFAULT_SCORECARD.id,
        'owner_ref',
        '2026-01-01',
      );
      expect([...new Set(days.map(d => d.day))]).toEqual([
        '2026-11-24',
        '2026-11-25',
      ]);

      // Stale results are written again once a run succeeds.
      state.down = new Error('catalog restarting');
      tick(60_000);
      await expect(evaluator.runAll()).rejects.toThrow('catalog restarting');
      state.down = undefined;
      tick(60_000);
      expect(await evaluator.runAll()).toMatchObject({ written: 2 });
      const after = await store.forScorecard(DEFAULT_SCORECARD.id);
      expect(after.map(r => r.stale)).toEqual([undefined, undefined]);
    });

    it('makes a grade again when facts change or an exemption expires, not otherwise', async () => {
      let described = true;
      const describedFacts = bronzeFacts(() => described);
      const { store, state, evaluator, tick } = await setUp([describedFacts]);
      const exempt = component('exempt');
      exempt.metadata.annotations = {
        'reliability/scorecard-exemptions':
          'description-set: being written (until 2026-11-24)',
      };
      state.entities = [component('plain'), exempt].map(e => ({
        ...e,
        metadata: { ...e.metadata, etag: `etag-${e.metadata.name}` },
      }));
      const levels = async () =>
        (await store.forScorecard(DEFAULT_SCORECARD.id)).map(r => [
          r.entity,
          r.levelIndex,
          r.checks.find(c => c.id === 'description-set')?.status,
        ]);

      described = false;
      await evaluator.runAll();
      expect(await levels()).toEqual([
        ['component:default/exempt', 0, 'exempt'],
        ['component:default/plain', -1, 'fail'],
      ]);
      // The exemption's last day is over; nothing else changed.
      tick(86_400_000);
      await evaluator.runAll();
      expect(await levels()).toEqual([
        ['component:default/exempt', -1, 'fail'],
        ['component:default/plain', -1, 'fail'],
      ]);
      described = true;
      tick(60_000);
      await evaluator.runAll();
      expect(await levels()).toEqual([
        ['component:default/exempt', 0, 'pass'],
        ['component:default/plain', 0, 'pass'],
      ]);
    });

    it('grades one entity on demand and says 404 for an unknown one', async () => {
      const { store, evaluator } = await setUp([allTrue]);
      await evaluator.runOne('component:default/b');
      expect((await store.forEntity('component:default/b'))[0].levelIndex).toBe(
        0,
      );
      expect(await store.forEntity('component:default/a')).toEqual([]);
      await expect(
        evaluator.runOne('component:default/zz'),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    });

    it('keeps one snapshot per entity and day, and drops old ones', async () => {
      const { store, evaluator, tick } = await setUp([allTrue]);
      await evaluator.runAll();
      tick(60_000);
      await evaluator.runAll();
      tick(2 * 86_400_000);
      await evaluator.runAll();
      const points = await store.snapshotAggregates(
        DEFAULT_SCORECARD.id,
        'owner_ref',
        '2026-01-01',
      );
      expect(points.map(p => [p.day, p.entities])).toEqual([
        ['2026-11-24', 2],
        ['2026-11-26', 2],
      ]);
      expect(
        await store.deleteSnapshotsOlderThan(1, Date.UTC(2026, 10, 26, 12)),
      ).toBe(2);
    });
  },
);
