import { Knex } from 'knex';

/** Backstage's table of global tasks, in each plugin's own database. */
const TASKS_TABLE = 'backstage_backend_tasks__tasks';

/**
 * Whether a run of a global scheduled task that this replica has just
 * claimed was still due when claimed.
 *
 * Backstage's scheduler (backend-defaults 0.18) polls for due tasks, then
 * claims one with `current_run_ticket IS NULL` alone, without checking
 * `next_run_start_at` again. A replica that saw the task due and then stalled
 * for longer than another replica's whole run claims it right after that run
 * released it, and the cycle runs twice. A claim made on time finds
 * `next_run_start_at` in the past (it only moves forward when a run ends); a
 * late one finds it already moved to the next cycle.
 *
 * Reads the scheduler's own table, which is not a public API: when it cannot
 * (another scheduler, a schema change), it answers true and the run goes on.
 */
export async function isTaskDue(knex: Knex, taskId: string): Promise<boolean> {
  try {
    const row = await knex(TASKS_TABLE)
      .where({ id: taskId })
      .first({
        // The same test as the scheduler's poll, on the database's clock.
        due: knex.raw(
          'CASE WHEN next_run_start_at IS NULL OR next_run_start_at <= ? THEN 1 ELSE 0 END',
          [knex.fn.now()],
        ),
      });
    return row ? Number(row.due) === 1 : true;
  } catch {
    return true;
  }
}
