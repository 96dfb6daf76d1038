import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { knex as knexFactory, Knex } from 'knex';

/**
 * A database service that gives the reliability plugin `knex` (for example a
 * `TestDatabases` connection the test reads too) and every other plugin its
 * own in-memory SQLite database, as the default test backend does.
 */
export function reliabilityDatabaseFactory(knex: Knex) {
  return createServiceFactory({
    service: coreServices.database,
    deps: {
      pluginMetadata: coreServices.pluginMetadata,
      lifecycle: coreServices.lifecycle,
    },
    async factory({ pluginMetadata, lifecycle }) {
      if (pluginMetadata.getId() === 'reliability') {
        return { getClient: async () => knex };
      }
      const own = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: ':memory:' },
        useNullAsDefault: true,
        pool: {
          afterCreate: (connection: any, done: (error?: Error) => void) => {
            connection.pragma('foreign_keys = ON');
            done();
          },
        },
      });
      lifecycle.addShutdownHook(() => own.destroy());
      return { getClient: async () => own };
    },
  });
}

/** Tables of the plugin that fuzz tests compare; not knex's or the scheduler's. */
export async function pluginTables(knex: Knex): Promise<string[]> {
  const client = String(knex.client.config.client);
  const names: string[] = client.includes('sqlite')
    ? (
        await knex('sqlite_master')
          .where({ type: 'table' })
          .select<Array<{ name: string }>>('name')
      ).map(r => r.name)
    : (
        await knex('pg_tables')
          .whereRaw('schemaname = current_schema()')
          .select<Array<{ tablename: string }>>('tablename')
      ).map(r => r.tablename);
  return names
    .filter(
      name =>
        !name.startsWith('knex_') &&
        !name.startsWith('backstage_backend_tasks') &&
        !name.startsWith('sqlite_'),
    )
    .sort();
}

/**
 * Every row of `tables` as one comparable string: rows as JSON, sorted, so
 * that two snapshots are equal exactly when the stored state is.
 */
export async function snapshotTables(
  knex: Knex,
  tables: readonly string[],
): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await knex(table).select();
    parts.push(
      `${table}:${rows
        .map(row => JSON.stringify(row))
        .sort()
        .join('\n')}`,
    );
  }
  return parts.join('\n\n');
}
