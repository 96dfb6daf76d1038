// Throwaway Prometheus servers for tests and benchmarks: finds the
// `prometheus` and `promtool` binaries (Debian package `prometheus`), backfills
// OpenMetrics files into a data folder with promtool and starts Prometheus on
// a free loopback port.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort.mjs';

function which(name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], {
    encoding: 'utf8',
  });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/**
 * Where the binaries are: `{ ok: true, prometheus, promtool }`, or
 * `{ ok: false, reason }` naming what is missing and how to install it.
 */
export function findPrometheus() {
  const prometheus = process.env.PROMETHEUS_BIN || which('prometheus');
  const promtool = process.env.PROMTOOL_BIN || which('promtool');
  const missing = [
    prometheus ? undefined : 'prometheus',
    promtool ? undefined : 'promtool',
  ].filter(Boolean);
  if (missing.length) {
    return {
      ok: false,
      reason: `${missing.join(
        ' and ',
      )} not found on PATH; install the Debian package prometheus (apt-get install prometheus)`,
    };
  }
  return { ok: true, prometheus, promtool };
}

function binaries() {
  const found = findPrometheus();
  if (!found.ok) throw new Error(found.reason);
  return found;
}

/**
 * Backfills an OpenMetrics file (ending in `# EOF`) into `dataDir` with
 * `promtool tsdb create-blocks-from openmetrics`, in blocks of up to 30 days.
 */
export function backfillOpenMetrics(file, dataDir) {
  const { promtool } = binaries();
  fs.mkdirSync(dataDir, { recursive: true });
  execFileSync(
    promtool,
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

/** Checks a rule file with `promtool check rules`; throws with its output. */
export function checkRules(file) {
  const { promtool } = binaries();
  const run = spawnSync(promtool, ['check', 'rules', file], {
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`promtool check rules failed:\n${run.stdout}${run.stderr}`);
  }
  return run.stdout;
}

async function waitReady(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `prometheus exited with ${child.exitCode}: ${fs
          .readFileSync(logFile, 'utf8')
          .slice(-2000)}`,
      );
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`prometheus did not become ready within ${timeoutMs} ms`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

/**
 * Starts Prometheus on a free loopback port with `dataDir` as its TSDB and
 * resolves to `{ url, port, stop() }` once it is ready.
 *
 * Options: `dataDir` (required), `rulesFile` (loaded as `rule_files`),
 * `retention` (default `3650d`, so backfilled history is kept),
 * `evaluationInterval` (default `15s`), `outOfOrderWindow` (accept rule
 * results older than backfilled blocks; default `1d`), `scrapeConfigs`
 * (Prometheus `scrape_configs` entries as objects, written as JSON, which is
 * YAML too).
 */
export async function startPrometheus({
  dataDir,
  rulesFile,
  retention = '3650d',
  evaluationInterval = '15s',
  outOfOrderWindow = '1d',
  scrapeConfigs,
  port,
}) {
  const { prometheus } = binaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-prom-'));
  const configFile = path.join(dir, 'prometheus.yml');
  const lines = [
    'global:',
    `  evaluation_interval: ${evaluationInterval}`,
    'storage:',
    '  tsdb:',
    `    out_of_order_time_window: ${outOfOrderWindow}`,
  ];
  if (rulesFile) lines.push('rule_files:', `  - ${JSON.stringify(rulesFile)}`);
  if (scrapeConfigs?.length) {
    lines.push(`scrape_configs: ${JSON.stringify(scrapeConfigs)}`);
  }
  fs.writeFileSync(configFile, `${lines.join('\n')}\n`);
  const listenPort = port ?? (await freePort());
  const logFile = path.join(dir, 'prometheus.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    prometheus,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--storage.tsdb.retention.time=${retention}`,
      `--web.listen-address=127.0.0.1:${listenPort}`,
      '--web.enable-lifecycle',
    ],
    { stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${listenPort}`;
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
  try {
    await waitReady(url, child, logFile, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port: listenPort, logFile, stop };
}
