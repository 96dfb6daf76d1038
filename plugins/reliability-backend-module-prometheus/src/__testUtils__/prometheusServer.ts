// Spawns the prometheus and promtool binaries for integration tests (the
// TypeScript twin of scripts/lib/prometheus.mjs).
import {
  ChildProcess,
  execFileSync,
  spawn,
  spawnSync,
} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type PrometheusBinaries =
  | { ok: true; prometheus: string; promtool: string }
  | { ok: false; reason: string };

function which(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], {
    encoding: 'utf8',
  });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

export function findPrometheus(): PrometheusBinaries {
  const prometheus = process.env.PROMETHEUS_BIN || which('prometheus');
  const promtool = process.env.PROMTOOL_BIN || which('promtool');
  if (!prometheus || !promtool) {
    const missing = [!prometheus && 'prometheus', !promtool && 'promtool']
      .filter(Boolean)
      .join(' and ');
    return {
      ok: false,
      reason: `${missing} not found on PATH; install the Debian package prometheus (apt-get install prometheus)`,
    };
  }
  return { ok: true, prometheus, promtool };
}

function binaries() {
  const found = findPrometheus();
  if (!found.ok) throw new Error(found.reason);
  return found;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `promtool tsdb create-blocks-from openmetrics <file> <dataDir>`. */
export function backfillOpenMetrics(file: string, dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  execFileSync(
    binaries().promtool,
    [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--max-block-duration=720h',
      file,
      dataDir,
    ],
    { stdio: 'pipe' },
  );
}

/** `promtool check rules <file>`: its output, or throws with it. */
export function checkRules(file: string): string {
  const run = spawnSync(binaries().promtool, ['check', 'rules', file], {
    encoding: 'utf8',
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0)
    throw new Error(`promtool check rules failed:\n${output}`);
  return output;
}

export interface RunningPrometheus {
  url: string;
  /** Sends a signal: SIGSTOP hangs the server, SIGCONT resumes it. */
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

/** Starts Prometheus on a loopback port and waits until it is ready. */
export async function startPrometheus(options: {
  dataDir: string;
  port: number;
  rulesFile?: string;
  evaluationInterval?: string;
}): Promise<RunningPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-prom-'));
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    configFile,
    [
      'global:',
      `  evaluation_interval: ${options.evaluationInterval ?? '15s'}`,
      // Rule results may be older than backfilled blocks reaching ahead.
      'storage:',
      '  tsdb:',
      '    out_of_order_time_window: 1d',
      ...(options.rulesFile
        ? ['rule_files:', `  - ${JSON.stringify(options.rulesFile)}`]
        : []),
      '',
    ].join('\n'),
  );
  const logFile = path.join(dir, 'prometheus.log');
  const log = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    binaries().prometheus,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${options.dataDir}`,
      '--storage.tsdb.retention.time=3650d',
      `--web.listen-address=127.0.0.1:${options.port}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${options.port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null) {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    fs.closeSync(log);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      const text = fs.readFileSync(logFile, 'utf8').slice(-2000);
      await stop();
      throw new Error(`prometheus exited with ${child.exitCode}: ${text}`);
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('prometheus did not become ready within 30 s');
    }
    await new Promise(r => setTimeout(r, 100));
  }
  return { url, signal: sig => child.kill(sig), stop };
}

/** An instant query's first value, or undefined for an empty answer. */
export async function instantValue(
  url: string,
  query: string,
  time?: number,
): Promise<number | undefined> {
  const params = new URLSearchParams({ query });
  if (time !== undefined) params.set('time', String(time / 1000));
  const res = await fetch(`${url}/api/v1/query?${params}`);
  const body = await res.json();
  if (body.status !== 'success') throw new Error(JSON.stringify(body));
  const first = body.data.result[0];
  return first ? Number(first.value[1]) : undefined;
}
