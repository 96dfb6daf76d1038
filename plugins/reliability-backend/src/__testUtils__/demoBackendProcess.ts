import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root, from this file. */
export const repoRoot = path.resolve(__dirname, '../../../..');

/**
 * The demo backend (packages/backend) as a child process, the way
 * `backstage-cli package start` runs it but without its file watcher: a
 * whole Backstage backend with the real scheduler (whose global tasks lease
 * through the database), which `startTestBackend` replaces with a mock.
 * Node runs it with NODE_ENV=production: under `test`, Backstage's scheduler
 * starts no janitor, and a dead replica's lease would never be freed.
 */
export class DemoBackendProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;

  constructor(
    readonly options: { configFile: string; logFile: string; port: number },
  ) {}

  get base() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  start() {
    const backendDir = path.join(repoRoot, 'packages', 'backend');
    const transform = require.resolve(
      '@backstage/cli-node/config/nodeTransform.cjs',
      { paths: [backendDir, repoRoot] },
    );
    const log = fs.openSync(this.options.logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        transform,
        'src/index',
        '--config',
        this.options.configFile,
      ],
      {
        cwd: backendDir,
        // Its own process group, so that kill() ends it and its children.
        detached: true,
        stdio: ['ignore', log, log],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    fs.closeSync(log);
    this.exited = new Promise(resolve => child.once('exit', () => resolve()));
    this.child = child;
  }

  get running() {
    return Boolean(
      this.child && this.child.exitCode === null && !this.child.signalCode,
    );
  }

  /** Resolves once /.backstage/health/v1/readiness answers 200. */
  async waitUntilReady(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) {
        throw new Error(
          `the backend exited before it was ready:\n${this.logTail()}`,
        );
      }
      try {
        const res = await fetch(`${this.base}/.backstage/health/v1/readiness`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`the backend was not ready:\n${this.logTail()}`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  /** SIGKILL to the process group: a crash, no shutdown hooks. */
  async kill() {
    if (!this.child) return;
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000) {
    if (!this.child) return;
    if (this.running) {
      try {
        process.kill(-this.child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await this.kill();
  }

  logTail(lines = 30) {
    try {
      return fs
        .readFileSync(this.options.logFile, 'utf8')
        .split('\n')
        .slice(-lines)
        .join('\n');
    } catch {
      return '';
    }
  }
}
