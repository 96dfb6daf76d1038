import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL server of a test's own, for tests that restart or stop it:
 * the shared server of scripts/with-test-servers.mjs must not go down under
 * other tests. Unlike that one it keeps `synchronous_commit` on, so that an
 * immediate shutdown (a crash) loses no acknowledged commit.
 */
export interface ThrowawayPostgres {
  port: number;
  connection: {
    host: string;
    port: number;
    user: string;
    password: string;
  };
  /**
   * `pg_ctl restart -m <mode>`, without blocking the event loop (a backend
   * in the same process keeps answering); resolves once the server accepts
   * connections again.
   */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  stop(): void;
}

/** The folder holding initdb and pg_ctl, newest major first. */
export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], {
    encoding: 'utf8',
  });
  if (onPath.status === 0 && onPath.stdout.trim()) {
    candidates.push(path.dirname(fs.realpathSync(onPath.stdout.trim())));
  }
  const debianRoot = '/usr/lib/postgresql';
  if (fs.existsSync(debianRoot)) {
    for (const major of fs
      .readdirSync(debianRoot)
      .sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(debianRoot, major, 'bin'));
    }
  }
  return candidates.find(
    dir =>
      fs.existsSync(path.join(dir, 'initdb')) &&
      fs.existsSync(path.join(dir, 'pg_ctl')),
  );
}

/**
 * Whether a test that needs its own PostgreSQL may run: with `CI=true` the
 * binaries must exist (the test then fails loudly instead of skipping).
 */
export function postgresBinariesOrSkipReason(): {
  bin?: string;
  skipReason?: string;
} {
  const bin = findPostgresBin();
  if (bin) return { bin };
  if (process.env.CI === 'true') {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) not found, and CI=true requires them; install the postgresql package',
    );
  }
  return {
    skipReason:
      'PostgreSQL server binaries (initdb, pg_ctl) not found; install the postgresql package to run this test',
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts PostgreSQL in a temporary folder on a free loopback port. */
export async function startThrowawayPostgres(
  bin: string,
): Promise<ThrowawayPostgres> {
  // initdb refuses to run as root.
  const user = process.getuid?.() === 0 ? 'postgres' : undefined;
  const command = (file: string, args: string[]): [string, string[]] =>
    user ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
  const run = (file: string, args: string[]) =>
    execFileSync(...command(file, args), { stdio: 'pipe' });
  const runAsync = (file: string, args: string[]) =>
    new Promise<void>((resolve, reject) =>
      execFile(...command(file, args), error =>
        error ? reject(error) : resolve(),
      ),
    );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-pg-own-'));
  const dataDir = path.join(dir, 'data');
  const pwFile = path.join(dir, 'pwfile');
  const password = 'postgres';
  fs.writeFileSync(pwFile, `${password}\n`);
  if (user) execFileSync('chown', ['-R', user, dir]);
  run(path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--pwfile',
    pwFile,
    '--auth=md5',
    '--no-sync',
  ]);
  const port = await freePort();
  // fsync off is safe here (the OS keeps its cache through a server crash);
  // synchronous_commit stays on: a 2xx must mean the rows survive `-m
  // immediate`.
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  const pgCtlArgs = (args: string[]) => [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'server.log'),
    ...args,
  ];
  const pgCtl = (args: string[]) =>
    run(path.join(bin, 'pg_ctl'), pgCtlArgs(args));
  pgCtl(['-o', options, '-w', 'start']);

  let stopped = false;
  return {
    port,
    connection: { host: '127.0.0.1', port, user: 'postgres', password },
    restart: mode =>
      runAsync(
        path.join(bin, 'pg_ctl'),
        pgCtlArgs(['-o', options, '-m', mode, '-w', '-t', '60', 'restart']),
      ),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgCtl(['-m', 'immediate', '-w', 'stop']);
      } catch {
        // already down
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
