#!/usr/bin/env node
// Benchmark of deployments (issue 6): 20,000 deployment events from 500
// concurrent writers (verified in the database afterwards), the same in
// batches of 1,000, DORA over 1,000 entities × 90 days, and the entity
// summary (with deployments) against the catalog. Run from the repo root:
//
//   node scripts/bootstrap.mjs yarn bench:deployments            # SQLite
//   node scripts/bootstrap.mjs yarn bench:deployments --db=postgres
//   node scripts/bootstrap.mjs yarn bench:deployments --db=both
//
// Prints one JSON document to stdout, progress and a short table to stderr.
// See docs/benchmarks.md. Knobs (environment): BENCH_DB (sqlite),
// BENCH_WRITERS (500), BENCH_BATCH_IN_FLIGHT (2), BENCH_DORA_CONCURRENCY
// (10), BENCH_LOAD_SECONDS (15), BENCH_NODE_ENV (production), BENCH_KEEP.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// scripts/lib is the repository's tooling, not a package.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startPostgres } from '../../../scripts/lib/postgres.mjs';
import { freePort } from './backend.mjs';
import { mulberry32, sloProfiles } from './bulkLoad.mjs';
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
  startBackend,
  waitFor,
} from './harness.mjs';
import {
  buildBatches,
  compareWithCatalog,
  entityReadPaths,
  ingest,
  percentile,
  runEvaluation,
} from './measure.mjs';

const require = createRequire(import.meta.url);
const { Agent, request } = require('undici');
const knexFactory = require('knex');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const env = process.env;
const argDb = process.argv.find(a => a.startsWith('--db='))?.slice(5);
const settings = {
  db: argDb ?? env.BENCH_DB ?? 'sqlite',
  entities: 1000,
  writers: Number(env.BENCH_WRITERS ?? 500),
  distinct: 16_000,
  transitions: 3_000,
  retries: 1_000,
  batchSize: 1_000,
  batchInFlight: Number(env.BENCH_BATCH_IN_FLIGHT ?? 2),
  doraDays: 90,
  doraConcurrency: Number(env.BENCH_DORA_CONCURRENCY ?? 10),
  doraRepeats: 3,
  sliHours: 6,
  loadSeconds: Number(env.BENCH_LOAD_SECONDS ?? 15),
  warmupSeconds: 5,
  nodeEnv: env.BENCH_NODE_ENV ?? 'production',
};
const TARGETS = { ingest20kMs: 5_000, dora1000EntitiesMs: 2_000 };
const RANK = { started: 0, succeeded: 1, failed: 1, rolled_back: 2 };

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const benchStarted = Date.now();
const log = createLog(benchStarted, 'bench:deployments');
const tmpDirs = [];
const postgresServers = [];
let backend;

process.on('exit', () => {
  backend?.killNow();
  for (const pg of postgresServers) {
    try {
      pg.stop();
    } catch {
      // best effort
    }
  }
  if (env.BENCH_KEEP !== '1') {
    for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
});
exitOnSignals(log);

const entityRef = i => `component:default/${componentName(i)}`;
const latencySummary = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const r = v => Math.round(v * 10) / 10;
  return {
    p50: r(percentile(sorted, 50)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted[sorted.length - 1]),
  };
};

/**
 * 16,000 distinct staging deployments in the last 29 days, 20,000 events:
 * 3,000 ids are sent `started` and then with their outcome (succeeded,
 * failed or rolled_back), 1,000 finished ones are sent twice (a retry), the
 * other 12,000 once. Also the status each id must end with: the one of
 * highest rank, since a late `started` never overwrites an outcome.
 */
function ingestionEvents(prefix, now) {
  const events = [];
  const expected = new Map();
  const span = 29 * DAY;
  for (let k = 0; k < settings.distinct; k++) {
    const startedAt =
      now - span + Math.floor((k * span) / settings.distinct) - HOUR;
    const base = {
      id: `${prefix}${k}`,
      entity: entityRef(k % settings.entities),
      environment: 'staging',
      version: `1.${k}.0`,
      commit: crypto.createHash('sha1').update(String(k)).digest('hex'),
      startedAt,
      commitTime: startedAt - HOUR,
    };
    const finished = status => ({
      ...base,
      status,
      finishedAt: startedAt + 5 * MINUTE,
    });
    let sent;
    if (k < settings.transitions) {
      const outcome = ['rolled_back', 'failed'][k % 10] ?? 'succeeded';
      sent = [{ ...base, status: 'started' }, finished(outcome)];
    } else if (k < settings.transitions + settings.retries) {
      sent = [finished('succeeded'), finished('succeeded')];
    } else if (k % 25 === 0) {
      sent = [{ ...base, status: 'started' }];
    } else {
      sent = [finished(k % 20 === 1 ? 'failed' : 'succeeded')];
    }
    events.push(...sent);
    expected.set(
      base.id,
      sent.reduce((a, b) => (RANK[b.status] >= RANK[a.status] ? b : a)).status,
    );
  }
  return { events, expected };
}

function shuffle(items, seed) {
  const random = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** About 30 production deployments per entity over 90 days, for DORA. */
function doraEvents(prefix, now) {
  const events = [];
  const random = mulberry32(90);
  const from = now - settings.doraDays * DAY + HOUR;
  const to = now - HOUR;
  for (let e = 0; e < settings.entities; e++) {
    const n = 20 + ((e * 7) % 21);
    for (let i = 0; i < n; i++) {
      const startedAt = Math.floor(
        from + ((i + random() * 0.5) * (to - from)) / n,
      );
      let status = 'succeeded';
      if (i % 13 === 5) status = 'rolled_back';
      else if (i % 7 === 3) status = 'failed';
      events.push({
        id: `${prefix}${e}-${i}`,
        entity: entityRef(e),
        environment: 'production',
        status,
        version: `2.${i}.0`,
        startedAt,
        finishedAt: startedAt + Math.round(3 + random() * 20) * MINUTE,
        commitTime: startedAt - Math.round(1 + random() * 72) * HOUR,
      });
    }
  }
  return events;
}

/**
 * Sends `bodies` (JSON strings) with `concurrency` clients pulling from one
 * queue; per-request latency, answers summed, errors counted.
 */
async function post({ base, token, bodies, concurrency }) {
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const latencies = [];
  const errors = [];
  let created = 0;
  let updated = 0;
  let next = 0;
  const url = `${base}/api/reliability/v1/deployments`;
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t0 = performance.now();
      try {
        const res = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body,
        });
        const text = await res.body.text();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== 200) {
          errors.push(`${res.statusCode}: ${text.slice(0, 200)}`);
        } else {
          const answer = JSON.parse(text);
          created += answer.created;
          updated += answer.updated;
        }
      } catch (error) {
        latencies.push(performance.now() - t0);
        errors.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const durationMs = Math.round(performance.now() - started);
  await agent.close();
  return {
    requests: bodies.length,
    concurrency,
    durationMs,
    requestsPerSecond: Math.round((bodies.length / durationMs) * 1000),
    latencyMs: latencySummary(latencies),
    created,
    updated,
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 5),
  };
}

/** Bodies of `{deployments: [...]}`, `settings.batchSize` events each. */
function inBatches(events) {
  const bodies = [];
  for (let i = 0; i < events.length; i += settings.batchSize) {
    bodies.push(
      JSON.stringify({ deployments: events.slice(i, i + settings.batchSize) }),
    );
  }
  return bodies;
}

const postBatches = (base, token, bodies) =>
  post({ base, token, bodies, concurrency: settings.batchInFlight });

/** Compares the stored rows with a prefix against the expected statuses. */
async function verify(knex, prefix, expected) {
  const rows = await knex('deployments')
    .select('id', 'status')
    .where('id', 'like', `${prefix}%`);
  const wrong = rows.filter(r => expected.get(r.id) !== r.status);
  const stored = new Set(rows.map(r => r.id));
  const missing = [...expected.keys()].filter(id => !stored.has(id));
  const byStatus = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    expectedDistinct: expected.size,
    rows: rows.length,
    missing: missing.length,
    wrongStatus: wrong.length,
    wrongSamples: wrong.slice(0, 5).map(r => ({
      id: r.id,
      stored: r.status,
      expected: expected.get(r.id),
    })),
    byStatus,
    ok: rows.length === expected.size && missing.length === 0 && !wrong.length,
  };
}

/** DeploymentStore.records for every entity at once + doraMetrics each. */
async function doraInProcess(knex, refs, now) {
  require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
    paths: [path.join(repoRoot, 'packages/backend'), repoRoot],
  }));
  const { DeploymentStore } = require('../src/deployments/DeploymentStore');
  const { doraMetrics } = require('@reliability-kit/plugin-reliability-common');
  const store = new DeploymentStore(knex);
  const to = now;
  const from = to - settings.doraDays * DAY;
  const scope = { window: { start: from, end: to }, environment: 'production' };
  const runs = [];
  let sample;
  for (let i = 0; i < settings.doraRepeats; i++) {
    const t0 = performance.now();
    const records = await store.records(refs, {
      from,
      to,
      environment: 'production',
    });
    const t1 = performance.now();
    let rows = 0;
    const metrics = new Map();
    for (const ref of refs) {
      const list = records.get(ref) ?? [];
      rows += list.length;
      metrics.set(ref, doraMetrics(list, scope));
    }
    const t2 = performance.now();
    sample = metrics.get(refs[0]);
    runs.push({
      totalMs: Math.round(t2 - t0),
      readMs: Math.round(t1 - t0),
      computeMs: Math.round(t2 - t1),
      rows,
    });
  }
  return { runs, sampleMetrics: { entity: refs[0], ...sample } };
}

/** 1,000 GET …/dora, `concurrency` at a time. */
async function doraOverHttp({ base, token, names, concurrency }) {
  const agent = new Agent({ connections: concurrency });
  const latencies = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < names.length) {
        const name = names[next++];
        const t0 = performance.now();
        const res = await request(
          `${base}/api/reliability/v1/entities/component/default/${name}/dora?environment=production&days=${settings.doraDays}`,
          { dispatcher: agent, headers: { authorization: `Bearer ${token}` } },
        );
        await res.body.text();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== 200) errors++;
      }
    }),
  );
  const durationMs = Math.round(performance.now() - started);
  await agent.close();
  return {
    requests: names.length,
    concurrency,
    durationMs,
    latencyMs: latencySummary(latencies),
    errors,
  };
}

async function runOn(db) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-deploy-'));
  tmpDirs.push(tmp);
  const dbDir = path.join(tmp, 'db');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = crypto.randomBytes(24).toString('hex');
  const catalogFile = path.join(tmp, 'catalog.yaml');
  const entityCount = writeCatalog(catalogFile, {
    components: settings.entities,
  });

  let database;
  let knexConfig;
  let pg;
  if (db === 'postgres') {
    pg = await startPostgres();
    postgresServers.push(pg);
    const connection = {
      host: '127.0.0.1',
      port: pg.port,
      user: 'postgres',
      password: 'postgres',
    };
    database = { client: 'pg', connection };
    knexConfig = {
      client: 'pg',
      connection: { ...connection, database: 'backstage_plugin_reliability' },
    };
  } else {
    knexConfig = {
      client: 'better-sqlite3',
      connection: { filename: path.join(dbDir, 'reliability.sqlite') },
      useNullAsDefault: true,
    };
  }
  writeConfig(path.join(tmp, 'bench-config.yaml'), {
    repoRoot,
    port,
    token,
    dbDir,
    catalogFile,
    database,
  });
  log(`${db}: temp dir ${tmp}, ${entityCount} entities, port ${port}`);
  const result = {
    database:
      db === 'postgres'
        ? `PostgreSQL ${pg.major} (scripts/lib/postgres.mjs: fsync off, synchronous_commit off)`
        : 'SQLite (better-sqlite3, one file per plugin, default pragmas)',
    phases: {},
  };

  result.phases.startMs = await startBackend({
    repoRoot,
    tmp,
    label: db,
    base,
    nodeEnv: settings.nodeEnv,
    log,
    onStart: b => {
      backend = b;
    },
  });
  const slos = sloList();
  const t0 = Date.now();
  await waitFor(
    'the catalog to hold every component and SLO',
    async () => {
      const state = await catalogSloState(base, token);
      const { totalItems } = await getJson(
        `${base}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
        token,
      );
      log(
        `catalog: ${totalItems} components, ${state.slos} SLOs, ${state.withMeasures} with measures`,
      );
      return {
        done:
          totalItems === settings.entities &&
          state.withMeasures === slos.length,
      };
    },
    600_000,
    5000,
    () => backend,
  );
  result.phases.catalogIngestMs = Date.now() - t0;

  // SLO statuses for the summary: a few hours of SLI data, one cycle.
  const sliFrom =
    Math.floor(Date.now() / MINUTE) * MINUTE - settings.sliHours * HOUR;
  const { bodies } = buildBatches({
    runId: crypto.randomBytes(4).toString('hex'),
    profiles: sloProfiles(
      slos.map(s => s.ref),
      { start: sliFrom, end: sliFrom + settings.sliHours * HOUR },
    ),
    from: sliFrom,
    count: (settings.sliHours * 60) / 10,
    batchSize: 10_000,
  });
  const sli = await ingest({ base, token, batches: bodies, inFlight: 2 });
  log(`sli: ${sli.events} events in ${sli.durationMs} ms`);
  const cycle = await runEvaluation({ base, token });
  log(`evaluation: ${JSON.stringify(cycle)}`);
  result.setup = { sliEvents: sli.events, evaluation: cycle };

  const knex = knexFactory(knexConfig);
  try {
    // 1. 500 writers, one event per request, in random order.
    const now = Date.now();
    const tag = crypto.randomBytes(3).toString('hex');
    const writerPrefix = `w-${tag}-`;
    const writerSet = ingestionEvents(writerPrefix, now);
    const writerBodies = shuffle(writerSet.events, 500).map(e =>
      JSON.stringify(e),
    );
    log(
      `ingestion: ${writerBodies.length} events (${writerSet.expected.size} distinct) from ${settings.writers} writers`,
    );
    const writers = await post({
      base,
      token,
      bodies: writerBodies,
      concurrency: settings.writers,
    });
    writers.verification = await verify(knex, writerPrefix, writerSet.expected);
    writers.verification.createdMatches =
      writers.created === writerSet.expected.size &&
      writers.updated === writerBodies.length - writerSet.expected.size;
    writers.targetMet = writers.durationMs < TARGETS.ingest20kMs;
    log(`ingestion (writers): ${JSON.stringify(writers)}`);
    result.ingestionWriters = {
      what: `${writerBodies.length} POST /v1/deployments, one event each, random order (an outcome may arrive before its started), ${settings.writers} concurrent clients; verified by reading the deployments table`,
      ...writers,
    };

    // 2. The same shape in batches of 1,000, in time order, as a backfill.
    const batchPrefix = `b-${tag}-`;
    const batchSet = ingestionEvents(batchPrefix, now);
    const ordered = [...batchSet.events].sort(
      (a, b) => (a.finishedAt ?? a.startedAt) - (b.finishedAt ?? b.startedAt),
    );
    const batchBodies = inBatches(ordered);
    const batches = await postBatches(base, token, batchBodies);
    batches.verification = await verify(knex, batchPrefix, batchSet.expected);
    batches.targetMet = batches.durationMs < TARGETS.ingest20kMs;
    log(`ingestion (batches): ${JSON.stringify(batches)}`);
    result.ingestionBatches = {
      what: `${ordered.length} events in ${batchBodies.length} POSTs of ${settings.batchSize} (time order), ${settings.batchInFlight} in flight`,
      ...batches,
    };

    // 3. DORA over 1,000 entities × 90 days.
    const doraSet = doraEvents(`d-${tag}-`, now);
    const seed = await postBatches(base, token, inBatches(doraSet));
    log(`dora seed: ${JSON.stringify(seed)}`);
    if (seed.errors) throw new Error(`dora seed failed: ${seed.errorSamples}`);
    const refs = Array.from({ length: settings.entities }, (_, i) =>
      entityRef(i),
    );
    const inProcess = await doraInProcess(knex, refs, Date.now());
    log(`dora in process: ${JSON.stringify(inProcess.runs)}`);
    const names = Array.from({ length: settings.entities }, (_, i) =>
      componentName(i),
    );
    const overHttp = await doraOverHttp({
      base,
      token,
      names,
      concurrency: settings.doraConcurrency,
    });
    log(`dora over http: ${JSON.stringify(overHttp)}`);
    result.dora = {
      seeded: {
        deployments: doraSet.length,
        environment: 'production',
        days: settings.doraDays,
        post: seed,
      },
      inProcess: {
        what: `one DeploymentStore.records call for all ${refs.length} entities (production, 90 days) on a second knex of the same database, then doraMetrics per entity, in the bench process; ${settings.doraRepeats} repetitions`,
        ...inProcess,
        targetMet:
          Math.max(...inProcess.runs.map(r => r.totalMs)) <
          TARGETS.dora1000EntitiesMs,
      },
      overHttp: {
        what: `${names.length} GET …/dora?environment=production&days=90, ${settings.doraConcurrency} at a time`,
        ...overHttp,
      },
    };
  } finally {
    await knex.destroy();
  }

  // 4. Summary (SLOs + deployments) against the catalog's read.
  const names = Array.from({ length: COMPONENTS }, (_, i) => componentName(i));
  const paths = entityReadPaths(names);

  const sample = await getJson(`${base}${paths.summary[0]}`, token);
  result.summaryShape = {
    slos: sample.slos?.length,
    latestDeployments: sample.latestDeployments?.length,
    deployMarkers: sample.deployMarkers?.length,
    bytes: JSON.stringify(sample).length,
  };
  log(`summary shape: ${JSON.stringify(result.summaryShape)}`);
  if (sample.slos?.length !== 2 || !sample.deployMarkers?.length) {
    throw new Error(
      `unexpected summary: ${JSON.stringify(sample).slice(0, 300)}`,
    );
  }
  result.http = {
    what: `autocannon ${
      settings.loadSeconds
    } s per run, catalog then summary, rotating over svc-0…svc-${
      COMPONENTS - 1
    } (2 SLOs and deployments each), after a ${
      settings.warmupSeconds
    } s warm-up of each`,
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

  await backend.stop();
  backend = undefined;
  if (pg) {
    pg.stop();
    postgresServers.splice(postgresServers.indexOf(pg), 1);
  }
  return result;
}

function table(results) {
  const lines = [];
  for (const [db, r] of Object.entries(results)) {
    const w = r.ingestionWriters;
    const b = r.ingestionBatches;
    const d = r.dora;
    lines.push(
      `${db}: 20,000 events, ${w.concurrency} writers: ${
        w.durationMs
      } ms (p50 ${w.latencyMs.p50} / p99 ${w.latencyMs.p99} / max ${
        w.latencyMs.max
      } ms, ${w.errors} errors), verified ${
        w.verification.ok && w.verification.createdMatches ? 'OK' : 'FAILED'
      } (${w.verification.rows} rows)`,
      `${db}: 20,000 events in batches of 1,000: ${b.durationMs} ms (verified ${
        b.verification.ok ? 'OK' : 'FAILED'
      })`,
      `${db}: DORA 1,000 entities in process: ${d.inProcess.runs
        .map(x => `${x.totalMs} ms`)
        .join(' / ')}; over HTTP: ${d.overHttp.durationMs} ms`,
    );
    for (const run of r.http.runs) {
      lines.push(
        `${db}: ${run.connections} conn: catalog ${run.catalog.reqPerSec} req/s p50 ${run.catalog.latencyMs.p50} p99 ${run.catalog.latencyMs.p99} | summary ${run.summary.reqPerSec} req/s p50 ${run.summary.latencyMs.p50} p99 ${run.summary.latencyMs.p99}`,
      );
    }
  }
  return lines.join('\n');
}

async function main() {
  const dbs = settings.db === 'both' ? ['sqlite', 'postgres'] : [settings.db];
  for (const db of dbs) {
    if (db !== 'sqlite' && db !== 'postgres') {
      throw new Error(`--db must be sqlite, postgres or both, not ${db}`);
    }
  }
  const output = {
    benchmark: 'reliability-backend deployments (issue 6)',
    date: new Date().toISOString(),
    machine: machineInfo(os),
    settings,
    targets: TARGETS,
    results: {},
  };
  for (const db of dbs) output.results[db] = await runOn(db);
  output.totalDurationS = Math.round((Date.now() - benchStarted) / 1000);
  process.stderr.write(`\n${table(output.results)}\n`);
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

runMain(main, { log, getBackend: () => backend });
