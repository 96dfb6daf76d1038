// The HTTP side of the bench: ingestion batches, evaluation cycles and the
// autocannon comparison of the entity summary with the catalog.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const MINUTE = 60_000;

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

/**
 * Bodies of `count` batches: batch i holds every SLO's counts for the
 * `minutesPerBatch` consecutive minutes after `from + i * minutesPerBatch`,
 * as a collector flushing per-minute counts would send them.
 */
export function buildBatches({ runId, profiles, from, count, batchSize }) {
  const minutesPerBatch = Math.max(1, Math.floor(batchSize / profiles.length));
  const bodies = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let b = 0; b < count; b++) {
    const events = [];
    for (let m = 0; m < minutesPerBatch && events.length < batchSize; m++) {
      const at = from + (b * minutesPerBatch + m) * MINUTE;
      for (const p of profiles) {
        if (events.length >= batchSize) break;
        const total = p.traffic + Math.floor(random() * (p.traffic / 2 + 1));
        const bad = Math.min(
          total,
          Math.floor(total * p.rate * 2 * random() + random()),
        );
        events.push({ slo: p.ref, timestamp: at, good: total - bad, total });
      }
    }
    bodies.push({
      events: events.length,
      body: JSON.stringify({ idempotencyKey: `bench-${runId}-${b}`, events }),
    });
  }
  return {
    bodies,
    minutesPerBatch,
    until: from + count * minutesPerBatch * MINUTE,
  };
}

/** POSTs the batches, `inFlight` at a time; times each and the whole. */
export async function ingest({ base, token, batches, inFlight }) {
  const latencies = [];
  let next = 0;
  let events = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const t0 = performance.now();
      const res = await fetch(`${base}/api/reliability/v1/sli-events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: batch.body,
      });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      if (res.status !== 200) {
        throw new Error(
          `sli-events answered ${res.status}: ${text.slice(0, 500)}`,
        );
      }
      const answer = JSON.parse(text);
      if (answer.accepted !== batch.events || answer.duplicate) {
        throw new Error(`sli-events did not accept the batch: ${text}`);
      }
      events += answer.accepted;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    batches: batches.length,
    eventsPerBatch: batches[0]?.events,
    events,
    inFlight,
    durationMs: Math.round(seconds * 1000),
    eventsPerSecond: Math.round(events / seconds),
    batchLatencyMs: {
      p50: Math.round(percentile(sorted, 50)),
      p90: Math.round(percentile(sorted, 90)),
      max: Math.round(sorted[sorted.length - 1]),
      min: Math.round(sorted[0]),
    },
  };
}

export async function runEvaluation({ base, token }) {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/reliability/v1/evaluations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: '{}',
    signal: AbortSignal.timeout(280_000),
  });
  const text = await res.text();
  if (res.status !== 200) {
    throw new Error(
      `evaluations answered ${res.status}: ${text.slice(0, 500)}`,
    );
  }
  return { ...JSON.parse(text), httpMs: Math.round(performance.now() - t0) };
}

/** One autocannon run over `paths` (rotated), summarised. */
export async function load({ base, token, paths, connections, duration }) {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: req => ({ ...req, path: paths[i++ % paths.length] }),
      },
    ],
  });
  return {
    connections,
    durationS: duration,
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.average * 10) / 10,
    latencyMs: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * autocannon runs of the catalog's entity read and of a reliability read
 * over the same entities: a warm-up of each at 10 connections, then for
 * each connection count the catalog run first, then the other. Adds the
 * throughput ratio and the p99 difference to each pair.
 */
export async function compareWithCatalog({
  base,
  token,
  paths,
  connectionCounts,
  duration,
  warmupSeconds,
  log,
}) {
  const kinds = Object.keys(paths);
  log('http: warm-up');
  for (const kind of kinds) {
    await load({
      base,
      token,
      paths: paths[kind],
      connections: 10,
      duration: warmupSeconds,
    });
  }
  const runs = [];
  for (const connections of connectionCounts) {
    const run = { connections };
    for (const kind of kinds) {
      log(`http: ${kind}, ${connections} connections`);
      run[kind] = await load({
        base,
        token,
        paths: paths[kind],
        connections,
        duration,
      });
      log(
        `http: ${kind}: ${run[kind].reqPerSec} req/s, p99 ${run[kind].latencyMs.p99} ms`,
      );
    }
    run.summaryToCatalogThroughput =
      Math.round((run.summary.reqPerSec / run.catalog.reqPerSec) * 100) / 100;
    run.p99DifferenceMs = run.summary.latencyMs.p99 - run.catalog.latencyMs.p99;
    runs.push(run);
  }
  return runs;
}

/** The catalog's read and the reliability summary of each component. */
export function entityReadPaths(names) {
  return {
    catalog: names.map(
      n => `/api/catalog/entities/by-name/component/default/${n}`,
    ),
    summary: names.map(
      n => `/api/reliability/v1/entities/component/default/${n}/summary`,
    ),
  };
}
