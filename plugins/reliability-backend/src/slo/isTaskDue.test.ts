import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { isTaskDue } from './isTaskDue';

const databases = TestDatabases.create();

/** A time on the database's clock, `seconds` from now. */
function fromNow(knex: Knex, seconds: number) {
  return knex.client.config.client === 'pg'
    ? knex.raw('now() + make_interval(secs => ?)', [seconds])
    : knex.raw(`datetime('now', ?)`, [`${seconds} seconds`]);
}

describe('isTaskDue', () => {
  it.each(databases.eachSupportedId())(
    'tells a claim made on time from a late second claim on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // No table (another scheduler, the test backend's mock): run.
      expect(await isTaskDue(knex, 'evaluate')).toBe(true);

      // The columns of Backstage's table that matter here (its migration
      // 20210928160613_init in @backstage/backend-defaults).
      await knex.schema.createTable('backstage_backend_tasks__tasks', t => {
        t.text('id').primary();
        t.dateTime('next_run_start_at').nullable();
        t.text('current_run_ticket').nullable();
      });
      await knex('backstage_backend_tasks__tasks').insert([
        { id: 'on-time', next_run_start_at: fromNow(knex, -2) },
        // Moved on by the run that just ended on another replica.
        { id: 'late-claim', next_run_start_at: fromNow(knex, 290) },
        { id: 'manual', next_run_start_at: null },
      ]);

      expect(await isTaskDue(knex, 'on-time')).toBe(true);
      expect(await isTaskDue(knex, 'late-claim')).toBe(false);
      expect(await isTaskDue(knex, 'manual')).toBe(true);
      expect(await isTaskDue(knex, 'unknown')).toBe(true);
    },
  );
});
