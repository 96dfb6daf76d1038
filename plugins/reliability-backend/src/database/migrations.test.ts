import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIRECTORY } from './migrations';

const databases = TestDatabases.create();

describe('migrations', () => {
  it.each(databases.eachSupportedId())(
    'go up and down on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = { directory: MIGRATIONS_DIRECTORY };

      await knex.migrate.latest(config);
      await knex('sli_minute_buckets').insert({
        slo_ref: 'slo:default/a',
        objective: 0,
        bucket_start: 1_790_000_000_000,
        good: 99,
        total: 100,
      });
      const [row] = await knex('sli_minute_buckets').select();
      expect(Number(row.bucket_start)).toBe(1_790_000_000_000);
      expect(Number(row.good)).toBe(99);

      await knex('deployments').insert({
        id: 'run-1',
        entity_ref: 'component:default/a',
        environment: 'production',
        status: 'succeeded',
        started_at: 1_790_000_000_000,
        updated_at: 1_790_000_000_000,
        deployed_at: 1_790_000_000_000,
      });
      expect(await knex('deployments').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);

      await knex('scorecard_results').insert({
        scorecard_id: 'production-readiness',
        entity_ref: 'component:default/a',
        level_index: 1,
        passed: 6,
        applicable: 7,
        checks: '[]',
        evaluated_at: 1_790_000_000_000,
        fingerprint: 'abc',
      });
      await knex('scorecard_runs').insert({
        scorecard_id: 'production-readiness',
        evaluated_at: 1_790_000_000_000,
      });
      await knex('scorecard_snapshots').insert({
        scorecard_id: 'production-readiness',
        entity_ref: 'component:default/a',
        day: '2026-11-24',
        level_index: 1,
        passed: 6,
        applicable: 7,
      });

      // One step down removes only the newest migration, and keeps the
      // results it added columns to.
      await knex.migrate.down(config);
      expect(await knex.schema.hasTable('scorecard_runs')).toBe(false);
      expect(
        await knex.schema.hasColumn('scorecard_results', 'fingerprint'),
      ).toBe(false);
      const [result] = await knex('scorecard_results').select();
      expect(result).toMatchObject({ entity_ref: 'component:default/a' });
      expect(result).not.toHaveProperty('fingerprint');

      await knex.migrate.down(config);
      expect(await knex.schema.hasTable('scorecard_results')).toBe(false);
      expect(await knex.schema.hasTable('scorecard_snapshots')).toBe(false);
      expect(await knex.schema.hasTable('deployments')).toBe(true);
      const [kept] = await knex('deployments').select('id');
      expect(kept.id).toBe('run-1');

      await knex.migrate.down(config);
      expect(await knex.schema.hasTable('deployments')).toBe(false);
      expect(await knex.schema.hasTable('slo_status')).toBe(true);

      await knex.migrate.rollback(config, true);
      expect(await knex.schema.hasTable('sli_minute_buckets')).toBe(false);
      expect(await knex.schema.hasTable('slo_status')).toBe(false);

      await knex.migrate.latest(config);
      expect(await knex.schema.hasTable('slo_history')).toBe(true);
      expect(await knex.schema.hasTable('deployments')).toBe(true);
      expect(await knex.schema.hasTable('scorecard_snapshots')).toBe(true);
      expect(await knex.schema.hasTable('scorecard_runs')).toBe(true);
    },
  );
});
