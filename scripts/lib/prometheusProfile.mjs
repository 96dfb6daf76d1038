// The Prometheus demo profile: `node scripts/bootstrap.mjs start:prometheus`.
// Starts a local Prometheus backfilled with the demo history of the SLOs in
// catalog/prometheus/, fed live by a small exporter, then the portal with
// app-config.prometheus.yaml pointing at it; stops them when the portal
// stops (Ctrl-C). See docs/prometheus.md, "Demo profile".

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { freePort, portIsFree } from './freePort.mjs';
import {
  backfillOpenMetrics,
  findPrometheus,
  startPrometheus,
} from './prometheus.mjs';

/** Port Prometheus listens on when it is free; else any free port. */
export const PREFERRED_PORT = 9090;

/**
 * Throws, naming the package to install, when prometheus or promtool is not
 * installed. Cheap: run it before anything slow.
 */
export function requirePrometheus() {
  const found = findPrometheus();
  if (!found.ok) {
    throw new Error(
      `the Prometheus demo profile cannot start: ${found.reason}`,
    );
  }
  return found;
}

/**
 * Runs the profile's data generator (packages/backend/src/demo/prometheus/
 * feed.ts) with the Backstage CLI's TypeScript transform. Resolves once it
 * has written the history file, with the child and its next messages.
 */
async function startFeed({ root, nodeBin, env, historyFile, port }) {
  const args = [
    '--require',
    path.join(
      root,
      'node_modules/@backstage/cli-node/config/nodeTransform.cjs',
    ),
    'src/demo/prometheus/feed.ts',
    '--out',
    historyFile,
  ];
  if (port) args.push('--port', String(port));
  const child = spawn(nodeBin, args, {
    cwd: path.join(root, 'packages', 'backend'),
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const messages = [];
  const waiting = [];
  readline.createInterface({ input: child.stdout }).on('line', line => {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      process.stderr.write(`${line}\n`);
      return;
    }
    messages.push(message);
    for (const w of waiting.splice(0)) w();
  });
  const exited = new Promise(resolve => child.once('exit', resolve));
  /** The first message with `key`, or an error when the child exits first. */
  const next = async key => {
    for (;;) {
      const found = messages.find(m => key in m);
      if (found) return found;
      const code = await Promise.race([
        exited,
        new Promise(resolve => waiting.push(() => resolve(undefined))),
      ]);
      if (code !== undefined && !messages.some(m => key in m)) {
        throw new Error(`the demo data generator exited with ${code}`);
      }
    }
  };
  const history = await next('history');
  return { child, history, next };
}

/** The pid in `file` when that process still runs, else undefined. */
function runningPid(file) {
  let pid;
  try {
    pid = Number(fs.readFileSync(file, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) {
    return undefined;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return error.code === 'EPERM' ? pid : undefined;
  }
}

function stopChild(child) {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
  }
}

/**
 * Starts the profile and resolves to the portal's exit code when it stops.
 *
 * @param {object} options
 * @param {string} options.root repository root
 * @param {string} options.nodeBin Node to run the generator and Yarn with
 * @param {string} options.yarnRelease the checked-in Yarn release
 * @param {NodeJS.ProcessEnv} options.env environment for Node and Yarn
 * @param {string[]} options.args extra arguments: `--no-live` skips the live
 *   feed; the rest go to `yarn start`
 * @param {(message: string) => void} options.log progress messages
 */
export async function startPrometheusProfile({
  root,
  nodeBin,
  yarnRelease,
  env,
  args = [],
  log,
}) {
  requirePrometheus();
  const live = !args.includes('--no-live');
  const startArgs = args.filter(arg => arg !== '--no-live');
  const demoDir = path.join(root, '.demo', 'prometheus');
  const dataDir = path.join(demoDir, 'data');
  const historyFile = path.join(demoDir, 'history.om');
  const pidFile = path.join(demoDir, 'profile.pid');
  fs.mkdirSync(demoDir, { recursive: true });
  const other = runningPid(pidFile);
  if (other) {
    throw new Error(
      `another start:prometheus (pid ${other}) uses ${path.relative(
        root,
        demoDir,
      )}; stop it first`,
    );
  }
  fs.writeFileSync(pidFile, `${process.pid}\n`);

  const cleanups = [];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        log(`stopping: ${error.message}`);
      }
    }
  };
  cleanups.push(() => fs.rmSync(pidFile, { force: true }));
  try {
    // A fresh story on every start, anchored now, as the built-in demo's.
    fs.rmSync(dataDir, { recursive: true, force: true });
    log('writing the demo history of the Prometheus-backed SLOs');
    const feedPort = live ? await freePort() : undefined;
    const feed = await startFeed({
      root,
      nodeBin,
      env,
      historyFile,
      port: feedPort,
    });
    cleanups.push(() => stopChild(feed.child));
    const { history } = feed;
    log(
      `${history.samples} samples of ${history.series} series for ${history.slos.length} SLOs up to ${history.anchor}; backfilling with promtool`,
    );
    backfillOpenMetrics(historyFile, dataDir);
    fs.rmSync(historyFile, { force: true });
    const scrapeConfigs = [];
    if (live) {
      const { listening } = await feed.next('listening');
      log(`live feed at ${listening}`);
      scrapeConfigs.push({
        job_name: 'acme-shop-demo',
        scrape_interval: '15s',
        static_configs: [{ targets: [`127.0.0.1:${feedPort}`] }],
        // The backfilled series have no job and instance labels: drop them,
        // so that scraped samples continue the same series.
        metric_relabel_configs: [
          { action: 'labeldrop', regex: 'job|instance' },
        ],
      });
    }
    const prometheus = await startPrometheus({
      dataDir,
      port: (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : undefined,
      scrapeConfigs,
    });
    cleanups.push(() => prometheus.stop());
    log(
      `Prometheus at ${prometheus.url} (data in ${path.relative(
        root,
        dataDir,
      )}); starting the portal with app-config.prometheus.yaml`,
    );

    // Its own process group, so that one signal stops all of it once.
    const portal = spawn(
      nodeBin,
      [
        yarnRelease,
        'start',
        // Absolute: each package resolves them from its own folder.
        '--config',
        path.join(root, 'app-config.yaml'),
        '--config',
        path.join(root, 'app-config.prometheus.yaml'),
        ...startArgs,
      ],
      {
        cwd: root,
        env: { ...env, RELIABILITY_DEMO_PROMETHEUS_URL: prometheus.url },
        stdio: ['ignore', 'inherit', 'inherit'],
        detached: true,
      },
    );
    const portalExit = new Promise(resolve =>
      portal.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
    );
    let stopping = false;
    const onSignal = signal => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping the portal, then Prometheus`);
      try {
        process.kill(-portal.pid, signal);
      } catch {
        // already gone
      }
      setTimeout(() => {
        try {
          process.kill(-portal.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 30_000).unref();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const code = await portalExit;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // The group may outlive yarn (e.g. the backend after a crash of yarn).
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    return code;
  } finally {
    await cleanUp();
  }
}
