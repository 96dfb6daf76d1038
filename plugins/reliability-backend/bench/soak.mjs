#!/usr/bin/env node
// Soak benchmark (issue 9): the demo backend on a throwaway PostgreSQL under
// mixed reads and writes for a long time, with the scheduled evaluation
// running every minute. Run from the repo root:
//
//   node scripts/bootstrap.mjs yarn bench:soak               # 10 minutes
//   node scripts/bootstrap.mjs yarn bench:soak --minutes=1   # a quick check
//
// BENCH_CLIENTS (32) concurrent clients each loop over: GET summary, services,
// SLO list, SLO history and DORA; POST SLI event batches (new idempotency
// keys, and some retries of acknowledged ones) and POST deployments (new ids,
// and some retries of acknowledged ones). Prints throughput, p50/p99/max
// latency per operation and overall, errors by status, the backend's memory
// (RSS from /proc, heap from inside after a full collection, each minute)
// and the loss check: rows in PostgreSQL against what was acknowledged.
// One JSON document goes to stdout, progress and a table to stderr. See
// docs/benchmarks.md. BENCH_KEEP=1 keeps the temp dir (config, logs).

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// scripts/lib is the repository's tooling, not a package.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startPostgres } from '../../../scripts/lib/postgres.mjs';
import { freePort, sleep } from './backend.mjs';
import { sloProfiles } from './bulkLoad.mjs';
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
  machineInfo,
  runMain,
  startBackend,
  waitFor,
} from './harness.mjs';
import { buildBatches, ingest, percentile, runEvaluation } from './measure.mjs';

const require = createRequire(import.meta.url);
const { Agent, request } = require('undici');
const knexFactory = require('knex');
const YAML = require('yaml');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const env = process.env;
const argMinutes = process.argv
  .find(a => a.startsWith('--minutes='))
  ?.slice('--minutes='.length);
const settings = {
  minutes: Number(argMinutes ?? env.BENCH_MINUTES ?? 10),
  clients: Number(env.BENCH_CLIENTS ?? 32),
  // Share of each operation in a client's loop.
  mix: {
    summary: 20,
    services: 10,
    slos: 10,
    history: 10,
    dora: 10,
    sliEvents: 20,
    deployments: 20,
  },
  sliEventsPerBatch: 50,
  deploymentsPerBatch: [1, 5],
  sliRetryShare: 0.05,
  deploymentRetryShare: 0.1,
  evaluationFrequency: { minutes: 1 },
  memorySampleMs: 10_000,
  nodeEnv: env.BENCH_NODE_ENV ?? 'production',
};
if (!(settings.minutes > 0)) {
  throw new Error(`--minutes must be a positive number, not ${argMinutes}`);
}

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const benchStarted = Date.now();
const log = createLog(benchStarted, 'bench:soak');
let tmp;
let pg;
let backend;

process.on('exit', () => {
  backend?.killNow();
  try {
    pg?.stop();
  } catch {
    // best effort
  }
  if (tmp && env.BENCH_KEEP !== '1') {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
exitOnSignals(log);

const round = v => Math.round(v * 10) / 10;
const mib = bytes => Math.round((bytes / 2 ** 20) * 10) / 10;

function latencySummary(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

/** VmRSS of a process, in bytes, from /proc. */
function vmRss(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function readProbe(file) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line));
  } catch {
    return [];
  }
}

/** A deterministic pseudo-random source per client. */
function randomFor(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

async function main() {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = crypto.randomBytes(24).toString('hex');
  const runId = crypto.randomBytes(3).toString('hex');
  const catalogFile = path.join(tmp, 'catalog.yaml');
  const entityCount = writeCatalog(catalogFile);
  const slos = sloList();

  pg = await startPostgres();
  const connection = {
    host: '127.0.0.1',
    port: pg.port,
    user: 'postgres',
    password: 'postgres',
  };
  const configFile = path.join(tmp, 'bench-config.yaml');
  const config = writeConfig(configFile, {
    repoRoot,
    port,
    token,
    dbDir: path.join(tmp, 'db'),
    catalogFile,
    database: { client: 'pg', connection },
  });
  // The scheduled evaluation runs during the soak, as in production.
  config.reliability.evaluation = {
    frequency: settings.evaluationFrequency,
    initialDelay: { minutes: 1 },
  };
  fs.writeFileSync(configFile, YAML.stringify(config));
  log(
    `temp dir ${tmp}, ${entityCount} entities, PostgreSQL ${pg.major} on ${pg.port}, backend on ${port}`,
  );

  const probeFile = path.join(tmp, 'memory.jsonl');
  process.env.SOAK_PROBE_FILE = probeFile;
  process.env.SOAK_PROBE_MS = String(settings.memorySampleMs);
  const startMs = await startBackend({
    repoRoot,
    tmp,
    label: 'postgres',
    base,
    nodeEnv: settings.nodeEnv,
    extraNodeArgs: [
      '--expose-gc',
      '--require',
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'soakProbe.cjs'),
    ],
    log,
    onStart: b => {
      backend = b;
    },
  });
  const pid = backend.child.pid;

  await waitFor(
    'the catalog to hold every SLO with its service',
    async () => {
      const state = await catalogSloState(base, token);
      log(`catalog: ${state.slos} SLOs, ${state.withMeasures} with measures`);
      return { done: state.withMeasures === slos.length };
    },
    600_000,
    5000,
    () => backend,
  );

  // An hour of SLI history, two hours ago, and one evaluation: the reads
  // have statuses and history to return.
  const seedFrom = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * HOUR;
  const seed = buildBatches({
    runId: `seed-${runId}`,
    profiles: sloProfiles(
      slos.map(s => s.ref),
      { start: seedFrom, end: seedFrom + HOUR },
    ),
    from: seedFrom,
    count: 6,
    batchSize: 10_000,
  });
  const seeded = await ingest({
    base,
    token,
    batches: seed.bodies,
    inFlight: 2,
  });
  const evaluation = await runEvaluation({ base, token });
  log(
    `seeded ${seeded.events} SLI events; evaluation ${JSON.stringify(
      evaluation,
    )}`,
  );

  // The soak.
  const agent = new Agent({
    connections: settings.clients,
    pipelining: 1,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  const latencies = Object.fromEntries(
    Object.keys(settings.mix).map(op => [op, []]),
  );
  latencies.sliRetry = [];
  latencies.deploymentRetry = [];
  const statuses = {};
  const errorSamples = [];
  const acked = {
    deploymentIds: new Set(),
    deploymentCreated: 0,
    deploymentRetries: 0,
    deploymentRetriesNotUpdated: 0,
    sliKeys: 0,
    sliEvents: 0,
    sliGood: 0,
    sliTotal: 0,
    sliRetries: 0,
    sliRetriesNotDuplicate: 0,
  };
  // Bodies of acknowledged writes to resend (bounded).
  const resendable = { sli: [], deployments: [] };
  const keep = (list, item) => {
    if (list.length >= 500) list.splice(0, 1);
    list.push(item);
  };
  let seq = 0;
  const soakFrom = Date.now();
  const soakFromMinute = Math.floor(soakFrom / MINUTE) * MINUTE;
  const deadline = soakFrom + settings.minutes * MINUTE;
  const mixTotal = Object.values(settings.mix).reduce((a, b) => a + b, 0);

  const call = async (op, method, urlPath, body) => {
    const t0 = performance.now();
    let status;
    let text = '';
    try {
      const res = await request(`${base}/api/reliability${urlPath}`, {
        method,
        dispatcher: agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body,
      });
      text = await res.body.text();
      status = res.statusCode;
    } catch (error) {
      status = `network: ${error?.code ?? error?.name ?? error}`;
      text = String(error);
    }
    latencies[op].push(performance.now() - t0);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== 200 && errorSamples.length < 10) {
      errorSamples.push({ op, status, body: text.slice(0, 300) });
    }
    return status === 200 ? JSON.parse(text) : undefined;
  };

  const client = async c => {
    const random = randomFor(c * 7919 + 17);
    const pick = list => list[Math.floor(random() * list.length)];
    while (Date.now() < deadline) {
      let r = random() * mixTotal;
      const op = Object.keys(settings.mix).find(
        k => (r -= settings.mix[k]) < 0,
      );
      const svc = Math.floor(random() * COMPONENTS);
      if (op === 'summary') {
        await call(
          op,
          'GET',
          `/v1/entities/component/default/${componentName(svc)}/summary`,
        );
      } else if (op === 'services') {
        await call(op, 'GET', `/v1/services?limit=25&offset=${svc % 20}`);
      } else if (op === 'slos') {
        await call(op, 'GET', `/v1/slos?limit=50&offset=${(svc % 20) * 50}`);
      } else if (op === 'history') {
        await call(op, 'GET', `/v1/slos/default/${pick(slos).name}/history`);
      } else if (op === 'dora') {
        await call(
          op,
          'GET',
          `/v1/entities/component/default/${componentName(svc)}/dora?days=30`,
        );
      } else if (op === 'sliEvents') {
        if (resendable.sli.length && random() < settings.sliRetryShare) {
          const answer = await call(
            'sliRetry',
            'POST',
            '/v1/sli-events',
            pick(resendable.sli),
          );
          if (answer) {
            acked.sliRetries++;
            if (!answer.duplicate || answer.accepted !== 0) {
              acked.sliRetriesNotDuplicate++;
            }
          }
          continue;
        }
        const now = Date.now();
        const events = [];
        let good = 0;
        let total = 0;
        for (let i = 0; i < settings.sliEventsPerBatch; i++) {
          const t = 50 + Math.floor(random() * 50);
          const g = t - (random() < 0.1 ? 1 : 0);
          good += g;
          total += t;
          events.push({
            slo: pick(slos).ref,
            timestamp: Math.max(soakFrom, now - Math.floor(random() * 1000)),
            good: g,
            total: t,
          });
        }
        const body = JSON.stringify({
          idempotencyKey: `soak-${runId}-${seq++}`,
          events,
        });
        const answer = await call(op, 'POST', '/v1/sli-events', body);
        if (answer && !answer.duplicate) {
          acked.sliKeys++;
          acked.sliEvents += answer.accepted;
          acked.sliGood += good;
          acked.sliTotal += total;
          keep(resendable.sli, body);
        }
      } else {
        if (
          resendable.deployments.length &&
          random() < settings.deploymentRetryShare
        ) {
          const sent = pick(resendable.deployments);
          const answer = await call(
            'deploymentRetry',
            'POST',
            '/v1/deployments',
            sent.body,
          );
          if (answer) {
            acked.deploymentRetries++;
            if (answer.created !== 0 || answer.updated !== sent.count) {
              acked.deploymentRetriesNotUpdated++;
            }
          }
          continue;
        }
        const [min, max] = settings.deploymentsPerBatch;
        const count = min + Math.floor(random() * (max - min + 1));
        const now = Date.now();
        const batchId = seq++;
        const deployments = Array.from({ length: count }, (_, k) => ({
          id: `soak-${runId}-${batchId}-${k}`,
          entity: `component:default/${componentName(
            Math.floor(random() * COMPONENTS),
          )}`,
          environment: random() < 0.5 ? 'production' : 'staging',
          status: random() < 0.1 ? 'failed' : 'succeeded',
          version: `1.${batchId}.${k}`,
          startedAt: now - 10 * MINUTE,
          finishedAt: now - 5 * MINUTE,
          commitTime: now - HOUR,
        }));
        const body = JSON.stringify({ deployments });
        const answer = await call(op, 'POST', '/v1/deployments', body);
        if (answer) {
          for (const d of deployments) acked.deploymentIds.add(d.id);
          acked.deploymentCreated += answer.created;
          keep(resendable.deployments, { body, count });
        }
      }
    }
  };

  // Memory: RSS from /proc every sample; the heap after a full collection
  // (SIGUSR2 to the probe) at the start, each minute and the end.
  const rssSamples = [];
  const sampleRss = () => {
    const rss = vmRss(pid);
    if (rss !== undefined) rssSamples.push({ at: Date.now(), rss });
  };
  const collect = () => {
    try {
      process.kill(pid, 'SIGUSR2');
    } catch {
      // exited: the next wait fails
    }
  };
  collect();
  sampleRss();
  const rssTimer = setInterval(sampleRss, settings.memorySampleMs);
  const gcTimer = setInterval(collect, MINUTE);
  const progress = setInterval(() => {
    const done = Object.values(latencies).reduce((n, l) => n + l.length, 0);
    log(
      `${done} requests, statuses ${JSON.stringify(statuses)}, RSS ${mib(
        vmRss(pid) ?? 0,
      )} MiB`,
    );
  }, MINUTE);
  log(
    `soak: ${settings.clients} clients for ${
      settings.minutes
    } min, mix ${JSON.stringify(settings.mix)}`,
  );
  await Promise.all(
    Array.from({ length: settings.clients }, (_, c) => client(c)),
  );
  const soakMs = Date.now() - soakFrom;
  clearInterval(progress);
  clearInterval(rssTimer);
  clearInterval(gcTimer);
  await agent.close();
  if (!backend.running) throw new Error('the backend exited during the soak');
  await sleep(2000);
  collect();
  sampleRss();
  await sleep(2000);

  // Loss check: what PostgreSQL holds against what was acknowledged.
  const knex = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'backstage_plugin_reliability' },
  });
  let loss;
  try {
    const [{ rows }] = await knex('deployments')
      .where('id', 'like', `soak-${runId}-%`)
      .count({ rows: '*' });
    const [{ keys }] = await knex('sli_event_batches')
      .where('idempotency_key', 'like', `soak-${runId}-%`)
      .count({ keys: '*' });
    const [{ events }] = await knex('sli_event_batches')
      .where('idempotency_key', 'like', `soak-${runId}-%`)
      .sum({ events: 'event_count' });
    const [{ good, total }] = await knex('sli_minute_buckets')
      .where('bucket_start', '>=', soakFromMinute)
      .sum({ good: 'good', total: 'total' });
    loss = {
      deployments: {
        acknowledgedIds: acked.deploymentIds.size,
        rows: Number(rows),
        createdReported: acked.deploymentCreated,
        retries: acked.deploymentRetries,
        retriesNotAnsweredAsUpdates: acked.deploymentRetriesNotUpdated,
      },
      sliEvents: {
        acknowledgedBatches: acked.sliKeys,
        batchKeys: Number(keys),
        acknowledgedEvents: acked.sliEvents,
        storedEvents: Number(events ?? 0),
        acknowledgedGood: acked.sliGood,
        storedGood: Number(good ?? 0),
        acknowledgedTotal: acked.sliTotal,
        storedTotal: Number(total ?? 0),
        retries: acked.sliRetries,
        retriesNotAnsweredAsDuplicates: acked.sliRetriesNotDuplicate,
      },
    };
    const d = loss.deployments;
    const s = loss.sliEvents;
    loss.ok =
      d.rows === d.acknowledgedIds &&
      d.createdReported === d.acknowledgedIds &&
      d.retriesNotAnsweredAsUpdates === 0 &&
      s.batchKeys === s.acknowledgedBatches &&
      s.storedEvents === s.acknowledgedEvents &&
      s.storedGood === s.acknowledgedGood &&
      s.storedTotal === s.acknowledgedTotal &&
      s.retriesNotAnsweredAsDuplicates === 0;
  } finally {
    await knex.destroy();
  }

  // Scheduled cycles during the soak, from the backend's log.
  const backendLog = fs.readFileSync(backend.logFile, 'utf8');
  const cycles = [...backendLog.matchAll(/Evaluated (\d+) SLOs in (\d+) ms/g)]
    .slice(1) // the first is the seeding evaluation
    .map(m => Number(m[2]));

  const probe = readProbe(probeFile).filter(p => p.at >= soakFrom - 5000);
  const afterGc = probe.filter(p => p.kind === 'after-gc');
  const memory = {
    rssMiB: rssSamples
      .filter((_, i, all) => i % 6 === 0 || i === all.length - 1)
      .map(s => ({
        minute: round((s.at - soakFrom) / MINUTE),
        rss: mib(s.rss),
      })),
    heapAfterGcMiB: afterGc.map(p => ({
      minute: round((p.at - soakFrom) / MINUTE),
      heapUsed: mib(p.heapUsed),
      rss: mib(p.rss),
    })),
    rssPeakMiB: mib(Math.max(...rssSamples.map(s => s.rss))),
  };

  const all = Object.values(latencies).flat();
  const operations = Object.fromEntries(
    Object.entries(latencies)
      .filter(([, l]) => l.length)
      .map(([op, l]) => [
        op,
        {
          ...latencySummary(l),
          perSecond: round(l.length / (soakMs / 1000)),
        },
      ]),
  );
  const errors = Object.entries(statuses)
    .filter(([status]) => status !== '200')
    .reduce((n, [, count]) => n + count, 0);

  const output = {
    benchmark: 'reliability-backend soak (issue 9)',
    date: new Date().toISOString(),
    machine: machineInfo(os),
    loadAverage: os.loadavg().map(round),
    settings,
    database: `PostgreSQL ${pg.major} (scripts/lib/postgres.mjs: fsync off, synchronous_commit off)`,
    catalog: { entities: entityCount, slos: slos.length },
    setup: { backendStartMs: startMs, seededSliEvents: seeded.events },
    soakSeconds: round(soakMs / 1000),
    requests: all.length,
    throughputPerSecond: round(all.length / (soakMs / 1000)),
    latencyMs: latencySummary(all),
    operations,
    statuses,
    errors,
    errorSamples,
    scheduledCycles: {
      count: cycles.length,
      durationMs: cycles.length ? latencySummary(cycles) : undefined,
    },
    memory,
    loss,
    totalDurationS: Math.round((Date.now() - benchStarted) / 1000),
  };

  const lines = [
    `soak ${output.soakSeconds} s, ${settings.clients} clients: ${
      all.length
    } requests, ${output.throughputPerSecond} req/s; p50 ${
      output.latencyMs.p50
    } ms, p99 ${output.latencyMs.p99} ms, max ${
      output.latencyMs.max
    } ms; errors ${errors} ${JSON.stringify(statuses)}`,
    ...Object.entries(operations).map(
      ([op, o]) =>
        `  ${op.padEnd(16)} ${String(o.count).padStart(7)} req ${String(
          o.perSecond,
        ).padStart(7)}/s  p50 ${o.p50} ms  p99 ${o.p99} ms  max ${o.max} ms`,
    ),
    `scheduled cycles: ${cycles.length}, ${JSON.stringify(
      output.scheduledCycles.durationMs,
    )}`,
    `RSS MiB: ${memory.rssMiB.map(s => `${s.minute}m ${s.rss}`).join(', ')}`,
    `heap after GC MiB: ${memory.heapAfterGcMiB
      .map(s => `${s.minute}m ${s.heapUsed}`)
      .join(', ')}`,
    `loss check ${loss.ok ? 'OK' : 'FAILED'}: ${JSON.stringify(loss)}`,
  ];
  process.stderr.write(`\n${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);

  await backend.stop();
  backend = undefined;
  pg.stop();
  pg = undefined;
  if (!loss.ok) throw new Error('the loss check failed');
}

runMain(main, { log, getBackend: () => backend });
