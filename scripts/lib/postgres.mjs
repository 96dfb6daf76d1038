// Starts a throwaway PostgreSQL server for tests: initdb and pg_ctl in a
// temporary folder, on a free loopback port, as the postgres user when run as
// root (initdb refuses to run as root).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort.mjs';

/** Finds the directory holding initdb and pg_ctl, newest major first. */
export function findPostgresBin() {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], {
    encoding: 'utf8',
  });
  const candidates = [];
  if (onPath.status === 0) {
    candidates.push(path.dirname(fs.realpathSync(onPath.stdout.trim())));
  }
  const debianRoot = '/usr/lib/postgresql';
  if (fs.existsSync(debianRoot)) {
    for (const major of fs.readdirSync(debianRoot).sort((a, b) => b - a)) {
      candidates.push(path.join(debianRoot, major, 'bin'));
    }
  }
  return candidates.find(
    dir =>
      fs.existsSync(path.join(dir, 'initdb')) &&
      fs.existsSync(path.join(dir, 'pg_ctl')),
  );
}

function runAs(user, file, args) {
  if (!user) return execFileSync(file, args, { stdio: 'pipe' });
  return execFileSync('runuser', ['-u', user, '--', file, ...args], {
    stdio: 'pipe',
  });
}

/**
 * Starts PostgreSQL and resolves to its connection details; `stop()` shuts it
 * down and removes its data.
 */
export async function startPostgres() {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found; install the postgresql package',
    );
  }
  const version = execFileSync(path.join(bin, 'pg_ctl'), ['--version'], {
    encoding: 'utf8',
  });
  const major = Number(version.match(/(\d+)(\.\d+)?/)[1]);
  const isRoot = process.getuid?.() === 0;
  const user = isRoot ? 'postgres' : undefined;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-pg-'));
  const dataDir = path.join(dir, 'data');
  if (isRoot) execFileSync('chown', ['postgres', dir]);
  const port = await freePort();
  const superuser = 'postgres';
  const password = 'postgres';
  const pwFile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwFile, `${password}\n`);
  if (isRoot) execFileSync('chown', ['postgres', pwFile]);

  runAs(user, path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    superuser,
    '--pwfile',
    pwFile,
    '--auth=md5',
    '--no-sync',
  ]);
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  runAs(user, path.join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-o',
    options,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    'start',
  ]);

  let stopped = false;
  return {
    major,
    port,
    connectionString: `postgresql://${superuser}:${password}@127.0.0.1:${port}`,
    logFile: path.join(dir, 'server.log'),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runAs(user, path.join(bin, 'pg_ctl'), [
          '-D',
          dataDir,
          '-m',
          'immediate',
          '-w',
          'stop',
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
