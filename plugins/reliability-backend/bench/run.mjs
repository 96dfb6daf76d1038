#!/usr/bin/env node
// Benchmark of the reliability backend on SQLite: SLI ingestion, evaluation
// cycles over 1,000 SLOs with 30 days of data, and the entity summary
// against the catalog. Run from the repository root with
//
//   node scripts/bootstrap.mjs yarn bench:slo
//
// Prints one JSON document to stdout; progress goes to stderr. See
// docs/benchmarks.md. Knobs (environment): BENCH_BATCHES (100),
// BENCH_IN_FLIGHT (2), BENCH_LOAD_SECONDS (20), BENCH_MINUTE_DAYS (30: days
// of minute rows bulk-loaded; fewer loads hourly rollups only beyond them),
// BENCH_NODE_ENV (production), BENCH_CPU_PROF (1: profile the backend during
// the evaluation cycles), BENCH_KEEP (1: keep the temp dir).

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './backend.mjs';
import { bulkLoad, sloProfiles } from './bulkLoad.mjs';
import {
  componentName,
  COMPONENTS,
  sloList,
  writeCatalog,
  writeConfig,
} from './fixtures.mjs';
import {
  catalogSloState,
  createLog,
  exitOnSignals,
  getJson,
  machineInfo,
  runMain,
  startBackend as startBenchBackend,
  waitFor as pollUntil,
} from './harness.mjs';
import {
  buildBatches,
  compareWithCatalog,
  entityReadPaths,
  ingest,
  runEvaluation,
} from './measure.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const env = process.env;
const settings = {
  batches: Number(env.BENCH_BATCHES ?? 100),
  batchSize: 10_000,
  inFlight: Number(env.BENCH_IN_FLIGHT ?? 2),
  loadSeconds: Number(env.BENCH_LOAD_SECONDS ?? 20),
  warmupSeconds: 5,
  minuteDays: Number(env.BENCH_MINUTE_DAYS ?? 30),
  evaluations: 3,
  nodeEnv: env.BENCH_NODE_ENV ?? 'production',
  cpuProfile: env.BENCH_CPU_PROF === '1',
};
const TARGETS = {
  ingestEventsPerSecond: 50_000,
  evaluationMs: 5_000,
};

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const benchStarted = Date.now();
const log = createLog(benchStarted);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-bench-'));
const dbDir = path.join(tmp, 'db');
const profDir = path.join(tmp, 'cpu-profiles');
let backend;

function cleanupSync() {
  backend?.killNow();
  if (env.BENCH_KEEP !== '1') {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
process.on('exit', cleanupSync);
exitOnSignals(log);

const waitFor = (what, check, timeoutMs, everyMs = 1000) =>
  pollUntil(what, check, timeoutMs, everyMs, () => backend);

const startBackend = (label, base, token, extraNodeArgs = []) =>
  startBenchBackend({
    repoRoot,
    tmp,
    label,
    base,
    nodeEnv: settings.nodeEnv,
    extraNodeArgs,
    log,
    onStart: started => {
      backend = started;
    },
  });

async function statusCounts(base, token) {
  const counts = {};
  for (const status of [
    'healthy',
    'warning',
    'breaching',
    'exhausted',
    'no-data',
  ]) {
    const page = await getJson(
      `${base}/api/reliability/v1/slos?status=${status}&limit=1`,
      token,
    );
    counts[status] = page.totalCount;
  }
  return counts;
}

async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = crypto.randomBytes(24).toString('hex');
  const catalogFile = path.join(tmp, 'catalog.yaml');
  const entityCount = writeCatalog(catalogFile);
  writeConfig(path.join(tmp, 'bench-config.yaml'), {
    repoRoot,
    port,
    token,
    dbDir,
    catalogFile,
  });
  const slos = sloList();
  log(
    `temp dir ${tmp}: ${entityCount} entities (${slos.length} SLOs), port ${port}`,
  );
  const result = {
    benchmark: 'reliability-backend on SQLite',
    date: new Date().toISOString(),
    machine: machineInfo(os),
    setup: {
      database:
        'better-sqlite3, one file per plugin (default pragmas of the backend)',
      backend: `packages/backend from source (backstage-cli node transform, no file watcher), NODE_ENV=${settings.nodeEnv}`,
      loadGenerator: 'the bench process itself, on the same machine',
      entities: {
        total: entityCount,
        groups: 10,
        components: COMPONENTS,
        slos: slos.length,
        sloShape:
          'ratio SLI, metricSource BuiltIn, Occurrences, target 0.999, rolling 30d (one in five 28d)',
      },
      settings,
    },
    targets: TARGETS,
    phases: {},
  };

  // 1. First start: the plugin migrates its database, the catalog ingests.
  result.phases.firstStartMs = await startBackend('migrate', base, token);
  const t0 = Date.now();
  await waitFor(
    'the catalog to hold every SLO with its measures relation',
    async () => {
      const state = await catalogSloState(base, token);
      log(
        `catalog: ${state.slos} SLOs, ${state.withMeasures} with measures, ${state.withOwner} with an owner`,
      );
      return {
        ...state,
        done: state.slos === slos.length && state.withMeasures === slos.length,
      };
    },
    600_000,
    5000,
  );
  result.phases.catalogIngestMs = Date.now() - t0;
  await backend.stop();
  log('backend stopped for the bulk load');

  // 2. Bulk load 30 days of data, ending where the ingestion run begins.
  const profilesFrom = Math.floor((Date.now() - 30 * DAY) / HOUR) * HOUR;
  const warmupBatches = 1;
  const ingestMinutes =
    (settings.batches + warmupBatches) *
    Math.max(1, Math.floor(settings.batchSize / slos.length));
  const loadEnd =
    Math.floor(Date.now() / MINUTE) * MINUTE - ingestMinutes * MINUTE;
  const profiles = sloProfiles(
    slos.map(s => s.ref),
    { start: profilesFrom, end: loadEnd },
  );
  const minuteFrom = Math.max(
    profilesFrom,
    Math.floor((loadEnd - settings.minuteDays * DAY) / HOUR) * HOUR,
  );
  log(
    `bulk load: ${slos.length} SLOs, hourly rollups from ${new Date(
      profilesFrom,
    ).toISOString()}, minute rows from ${new Date(
      minuteFrom,
    ).toISOString()}, to ${new Date(loadEnd).toISOString()}`,
  );
  const loaded = bulkLoad(
    path.join(dbDir, 'reliability.sqlite'),
    profiles,
    { hourFrom: profilesFrom, minuteFrom, end: loadEnd },
    log,
  );
  result.bulkLoad = {
    how: 'backend stopped after its first start (migrations, catalog ingestion); rows generated by SQLite inside one transaction of prepared INSERT … SELECT statements, hourly rows = sums of their minutes; backend started again',
    from: new Date(profilesFrom).toISOString(),
    minuteRowsFrom: new Date(minuteFrom).toISOString(),
    to: new Date(loadEnd).toISOString(),
    minuteRows: loaded.minuteRows,
    hourRows: loaded.hourRows,
    durationMs: loaded.durationMs,
    reliabilityDbBytes: fs.statSync(path.join(dbDir, 'reliability.sqlite'))
      .size,
    full: minuteFrom === profilesFrom,
  };
  log(
    `bulk load: ${loaded.minuteRows} minute and ${loaded.hourRows} hour rows in ${loaded.durationMs} ms`,
  );

  // 3. Second start, on the loaded store.
  result.phases.secondStartMs = await startBackend(
    'bench',
    base,
    token,
    settings.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  );
  await waitFor(
    'the catalog after restart',
    async () => {
      const state = await catalogSloState(base, token);
      return { ...state, done: state.withMeasures === slos.length };
    },
    120_000,
  );
  result.setup.catalogAtStart = await catalogSloState(base, token);

  // 4. Ingestion through the API: the minutes after the bulk-loaded ones.
  log('ingestion: building batches');
  const { bodies, minutesPerBatch, until } = buildBatches({
    runId: crypto.randomBytes(4).toString('hex'),
    profiles,
    from: loadEnd,
    count: settings.batches + warmupBatches,
    batchSize: settings.batchSize,
  });
  const [warmup, ...timed] = bodies;
  await ingest({ base, token, batches: [warmup], inFlight: 1 });
  log(
    `ingestion: ${timed.length} batches of ${settings.batchSize} events, ${settings.inFlight} in flight`,
  );
  result.ingestion = {
    what: `POST /api/reliability/v1/sli-events, ${settings.batchSize} events per batch (each batch: ${minutesPerBatch} consecutive minutes × ${slos.length} SLOs, epoch-ms timestamps, new minute rows into the bulk-loaded store), one untimed warm-up batch first`,
    from: new Date(loadEnd).toISOString(),
    to: new Date(until).toISOString(),
    ...(await ingest({
      base,
      token,
      batches: timed,
      inFlight: settings.inFlight,
    })),
  };
  result.ingestion.targetMet =
    result.ingestion.eventsPerSecond >= TARGETS.ingestEventsPerSecond;
  log(`ingestion: ${result.ingestion.eventsPerSecond} events/s`);

  // 5. Evaluation cycles.
  const cycles = [];
  for (let i = 0; i < settings.evaluations; i++) {
    const cycle = await runEvaluation({ base, token });
    log(`evaluation ${i + 1}: ${JSON.stringify(cycle)}`);
    cycles.push(cycle);
  }
  const durations = cycles.map(c => c.durationMs);
  result.evaluation = {
    what: 'POST /api/reliability/v1/evaluations: catalog refresh, then every SLO read from the built-in store (30 days: hourly rollups, minutes for the last 6 h and the leading partial hour), evaluated and its status saved',
    cycles,
    durationMs: durations,
    maxMs: Math.max(...durations),
    statuses: await statusCounts(base, token),
  };
  result.evaluation.targetMet = result.evaluation.maxMs < TARGETS.evaluationMs;

  // 6. Entity summary against the catalog's entity lookup.
  const names = Array.from({ length: COMPONENTS }, (_, i) => componentName(i));
  const paths = entityReadPaths(names);

  const sample = await getJson(`${base}${paths.summary[0]}`, token);
  if (!Array.isArray(sample.slos) || sample.slos.length !== 2) {
    throw new Error(
      `unexpected summary: ${JSON.stringify(sample).slice(0, 300)}`,
    );
  }
  const http = {
    what: `autocannon ${settings.loadSeconds} s per run, alternating catalog then summary, rotating over the ${COMPONENTS} components (2 SLOs each), after a ${settings.warmupSeconds} s warm-up of each; same backend, same token`,
    catalogPath: '/api/catalog/entities/by-name/component/default/svc-N',
    summaryPath: '/api/reliability/v1/entities/component/default/svc-N/summary',
    runs: await compareWithCatalog({
      base,
      token,
      paths,
      connectionCounts: [10, 100],
      duration: settings.loadSeconds,
      warmupSeconds: settings.warmupSeconds,
      log,
    }),
  };
  result.http = http;

  await backend.stop();
  backend = undefined;
  if (settings.cpuProfile) {
    const keep = path.join(
      repoRoot,
      'plugins/reliability-backend/bench/.profiles',
    );
    fs.mkdirSync(keep, { recursive: true });
    for (const f of fs.readdirSync(profDir)) {
      fs.copyFileSync(path.join(profDir, f), path.join(keep, f));
    }
    result.cpuProfiles = keep;
  }
  result.totalDurationS = Math.round((Date.now() - benchStarted) / 1000);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

runMain(main, { log, getBackend: () => backend });
