#!/usr/bin/env node
// Benchmark of issue 8, "Speed, side by side": the production-readiness
// scorecard of Backstage Reliability against Tech Insights on the same
// 10,000 components, on the same machine, in the same run. From the
// repository root:
//
//   node scripts/bootstrap.mjs yarn bench:scorecards > scorecards.json
//
// Phases (each backend runs alone while it is timed):
//   1. generate the catalog (generate.mjs);
//   2. ingest it once with a catalog-only backend (tiBackend.mjs without
//      retrievers) on a RAM disk (setup, not timed), then copy its
//      catalog.sqlite to both backends' directories on disk, so that both
//      serve the very same catalog. The ingested catalog is kept in
//      <tmpdir>/reliability-scorecards-bench and reused while the catalog
//      files, the catalog backend and the OpenSLO module stay the same;
//   3. the Tech Insights backend (tiBackend.mjs, SQLite on disk): its fact
//      retrievers run once, 45 s after start (timed from its log), then
//      POST /api/tech-insights/checks/run for the 10,000 components;
//   4. the demo backend (packages/backend, SQLite on disk): SLI events,
//      one SLO evaluation, deployments, then
//      POST /api/reliability/v1/scorecards/evaluations, timed.
//
// Prints one JSON document to stdout, progress and a table to stderr.
// Knobs (environment): BENCH_COMPONENTS (10000), BENCH_SCORECARD_RUNS (6),
// BENCH_TI_CHECK_RUNS (2), BENCH_NODE_ENV (production), BENCH_CPU_PROF (1:
// profile our backend during the scorecard runs), BENCH_CATALOG_CACHE (0:
// ingest the catalog again), BENCH_KEEP (1: keep the temp dir),
// BENCH_OURS_ONLY (1: skip Tech Insights). See
// docs/benchmarks.md.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire, SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
// The reliability backend's bench helpers: starting a backend from source,
// polling, logging, SLI batches.
/* eslint-disable @backstage/no-relative-monorepo-imports */
import {
  freePort,
  sleep,
} from '../../plugins/reliability-backend/bench/backend.mjs';
import { sloProfiles } from '../../plugins/reliability-backend/bench/bulkLoad.mjs';
import { writeConfig } from '../../plugins/reliability-backend/bench/fixtures.mjs';
import {
  createLog,
  exitOnSignals,
  getJson,
  machineInfo,
  runMain,
  startBackend,
  waitFor,
} from '../../plugins/reliability-backend/bench/harness.mjs';
import {
  buildBatches,
  ingest,
  runEvaluation,
} from '../../plugins/reliability-backend/bench/measure.mjs';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import { generateCatalog } from './generate.mjs';
import {
  techInsightsConfig,
  TI_CHECKS,
  TI_RETRIEVERS,
  TI_UNUSED_RETRIEVERS,
} from './tiChecks.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const MINUTE = 60_000;
const env = process.env;
const settings = {
  components: Number(env.BENCH_COMPONENTS ?? 10_000),
  scorecardRuns: Number(env.BENCH_SCORECARD_RUNS ?? 6),
  tiCheckRuns: Number(env.BENCH_TI_CHECK_RUNS ?? 2),
  sliMinutes: 60,
  deploymentBatch: 1_000,
  // Tech Insights' timed retrievers start this long after it starts, once
  // the backend is up and idle; the TechDocs one (no check reads it) 5 s
  // after start, out of the way.
  tiRetrieverDelaySeconds: 45,
  nodeEnv: env.BENCH_NODE_ENV ?? 'production',
  cpuProfile: env.BENCH_CPU_PROF === '1',
  // While working on our side: skip Tech Insights (no ratio printed).
  oursOnly: env.BENCH_OURS_ONLY === '1',
};
const TARGETS = { ourEvaluationMs: 5_000, ratio: 20 };
/** Component refs per checks/run request (its JSON body limit is 100 KB). */
const TI_CHUNK = 2_500;
const SCORECARD_ID = 'production-readiness';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const benchDir = path.join(repoRoot, 'bench', 'tech-insights');
const started = Date.now();
const log = createLog(started, 'bench:scorecards');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-scorecards-'));
// The ingest only: a RAM disk when there is one, since the catalog's
// first ingestion of 18,000 entities waits on fsync most of the time.
const ramRoot = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const ingestDir = fs.mkdtempSync(path.join(ramRoot, 'reliability-ingest-'));
let backend;

process.on('exit', () => {
  backend?.killNow();
  fs.rmSync(ingestDir, { recursive: true, force: true });
  if (env.BENCH_KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
});
exitOnSignals(log);

const round = (value, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Resident and peak memory of a process, from /proc (Linux). */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = key =>
      Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1]);
    return {
      rssMiB: round(kb('VmRSS') / 1024),
      peakRssMiB: round(kb('VmHWM') / 1024),
    };
  } catch {
    return undefined;
  }
}

/**
 * Collects the lines a backend writes to its log, each stamped with the
 * time the bench saw it (polled every 20 ms).
 */
function watchLog(file) {
  let offset = 0;
  let rest = '';
  const lines = [];
  const poll = () => {
    let size;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size <= offset) return;
    const at = performance.now();
    const buffer = Buffer.alloc(size - offset);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, buffer, 0, buffer.length, offset);
    fs.closeSync(fd);
    offset = size;
    const parts = (rest + buffer.toString('utf8')).split('\n');
    rest = parts.pop();
    for (const text of parts) {
      let message = text;
      try {
        message = JSON.parse(text).message ?? text;
      } catch {
        // not JSON
      }
      lines.push({ at, message });
    }
  };
  const timer = setInterval(poll, 20);
  return {
    lines,
    stop() {
      poll();
      clearInterval(timer);
    },
  };
}

function baseConfig({ port, token, dbDir, catalogFile }) {
  return {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
      database: { client: 'better-sqlite3', connection: { directory: dbDir } },
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'scorecards-bench' } },
        ],
      },
    },
    catalog: catalogConfig(catalogFile),
  };
}

/**
 * The same catalog settings for every backend. Processing every 6 hours:
 * entities are processed once during the ingest and not again while the
 * bench times anything.
 */
function catalogConfig(catalogFile) {
  return {
    processingInterval: { hours: 6 },
    rules: [
      {
        allow: [
          'Component',
          'System',
          'Domain',
          'Group',
          'User',
          'Location',
          'SLO',
          'SLI',
        ],
      },
    ],
    locations: [{ type: 'file', target: catalogFile }],
  };
}

async function catalogCounts(base, token) {
  const count = async filter =>
    (
      await getJson(
        `${base}/api/catalog/entities/by-query?filter=${filter}&limit=1`,
        token,
      )
    ).totalItems;
  return {
    components: await count('kind=component'),
    slos: await count('kind=slo'),
    groups: await count('kind=group'),
  };
}

/** Entities the catalog refused, read from its database file. */
function processingErrors(catalogDb) {
  const Database = require('better-sqlite3');
  const db = new Database(catalogDb, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        "select entity_ref, errors from refresh_state where errors is not null and errors != '[]'",
      )
      .all();
    return {
      count: rows.length,
      samples: rows
        .slice(0, 3)
        .map(r => `${r.entity_ref}: ${JSON.parse(r.errors)[0]?.message}`),
    };
  } finally {
    db.close();
  }
}

/**
 * Waits until the catalog serves every generated component, SLO and group.
 * With `catalogDb`, fails as soon as progress stops and the catalog has
 * refused entities, rather than waiting for the timeout.
 */
async function waitForCatalog(base, token, generated, what, catalogDb) {
  const t0 = Date.now();
  let last;
  let unchangedSince = Date.now();
  for (;;) {
    if (backend && !backend.running) {
      throw new Error(`the backend exited while waiting for ${what}`);
    }
    let counts;
    try {
      counts = await catalogCounts(base, token);
    } catch (error) {
      counts = { error: String(error) };
    }
    log(`${what}: ${JSON.stringify(counts)}`);
    if (
      counts.components === generated.counts.components &&
      counts.slos === generated.counts.slos &&
      counts.groups === generated.counts.groups
    ) {
      return Date.now() - t0;
    }
    const key = JSON.stringify(counts);
    if (key !== last) {
      last = key;
      unchangedSince = Date.now();
    } else if (catalogDb && Date.now() - unchangedSince > MINUTE) {
      let refused;
      try {
        refused = processingErrors(catalogDb);
      } catch {
        // busy: look again next time
      }
      if (refused?.count) {
        throw new Error(
          `the catalog refused ${
            refused.count
          } entities, such as ${refused.samples.join('; ')}`,
        );
      }
    }
    if (Date.now() - t0 > 60 * MINUTE) {
      throw new Error(`timed out waiting for ${what}: ${key}`);
    }
    await sleep(10_000);
  }
}

async function stopBackend() {
  if (!backend) return;
  await backend.stop(30_000);
  backend = undefined;
}

/** Phase 2: the catalog-only backend ingests the files once. */
async function ingestCatalog(generated) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = crypto.randomBytes(24).toString('hex');
  const dbDir = path.join(ingestDir, 'db');
  fs.mkdirSync(dbDir);
  const configFile = path.join(tmp, 'ingest-config.yaml');
  fs.writeFileSync(
    configFile,
    YAML.stringify(
      baseConfig({ port, token, dbDir, catalogFile: generated.catalogFile }),
    ),
  );
  await startBackend({
    repoRoot,
    tmp,
    label: 'ingest',
    base,
    nodeEnv: settings.nodeEnv,
    log,
    onStart: b => {
      backend = b;
    },
    configFile,
    entry: 'tiBackend.mjs',
    cwd: benchDir,
  });
  const catalogDb = path.join(dbDir, 'catalog.sqlite');
  const ingestMs = await waitForCatalog(
    base,
    token,
    generated,
    'ingest',
    catalogDb,
  );
  await stopBackend();
  return { ingestMs, catalogDb };
}

function copyCatalog(catalogDb, dbDir) {
  fs.mkdirSync(dbDir, { recursive: true });
  fs.copyFileSync(catalogDb, path.join(dbDir, 'catalog.sqlite'));
}

/** Counts of passes per check in a checks/run answer. */
function tiPassCounts(answer) {
  const counts = {};
  let errors = 0;
  for (const item of answer) {
    if (item.error) errors++;
    for (const r of item.results ?? []) {
      const c = (counts[r.check.id] ??= { pass: 0, fail: 0 });
      if (r.result) c.pass++;
      else c.fail++;
    }
  }
  return { counts, errors };
}

/** Phase 3: Tech Insights. */
async function runTechInsights(generated, catalogDb) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = crypto.randomBytes(24).toString('hex');
  const dbDir = path.join(tmp, 'ti-db');
  copyCatalog(catalogDb, dbDir);
  const ti = techInsightsConfig();
  for (const id of TI_RETRIEVERS) {
    ti.factRetrievers[id] = {
      ...ti.factRetrievers[id],
      initialDelay: { seconds: settings.tiRetrieverDelaySeconds },
    };
  }
  for (const id of TI_UNUSED_RETRIEVERS) {
    ti.factRetrievers[id] = {
      ...ti.factRetrievers[id],
      initialDelay: { seconds: 5 },
    };
  }
  const configFile = path.join(tmp, 'ti-config.yaml');
  fs.writeFileSync(
    configFile,
    YAML.stringify({
      ...baseConfig({ port, token, dbDir, catalogFile: generated.catalogFile }),
      techInsights: ti,
    }),
  );
  const logFile = path.join(tmp, 'backend-tech-insights.log');
  const watcher = watchLog(logFile);
  const spawnedAt = performance.now();
  const startMs = await startBackend({
    repoRoot,
    tmp,
    label: 'tech-insights',
    base,
    nodeEnv: settings.nodeEnv,
    log,
    onStart: b => {
      backend = b;
    },
    configFile,
    entry: 'tiBackend.mjs',
    cwd: benchDir,
  });
  const readyAt = performance.now();
  const memoryAtReady = memoryOf(backend.child.pid);
  await waitForCatalog(base, token, generated, 'tech-insights catalog');

  // Retrieval: every retriever logs "Retrieving facts for fact retriever X"
  // when it starts and "Stored N facts for fact retriever X in 1.2s" when
  // its facts are written.
  const runOf = id => {
    const start = watcher.lines.find(
      l => l.message === `Retrieving facts for fact retriever ${id}`,
    );
    const end = watcher.lines.find(
      l =>
        l.message.startsWith?.(`Stored `) &&
        l.message.includes(`fact retriever ${id} in `),
    );
    const failed = watcher.lines.find(
      l => l.message === `Failed to retrieve facts for retriever ${id}`,
    );
    if (failed) throw new Error(`Tech Insights: ${id} failed; see ${logFile}`);
    if (!start || !end) return undefined;
    const match = /^Stored (\d+) facts .* in ([\d.]+)s$/.exec(end.message);
    return {
      id,
      facts: Number(match?.[1]),
      reportedS: Number(match?.[2]),
      startMs: round(start.at - spawnedAt),
      endMs: round(end.at - spawnedAt),
      wallMs: round(end.at - start.at),
    };
  };
  const all = [...TI_RETRIEVERS, ...TI_UNUSED_RETRIEVERS];
  const runs = (
    await waitFor(
      'the Tech Insights fact retrievers',
      async () => {
        const found = all.map(runOf);
        return { done: found.every(Boolean), found };
      },
      10 * MINUTE,
      500,
      () => backend,
    )
  ).found;
  const timed = runs.filter(r => TI_RETRIEVERS.includes(r.id));
  const firstStart = Math.min(...timed.map(r => r.startMs));
  if (firstStart < readyAt - spawnedAt) {
    log(
      `warning: a timed retriever started ${round(
        readyAt - spawnedAt - firstStart,
      )} ms before the backend was ready`,
    );
  }
  // The retrievers run in parallel: the time from the first start to the
  // last stored fact, without gaps in which none of them ran.
  const intervals = timed
    .map(r => [r.startMs, r.endMs])
    .sort((a, b) => a[0] - b[0]);
  let busyMs = 0;
  let [from, to] = intervals[0];
  for (const [s, e] of intervals.slice(1)) {
    if (s > to) {
      busyMs += to - from;
      [from, to] = [s, e];
    } else {
      to = Math.max(to, e);
    }
  }
  busyMs += to - from;
  const retrieval = {
    what: `${TI_RETRIEVERS.join(
      ', ',
    )} (in parallel, as Tech Insights schedules them), ${
      settings.tiRetrieverDelaySeconds
    } s after start; timed from the first "Retrieving facts" to the last "Stored N facts" log line`,
    durationMs: round(busyMs),
    loadAverage1m: round(os.loadavg()[0], 2),
    retrievers: timed,
    unused: runs.filter(r => !TI_RETRIEVERS.includes(r.id)),
  };
  log(`tech insights retrieval: ${JSON.stringify(retrieval)}`);
  await sleep(1000);

  // checks/run parses its body with express.json()'s default 100 KB
  // limit, so the 10,000 component refs go in requests of 2,500, one after
  // another. `entities: []` (every entity Tech Insights has facts for, which
  // includes the SLOs, groups, systems and users the metadata retriever
  // covers) is timed once as well.
  const checks = Object.keys(TI_CHECKS);
  const chunks = [];
  for (let i = 0; i < generated.componentRefs.length; i += TI_CHUNK) {
    chunks.push(generated.componentRefs.slice(i, i + TI_CHUNK));
  }
  const checksRun = async entityLists => {
    const answers = [];
    let bytes = 0;
    const t0 = performance.now();
    for (const entities of entityLists) {
      const res = await fetch(`${base}/api/tech-insights/checks/run`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ checks, entities }),
        signal: AbortSignal.timeout(10 * MINUTE),
      });
      const text = await res.text();
      if (res.status !== 200) {
        throw new Error(
          `checks/run answered ${res.status}: ${text.slice(0, 500)}`,
        );
      }
      bytes += text.length;
      answers.push(...JSON.parse(text));
    }
    const durationMs = round(performance.now() - t0);
    const passCounts = tiPassCounts(answers);
    return {
      durationMs,
      requests: entityLists.length,
      entities: answers.length,
      bytes,
      errors: passCounts.errors,
      passCounts: passCounts.counts,
      memory: memoryOf(backend.child.pid),
      loadAverage1m: round(os.loadavg()[0], 2),
    };
  };
  const checkRuns = [];
  for (let i = 0; i < settings.tiCheckRuns; i++) {
    checkRuns.push(await checksRun(chunks));
    const { passCounts: _counts, ...shown } = checkRuns[i];
    log(`tech insights checks/run ${i + 1}: ${JSON.stringify(shown)}`);
  }
  const allEntities = await checksRun([[]]);
  {
    const { passCounts: _counts, ...shown } = allEntities;
    log(`tech insights checks/run, entities []: ${JSON.stringify(shown)}`);
  }
  const memory = memoryOf(backend.child.pid);
  await stopBackend();
  watcher.stop();
  return {
    startMs,
    memoryAtReady,
    retrieval,
    checksRun: {
      what: `POST /api/tech-insights/checks/run {"checks": [${checks.length} checks], "entities": [${TI_CHUNK} component refs]}, ${chunks.length} requests one after another (${generated.componentRefs.length} components)`,
      runs: checkRuns.map(({ passCounts: _counts, ...run }) => run),
      passCounts: checkRuns[checkRuns.length - 1].passCounts,
    },
    checksRunAllEntities: {
      what: `POST /api/tech-insights/checks/run {"checks": [${checks.length} checks], "entities": []}: every entity with facts`,
      ...allEntities,
    },
    memory,
  };
}

/** Production deployments, `deploymentBatch` per POST, 2 in flight. */
async function postDeployments(base, token, events) {
  const bodies = [];
  for (let i = 0; i < events.length; i += settings.deploymentBatch) {
    bodies.push(
      JSON.stringify({
        deployments: events.slice(i, i + settings.deploymentBatch),
      }),
    );
  }
  let next = 0;
  let created = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const res = await fetch(`${base}/api/reliability/v1/deployments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: bodies[next++],
      });
      const text = await res.text();
      if (res.status !== 200) {
        throw new Error(
          `deployments answered ${res.status}: ${text.slice(0, 500)}`,
        );
      }
      created += JSON.parse(text).created;
    }
  };
  await Promise.all([worker(), worker()]);
  return {
    events: events.length,
    posts: bodies.length,
    created,
    durationMs: round(performance.now() - t0),
  };
}

async function runScorecards(base, token) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/reliability/v1/scorecards/evaluations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: '{}',
    signal: AbortSignal.timeout(10 * MINUTE),
  });
  const text = await res.text();
  const durationMs = round(performance.now() - t0);
  if (res.status !== 200) {
    throw new Error(
      `scorecards/evaluations answered ${res.status}: ${text.slice(0, 500)}`,
    );
  }
  return { durationMs, summary: JSON.parse(text) };
}

/**
 * A DevTools protocol session with a backend started with `--inspect`, to
 * profile only the part the bench times.
 */
async function inspectorSession(port) {
  const [target] = await (
    await fetch(`http://127.0.0.1:${port}/json/list`)
  ).json();
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const pending = new Map();
  const listeners = [];
  ws.onmessage = event => {
    const message = JSON.parse(event.data);
    if (message.method) {
      for (const listener of listeners) listener(message);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result);
  };
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        id += 1;
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, method, params }));
      }),
    onEvent: listener => listeners.push(listener),
    close: () => ws.close(),
  };
}

/**
 * Source maps of the repository's TypeScript as the backend runs it
 * (transpiled on load, with inline maps), by script id: profiles then name
 * lines of the .ts files.
 */
async function sourceMapsOf(inspector) {
  const maps = new Map();
  inspector.onEvent(({ method, params }) => {
    if (
      method === 'Debugger.scriptParsed' &&
      params.url.includes(repoRoot) &&
      !params.url.includes('/node_modules/') &&
      params.sourceMapURL?.startsWith('data:')
    ) {
      try {
        const payload = JSON.parse(
          Buffer.from(params.sourceMapURL.split(',')[1], 'base64').toString(),
        );
        maps.set(params.scriptId, new SourceMap(payload));
      } catch {
        // no usable map: generated lines then
      }
    }
  });
  // Enabling the debugger reports every script parsed so far.
  await inspector.send('Debugger.enable');
  await inspector.send('Debugger.disable');
  return maps;
}

/**
 * Where the time of a CPU profile goes: self time per package and per
 * function, and inclusive time of the functions of this repository (each
 * sample counted once per function on its stack).
 */
function summariseProfile(profile, sourceMaps = new Map()) {
  const nodes = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) {
    for (const child of n.children ?? []) parent.set(child, n.id);
  }
  const describe = callFrame => {
    const url = callFrame.url.replace(/^file:\/\//, '').replace(repoRoot, '');
    const original = sourceMaps
      .get(callFrame.scriptId)
      ?.findEntry(callFrame.lineNumber, callFrame.columnNumber);
    const line =
      original?.originalLine === undefined
        ? callFrame.lineNumber
        : original.originalLine;
    return {
      url,
      name: `${callFrame.functionName || '(anonymous)'} ${url}:${line + 1}`,
    };
  };
  const bySelf = new Map();
  const byPackage = new Map();
  const inclusive = new Map();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    const id = profile.samples[i];
    totalUs += us;
    const { url, name } = describe(nodes.get(id).callFrame);
    bySelf.set(name, (bySelf.get(name) ?? 0) + us);
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (/^\/(plugins|packages)\/([^/]+)/.exec(url)?.slice(1).join('/') ||
        (url ? 'node internals' : nodes.get(id).callFrame.functionName));
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const frame = describe(nodes.get(n).callFrame);
      if (!/^\/(plugins|packages)\//.test(frame.url) || seen.has(frame.name)) {
        continue;
      }
      seen.add(frame.name);
      inclusive.set(frame.name, (inclusive.get(frame.name) ?? 0) + us);
    }
  }
  const top = (map, n) =>
    [...map]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([name, us]) => ({
        name,
        ms: round(us / 1000),
        share: round(us / totalUs, 3),
      }));
  return {
    totalMs: round(totalUs / 1000),
    byPackage: top(byPackage, 15),
    bySelfTime: top(bySelf, 30),
    ourCodeInclusive: top(inclusive, 30),
  };
}

/** Phase 4: the demo backend and our scorecard. */
async function runOurs(generated, catalogDb) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = crypto.randomBytes(24).toString('hex');
  const dbDir = path.join(tmp, 'our-db');
  copyCatalog(catalogDb, dbDir);
  const configFile = path.join(tmp, 'bench-config.yaml');
  const config = writeConfig(configFile, {
    repoRoot,
    port,
    token,
    dbDir,
    catalogFile: generated.catalogFile,
  });
  config.catalog = catalogConfig(generated.catalogFile);
  // Nothing scheduled may run while the bench times: the search index of
  // the catalog and the scorecard cycle wait an hour.
  config.search = {
    ...config.search,
    collators: {
      catalog: {
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 15 },
          initialDelay: { hours: 1 },
        },
      },
    },
  };
  config.reliability.scorecards = {
    schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
  };
  fs.writeFileSync(configFile, YAML.stringify(config));
  const inspectPort = settings.cpuProfile ? await freePort() : undefined;
  const startMs = await startBackend({
    repoRoot,
    tmp,
    label: 'ours',
    base,
    nodeEnv: settings.nodeEnv,
    log,
    onStart: b => {
      backend = b;
    },
    configFile,
    extraNodeArgs: settings.cpuProfile
      ? [`--inspect=127.0.0.1:${inspectPort}`]
      : [],
  });
  const memoryAtReady = memoryOf(backend.child.pid);
  await waitForCatalog(base, token, generated, 'our catalog');

  // SLO statuses: an hour of SLI events for every SLO, one evaluation.
  // Batches of up to 10,000 events, each a whole number of minutes of
  // every SLO, ending at the current minute.
  const batchSize = 10_000;
  const minutesPerBatch = Math.max(
    1,
    Math.floor(batchSize / generated.sloRefs.length),
  );
  const count = Math.max(1, Math.floor(settings.sliMinutes / minutesPerBatch));
  const sliFrom =
    Math.floor(Date.now() / MINUTE) * MINUTE - count * minutesPerBatch * MINUTE;
  const profiles = sloProfiles(generated.sloRefs, {
    start: sliFrom,
    end: sliFrom + count * minutesPerBatch * MINUTE,
  });
  const batches = buildBatches({
    runId: crypto.randomBytes(4).toString('hex'),
    profiles,
    from: sliFrom,
    count,
    batchSize,
  }).bodies;
  const sli = await ingest({ base, token, batches, inFlight: 2 });
  log(`sli: ${sli.events} events in ${sli.durationMs} ms`);
  const evaluation = await runEvaluation({ base, token });
  log(`slo evaluation: ${JSON.stringify(evaluation)}`);
  const deployments = await postDeployments(base, token, generated.deployments);
  log(`deployments: ${JSON.stringify(deployments)}`);
  await sleep(2000);

  let inspector;
  let sourceMaps;
  if (settings.cpuProfile) {
    inspector = await inspectorSession(inspectPort);
    sourceMaps = await sourceMapsOf(inspector);
    await inspector.send('Profiler.enable');
    await inspector.send('Profiler.start');
  }
  const runs = [];
  for (let i = 0; i < settings.scorecardRuns; i++) {
    const run = await runScorecards(base, token);
    run.memory = memoryOf(backend.child.pid);
    run.loadAverage1m = round(os.loadavg()[0], 2);
    runs.push(run);
    log(`scorecards run ${i + 1}: ${JSON.stringify(run)}`);
  }
  let profile;
  if (inspector) {
    const { profile: raw } = await inspector.send('Profiler.stop');
    inspector.close();
    const file = path.join(tmp, 'scorecards.cpuprofile');
    fs.writeFileSync(file, JSON.stringify(raw));
    profile = {
      what: `the ${settings.scorecardRuns} scorecard runs, the whole backend process (catalog included)`,
      file,
      ...summariseProfile(raw, sourceMaps),
    };
  }
  const rollup = await getJson(
    `${base}/api/reliability/v1/scorecards/${SCORECARD_ID}/rollup?scope=all`,
    token,
  );
  const memory = memoryOf(backend.child.pid);
  await stopBackend();
  return {
    startMs,
    memoryAtReady,
    setup: {
      sli: { events: sli.events, durationMs: sli.durationMs },
      sloEvaluation: evaluation,
      deployments,
    },
    scorecardRuns: runs,
    rollup: {
      entities: rollup.entities,
      levelCounts: rollup.levelCounts,
      passRate: rollup.passRate,
      staleCount: rollup.staleCount,
      checks: rollup.checks,
    },
    memory,
    profile,
  };
}

/** Our pass counts next to Tech Insights' for the checks both run. */
function compareChecks(ours, ti) {
  return Object.entries(TI_CHECKS).map(([tiId, check]) => {
    const mine = ours.rollup.checks.find(c => c.id === check.ours);
    return {
      check: check.ours,
      ours: mine && {
        pass: mine.pass,
        exempt: mine.exempt,
        fail: mine.fail,
        notApplicable: mine.notApplicable,
      },
      techInsights: ti.checksRun.passCounts[tiId],
    };
  });
}

function table(output) {
  const { ours, techInsights: ti } = output.results;
  const [cold, ...warm] = ours.scorecardRuns.map(r => r.durationMs);
  const warmBest = warm.length ? Math.min(...warm) : cold;
  const sorted = [...warm].sort((a, b) => a - b);
  const warmMedian = warm.length
    ? (sorted[Math.floor((sorted.length - 1) / 2)] +
        sorted[Math.ceil((sorted.length - 1) / 2)]) /
      2
    : cold;
  const tiChecks = Math.min(...ti.checksRun.runs.map(r => r.durationMs));
  const tiTotal = ti.retrieval.durationMs + tiChecks;
  const ratio = ms => round(tiTotal / ms, 1);
  const yes = ok => (ok ? 'met' : 'NOT met');
  const lines = [
    '',
    `catalog: ${output.catalog.entityCount} entities (${
      output.catalog.counts.components
    } components, ${output.catalog.counts.slos} SLOs), ${
      output.catalog.ingestReused
        ? 'ingested by an earlier run'
        : `ingested once in ${round(output.catalog.ingestMs / 1000)} s`
    }`,
    `ours, POST /v1/scorecards/evaluations: cold ${cold} ms, warm ${warm.join(
      ' / ',
    )} ms (${
      ours.scorecardRuns[0].summary.results
    } results persisted; rollup: ${ours.rollup.entities} entities)`,
    `tech insights: retrieval ${
      ti.retrieval.durationMs
    } ms (${ti.retrieval.retrievers
      .map(r => `${r.id} ${r.wallMs} ms`)
      .join(', ')})`,
    `tech insights: checks/run ${ti.checksRun.runs
      .map(r => `${r.durationMs} ms`)
      .join(' / ')} for ${ti.checksRun.runs[0].entities} components in ${
      ti.checksRun.runs[0].requests
    } requests (${ti.checksRun.runs[0].bytes} bytes); entities [] (${
      ti.checksRunAllEntities.entities
    } entities): ${ti.checksRunAllEntities.durationMs} ms`,
    `tech insights total (retrieval + fastest checks/run): ${tiTotal} ms`,
    `ours, where the time went (ms): cold ${JSON.stringify(
      ours.scorecardRuns[0].summary.phasesMs,
    )}, last warm ${JSON.stringify(
      ours.scorecardRuns.at(-1).summary.phasesMs,
    )}`,
    `ratio TI / ours: ${ratio(cold)}× cold, ${ratio(
      warmMedian,
    )}× warm (median ${warmMedian} ms; best ${ratio(warmBest)}×)`,
    `target < ${TARGETS.ourEvaluationMs} ms: cold ${yes(
      cold < TARGETS.ourEvaluationMs,
    )}, warm ${yes(warmMedian < TARGETS.ourEvaluationMs)}`,
    `target ≥ ${TARGETS.ratio}×: cold ${yes(
      tiTotal / cold >= TARGETS.ratio,
    )}, warm median ${yes(tiTotal / warmMedian >= TARGETS.ratio)}`,
    `memory (RSS when ready → at the end / peak): ours ${ours.memoryAtReady?.rssMiB} → ${ours.memory?.rssMiB} / ${ours.memory?.peakRssMiB} MiB, tech insights ${ti.memoryAtReady?.rssMiB} → ${ti.memory?.rssMiB} / ${ti.memory?.peakRssMiB} MiB`,
  ];
  return {
    text: lines.join('\n'),
    summary: {
      coldMs: cold,
      warmMs: warm,
      tiTotalMs: tiTotal,
      warmMedianMs: warmMedian,
      ratioCold: ratio(cold),
      ratioWarmMedian: ratio(warmMedian),
      ratioWarmBest: ratio(warmBest),
    },
  };
}

/** The short table of a run without Tech Insights (BENCH_OURS_ONLY=1). */
function oursOnlyTable(ours) {
  const times = ours.scorecardRuns.map(r => r.durationMs);
  return {
    text: `\nours, POST /v1/scorecards/evaluations: ${times.join(' / ')} ms (${
      ours.scorecardRuns[0].summary.results
    } results; Tech Insights skipped, BENCH_OURS_ONLY=1)`,
    summary: { ms: times },
  };
}

/**
 * What the ingested catalog depends on: the catalog files, the catalog
 * settings, the catalog backend's version and the OpenSLO catalog module's
 * source (tests left out).
 */
function catalogKey(generated, catalogDir) {
  const hash = crypto.createHash('sha256');
  for (const file of generated.files) {
    hash.update(file).update(fs.readFileSync(path.join(catalogDir, file)));
  }
  hash.update(JSON.stringify(catalogConfig(generated.catalogFile)));
  hash.update(
    require('@backstage/plugin-catalog-backend/package.json').version,
  );
  const moduleSrc = path.join(
    repoRoot,
    'plugins/catalog-backend-module-reliability/src',
  );
  const walk = dir =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap(d =>
        d.isDirectory()
          ? walk(path.join(dir, d.name))
          : [path.join(dir, d.name)],
      );
  const source = walk(moduleSrc).filter(f => !/\.test\.tsx?$/.test(f));
  for (const file of source.sort()) {
    hash.update(file).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

async function main() {
  // The ingested catalog is kept between runs (BENCH_CATALOG_CACHE=0 to
  // ingest again): its entities carry the catalog files' paths, so the
  // files are written to the same place every time.
  const useCache = env.BENCH_CATALOG_CACHE !== '0';
  const cacheDir = path.join(os.tmpdir(), 'reliability-scorecards-bench');
  const catalogDir = useCache
    ? path.join(cacheDir, 'catalog')
    : path.join(tmp, 'catalog');
  fs.rmSync(catalogDir, { recursive: true, force: true });
  let t0 = Date.now();
  const generated = generateCatalog(catalogDir, {
    components: settings.components,
  });
  log(
    `catalog: ${generated.entityCount} entities in ${
      generated.files.length
    } files, ${Date.now() - t0} ms; ${JSON.stringify(generated.counts)}`,
  );
  const key = catalogKey(generated, catalogDir);
  const cachedDb = path.join(cacheDir, 'catalog.sqlite');
  const cachedKey = path.join(cacheDir, 'catalog.key');
  let catalogDb;
  let ingestMs = null;
  if (
    useCache &&
    fs.existsSync(cachedDb) &&
    fs.existsSync(cachedKey) &&
    fs.readFileSync(cachedKey, 'utf8') === key
  ) {
    catalogDb = cachedDb;
    log(`catalog: reusing the catalog ingested by an earlier run, ${cachedDb}`);
  } else {
    t0 = Date.now();
    ({ ingestMs, catalogDb } = await ingestCatalog(generated));
    log(
      `catalog ingested in ${ingestMs} ms (${
        Date.now() - t0
      } ms with start and stop)`,
    );
    if (useCache) {
      fs.rmSync(cachedKey, { force: true });
      fs.copyFileSync(catalogDb, cachedDb);
      fs.writeFileSync(cachedKey, key);
    }
  }

  const techInsights = settings.oursOnly
    ? undefined
    : await runTechInsights(generated, catalogDb);
  const ours = await runOurs(generated, catalogDb);
  const output = {
    benchmark: 'scorecards against Tech Insights (issue 8)',
    date: new Date().toISOString(),
    machine: machineInfo(os),
    settings,
    targets: TARGETS,
    catalog: {
      entityCount: generated.entityCount,
      counts: generated.counts,
      ingestMs,
      ingestReused: ingestMs === null,
      database:
        'SQLite (better-sqlite3), one file per plugin, on disk; the one-off ingest ran on a RAM disk and its catalog.sqlite was copied to both backends',
    },
    results: { techInsights, ours },
    checks: techInsights && compareChecks(ours, techInsights),
  };
  const { text, summary } = techInsights ? table(output) : oursOnlyTable(ours);
  output.summary = summary;
  output.totalDurationS = round((Date.now() - started) / 1000);
  process.stderr.write(`${text}\n`);
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

runMain(main, { log, getBackend: () => backend });
