// Starts and stops the demo backend (packages/backend) from source, the way
// `backstage-cli package start` runs it, but without its file watcher: other
// edits to the repository must not restart the backend mid-benchmark.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));

export class Backend {
  /**
   * `entry` and `cwd` default to packages/backend's `src/index`; another
   * backend (bench/tech-insights) passes its own.
   */
  constructor({
    repoRoot,
    configFile,
    logFile,
    nodeEnv,
    extraNodeArgs = [],
    entry = 'src/index',
    cwd = path.join(repoRoot, 'packages', 'backend'),
  }) {
    this.repoRoot = repoRoot;
    this.configFile = configFile;
    this.logFile = logFile;
    this.nodeEnv = nodeEnv;
    this.extraNodeArgs = extraNodeArgs;
    this.entry = entry;
    this.cwd = cwd;
    this.child = undefined;
  }

  start() {
    const backendDir = path.join(this.repoRoot, 'packages', 'backend');
    const transform = require.resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
      { paths: [backendDir, this.repoRoot] },
    );
    const log = fs.openSync(this.logFile, 'a');
    this.child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        transform,
        ...this.extraNodeArgs,
        this.entry,
        '--config',
        this.configFile,
      ],
      {
        cwd: this.cwd,
        // Its own process group, so that stop() ends it and its children.
        detached: true,
        stdio: ['ignore', log, log],
        env: { ...process.env, NODE_ENV: this.nodeEnv },
      },
    );
    fs.closeSync(log);
    this.exited = new Promise(resolve =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return this.child.pid;
  }

  get running() {
    return Boolean(
      this.child && this.child.exitCode === null && !this.child.signalCode,
    );
  }

  /** SIGTERM to the process group, SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000) {
    if (!this.child) return;
    const pid = this.child.pid;
    const signalGroup = signal => {
      try {
        process.kill(-pid, signal);
      } catch {
        // already gone
      }
    };
    if (this.running) {
      signalGroup('SIGTERM');
      const timedOut = await Promise.race([
        this.exited.then(() => false),
        sleep(graceMs).then(() => true),
      ]);
      if (timedOut) signalGroup('SIGKILL');
      await this.exited;
    }
    // Anything the backend spawned that outlived it.
    signalGroup('SIGKILL');
    this.child = undefined;
  }

  /** Synchronous last resort, for exit handlers. */
  killNow() {
    if (this.child) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  logTail(lines = 40) {
    try {
      return fs
        .readFileSync(this.logFile, 'utf8')
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '';
    }
  }
}
