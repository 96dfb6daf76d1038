// Shared by the bench scripts: progress logging, polling, starting the
// backend until it is ready, and reading the catalog's SLO state.

import path from 'node:path';
import { Backend, sleep } from './backend.mjs';

/** `[bench   12 s] message` on stderr, seconds since `started`. */
export function createLog(started = Date.now(), label = 'bench') {
  return message =>
    process.stderr.write(
      `[${label} ${String(Math.round((Date.now() - started) / 1000)).padStart(
        4,
      )} s] ${message}\n`,
    );
}

/**
 * Polls `check` until it answers `{done: true}`; fails after `timeoutMs`, or
 * as soon as `getBackend()` names a backend that has exited.
 */
export async function waitFor(
  what,
  check,
  timeoutMs,
  everyMs = 1000,
  getBackend = () => undefined,
) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    const backend = getBackend();
    if (backend && !backend.running) {
      throw new Error(`the backend exited while waiting for ${what}`);
    }
    try {
      last = await check();
      if (last?.done) return last;
    } catch (error) {
      last = { error: String(error) };
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    }
    await sleep(everyMs);
  }
}

export async function getJson(url, token) {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

/**
 * Starts packages/backend with `<tmp>/bench-config.yaml` (or another
 * backend: `entry`, `cwd` and `configFile`) and waits for its readiness.
 * `onStart(backend)` gets the backend before the wait, so that the caller
 * can stop it on failure. Resolves to the milliseconds to readiness.
 */
export async function startBackend({
  repoRoot,
  tmp,
  label,
  base,
  nodeEnv,
  extraNodeArgs = [],
  log,
  onStart,
  configFile = path.join(tmp, 'bench-config.yaml'),
  entry,
  cwd,
}) {
  const backend = new Backend({
    repoRoot,
    configFile,
    logFile: path.join(tmp, `backend-${label}.log`),
    nodeEnv,
    extraNodeArgs,
    entry,
    cwd,
  });
  onStart(backend);
  const t0 = Date.now();
  const pid = backend.start();
  log(`backend (${label}) started, pid ${pid}, log ${backend.logFile}`);
  await waitFor(
    'readiness',
    async () => ({
      done: (await fetch(`${base}/.backstage/health/v1/readiness`)).ok,
    }),
    180_000,
    1000,
    () => backend,
  );
  log(`backend (${label}) ready after ${Date.now() - t0} ms`);
  return Date.now() - t0;
}

/** SLO entities in the catalog, with their measures and ownedBy relations. */
export async function catalogSloState(base, token) {
  const items = await getJson(
    `${base}/api/catalog/entities?filter=kind=slo&fields=metadata.name,relations`,
    token,
  );
  const has = type =>
    items.filter(e => (e.relations ?? []).some(r => r.type === type)).length;
  return {
    slos: items.length,
    withMeasures: has('measures'),
    withOwner: has('ownedBy'),
  };
}

/** The machine the bench runs on. */
export function machineInfo(os) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Exits with 130 on SIGINT/SIGTERM, so that exit handlers clean up. */
export function exitOnSignals(log) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      log(`${signal}: stopping`);
      process.exit(130);
    });
  }
}

/**
 * Runs `main`, exits 0 when it succeeds; when it fails, logs the error and
 * the tail of the running backend's log, stops it and exits 1.
 */
export function runMain(main, { log, getBackend }) {
  main().then(
    () => {
      log('done');
      process.exit(0);
    },
    async error => {
      log(`failed: ${error?.stack ?? error}`);
      const backend = getBackend();
      if (backend) {
        log(`backend log tail:\n${backend.logTail()}`);
        await backend.stop(5000).catch(() => {});
      }
      process.exit(1);
    },
  );
}
