import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

// scripts/with-test-servers.mjs starts a throwaway PostgreSQL and names its
// TestDatabases id here; SQLite always runs.
const postgresId = process.env.RELIABILITY_TEST_POSTGRES_ID as
  | TestDatabaseId
  | undefined;
TestDatabases.setDefaults({
  ids: postgresId ? [postgresId, 'SQLITE_3'] : ['SQLITE_3'],
});

// Backends start real catalogs and databases in hooks; on a busy 2-core
// machine that can take longer than the 5 s default. Speed is measured in
// benchmarks, not here.
jest.setTimeout(60_000);
