import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@reliability-kit/plugin-reliability-backend',
  'migrations',
);

/** Opens the plugin's database and brings its schema up to date. */
export async function connectDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({ directory: migrationsDir });
  }
  return knex;
}

/** For tests: the migrations folder of this package. */
export const MIGRATIONS_DIRECTORY = migrationsDir;
