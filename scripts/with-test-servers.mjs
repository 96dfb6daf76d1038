#!/usr/bin/env node
// Runs a command with throwaway test servers started around it:
//
//   node scripts/with-test-servers.mjs -- <command> [args…]
//
// PostgreSQL: exports BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING,
// which TestDatabases from @backstage/backend-test-utils reads, so database
// tests run on both SQLite and PostgreSQL. When CI=true a server that cannot
// start fails the run; elsewhere the tests run on SQLite only and say why.
//
// Prometheus: exports RELIABILITY_TEST_PROMETHEUS=1 when the prometheus and
// promtool binaries are installed. When CI=true missing binaries fail the run;
// elsewhere the Prometheus tests skip and say why.

import { spawn } from 'node:child_process';
import { startPostgres } from './lib/postgres.mjs';
import { findPrometheus } from './lib/prometheus.mjs';

const separator = process.argv.indexOf('--');
const [command, ...args] =
  separator >= 0 ? process.argv.slice(separator + 1) : [];
if (!command) {
  console.error('usage: with-test-servers.mjs -- <command> [args…]');
  process.exit(2);
}

const inCi = process.env.CI === 'true';
const env = {
  ...process.env,
  // TestDatabases would otherwise try Docker in CI; servers come from here.
  BACKSTAGE_TEST_DISABLE_DOCKER: '1',
};
const servers = [];

try {
  const pg = await startPostgres();
  servers.push(pg);
  env[`BACKSTAGE_TEST_DATABASE_POSTGRES${pg.major}_CONNECTION_STRING`] =
    pg.connectionString;
  env.RELIABILITY_TEST_POSTGRES_ID = `POSTGRES_${pg.major}`;
  console.error(
    `[test-servers] PostgreSQL ${pg.major} on 127.0.0.1:${pg.port}`,
  );
} catch (error) {
  const reason = error.stderr?.toString().trim() || error.message;
  if (inCi) {
    console.error(`[test-servers] PostgreSQL could not start: ${reason}`);
    process.exit(1);
  }
  console.error(
    `[test-servers] skipping PostgreSQL tests, the server could not start: ${reason}`,
  );
}

// Prometheus: tests start their own server (each needs its own backfilled
// data); here we only check that the binaries exist.
const prometheus = findPrometheus();
if (prometheus.ok) {
  env.RELIABILITY_TEST_PROMETHEUS = '1';
  console.error(`[test-servers] Prometheus: ${prometheus.prometheus}`);
} else if (inCi) {
  console.error(`[test-servers] ${prometheus.reason}`);
  process.exit(1);
} else {
  console.error(
    `[test-servers] skipping Prometheus tests: ${prometheus.reason}`,
  );
}

function stopAll() {
  for (const server of servers.splice(0)) {
    try {
      server.stop();
    } catch (error) {
      console.error(`[test-servers] stop failed: ${error.message}`);
    }
  }
}

const child = spawn(command, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  stopAll();
  process.exit(code ?? (signal ? 1 : 0));
});
