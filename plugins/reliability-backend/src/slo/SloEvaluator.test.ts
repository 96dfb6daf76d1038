import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SliQuery, SliSource } from '@reliability-kit/plugin-reliability-node';
import { MIGRATIONS_DIRECTORY } from '../database/migrations';
import { SloCatalog } from './SloCatalog';
import { SloEvaluator, TRIP_AFTER } from './SloEvaluator';
import { StatusStore } from './StatusStore';

const databases = TestDatabases.create();

const HOUR = 3_600_000;
const NOW = 1_795_000_000_000;

function sloEntity(name: string, type: string, ref: string): Entity {
  const metricSource = { type, metricSourceRef: ref, spec: {} };
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name, namespace: 'default' },
    spec: {
      service: 'checkout',
      indicator: {
        metadata: { name: `${name}-ratio` },
        spec: {
          ratioMetric: {
            counter: false,
            good: { metricSource },
            total: { metricSource },
          },
        },
      },
      timeWindow: [{ duration: '1d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.99 }],
    },
  };
}

/** A source that answers, or fails for the SLOs `fails` picks; counts calls. */
function source(type: string, fails: (slo: string) => boolean) {
  const asked: string[] = [];
  const sliSource: SliSource = {
    type,
    async readSamples(query: SliQuery) {
      const name = query.slo.metadata.name;
      asked.push(name);
      // Every answer comes back on a later turn, like a network call.
      await new Promise(r => setTimeout(r, 1));
      if (fails(name)) {
        throw new Error(`${type} instance "main" did not answer`);
      }
      return [{ start: NOW - HOUR, good: 999, total: 1000 }];
    },
  };
  return { sliSource, asked };
}

describe('SloEvaluator and failing sources', () => {
  it.each(databases.eachSupportedId())(
    'stops asking a source that keeps failing, and warns once per source, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const hanging = Array.from(
        { length: 20 },
        (_, i) => `down-${String(i).padStart(2, '0')}`,
      );
      // Every third SLO of the mixed source has a bad query.
      const mixed = Array.from({ length: 12 }, (_, i) => `mixed-${i}`);
      const entities = [
        ...hanging.map(name => sloEntity(name, 'Remote', 'down')),
        ...mixed.map(name => sloEntity(name, 'Remote', 'mixed')),
        sloEntity('local', 'Local', 'store'),
      ];
      const remote = source('Remote', name => {
        if (name.startsWith('down-')) return true;
        return Number(name.slice('mixed-'.length)) % 3 === 0;
      });
      const local = source('Local', () => false);
      const warnings: string[] = [];
      const logger = mockServices.logger.mock({
        warn: (message: string) => void warnings.push(message),
      });
      const store = new StatusStore(knex);
      const evaluator = new SloEvaluator({
        catalog: new SloCatalog(
          catalogServiceMock({ entities }),
          mockServices.auth(),
        ),
        store,
        sources: new Map([
          ['Remote', remote.sliSource],
          ['Local', local.sliSource],
        ]),
        logger,
        clock: () => NOW,
      });

      const cycle = await evaluator.runCycle();

      // The failing source was asked about its first SLOs only: those in
      // flight when the failures came back (at most two rounds of the
      // workers), not all 20.
      const askedDown = remote.asked.filter(n => n.startsWith('down-'));
      expect(askedDown.length).toBeGreaterThanOrEqual(TRIP_AFTER);
      expect(askedDown.length).toBeLessThan(2 * TRIP_AFTER);
      // A bad query among good ones trips nothing: every SLO was asked.
      expect(remote.asked.filter(n => n.startsWith('mixed-')).sort()).toEqual(
        [...mixed].sort(),
      );
      expect(local.asked).toEqual(['local']);
      expect(cycle).toMatchObject({ evaluated: 1 + 8, stale: 20 + 4 });

      const skipped = await store.get(
        `slo:default/${hanging.find(n => !askedDown.includes(n))}`,
      );
      expect(skipped?.stale).toBe(true);
      expect(skipped?.error).toMatch(
        new RegExp(
          `^not queried in this cycle: data source Remote "down" failed for \\d+ SLOs in a row; last error \\(slo:default/down-\\d+\\): Remote instance "main" did not answer$`,
        ),
      );
      expect((await store.get('slo:default/local'))?.stale).toBe(false);
      expect((await store.get('slo:default/mixed-1'))?.stale).toBe(false);
      expect((await store.get('slo:default/mixed-3'))?.error).toBe(
        'Remote instance "main" did not answer',
      );

      expect(warnings.sort()).toEqual([
        `Data source Remote "down" failed for 20 SLOs (slo:default/down-00, slo:default/down-01, slo:default/down-02, slo:default/down-03, slo:default/down-04 and 15 more), which keep their last status, marked stale (${
          20 - askedDown.length
        } of them not queried after ${TRIP_AFTER} failures in a row); error of slo:default/down-00: Remote instance "main" did not answer`,
        'Data source Remote "mixed" failed for 4 SLOs (slo:default/mixed-0, slo:default/mixed-3, slo:default/mixed-6, slo:default/mixed-9), which keep their last status, marked stale; error of slo:default/mixed-0: Remote instance "main" did not answer',
      ]);
    },
  );
});

describe('SloEvaluator and SLOs leaving the catalog', () => {
  it.each(databases.eachSupportedId())(
    'removes most statuses only when two cycles in a row agree, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      let entities = Array.from({ length: 30 }, (_, i) =>
        sloEntity(`slo-${i}`, 'Local', 'store'),
      );
      // A catalog whose answer the test changes between cycles.
      const catalog = {
        getEntities: async (request?: { filter?: unknown }) => {
          const { kind } = (request?.filter ?? {}) as { kind?: string };
          return { items: kind === 'SLO' ? entities : [] };
        },
        getEntitiesByRefs: async (request: { entityRefs: string[] }) => ({
          items: request.entityRefs.map(() => undefined),
        }),
        getEntityByRef: async () => undefined,
      };
      const warnings: string[] = [];
      const store = new StatusStore(knex);
      const evaluator = new SloEvaluator({
        catalog: new SloCatalog(catalog, mockServices.auth()),
        store,
        sources: new Map([['Local', source('Local', () => false).sliSource]]),
        logger: mockServices.logger.mock({
          warn: (message: string) => void warnings.push(message),
        }),
        clock: () => NOW,
      });
      await evaluator.runCycle();
      expect((await store.overview()).slos).toBe(30);

      // The catalog suddenly lists 5: held once, marked stale.
      entities = entities.slice(0, 5);
      await evaluator.runCycle();
      expect(await store.overview()).toMatchObject({ slos: 30, stale: 25 });
      expect((await store.get('slo:default/slo-29'))?.error).toBe(
        `not in the catalog's answer of ${new Date(
          NOW,
        ).toISOString()}; kept until the next cycle confirms the removal`,
      );
      expect((await store.get('slo:default/slo-0'))?.stale).toBe(false);
      expect(warnings).toEqual([
        'The catalog no longer lists 25 SLOs; their statuses are kept, marked stale, until the next cycle confirms it',
      ]);

      // The next cycle agrees: removed.
      await evaluator.runCycle();
      expect(await store.overview()).toMatchObject({ slos: 5, stale: 0 });

      // A few leaving at a time go at once.
      entities = entities.slice(0, 4);
      await evaluator.runCycle();
      expect((await store.overview()).slos).toBe(4);
    },
  );
});
