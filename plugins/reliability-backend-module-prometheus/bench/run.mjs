#!/usr/bin/env node
// Benchmark of the Prometheus SLI source: 1,000 Prometheus-backed SLOs
// evaluated per cycle against a local Prometheus backfilled with 30 days of
// generated counters. Run from the repository root with
//
//   node scripts/bootstrap.mjs yarn node plugins/reliability-backend-module-prometheus/bench/run.mjs
//
// (or any Node 22 with the workspace installed). Needs the prometheus and
// promtool binaries (Debian package prometheus). Prints one JSON document to
// stdout; progress goes to stderr. Knobs (environment): BENCH_SLOS (1000),
// BENCH_SERVICES (1000: distinct label sets; SLOs beyond share them with other
// filters), BENCH_CYCLES (3), BENCH_CONCURRENCY (8: maxConcurrentQueries),
// BENCH_KEEP (1: keep the temp dir).
//
// Data per service: two counters (code 200 and 500), a sample every hour over
// 30 days and every minute over the last 7 hours, which is all the source's
// hourly and five-minute buckets need. Each cycle evaluates every SLO the way
// the backend does (readSamples, then evaluateSlo from -common), 8 SLOs at a
// time, with the answer cache off so every cycle really queries.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
// The repository's throwaway-server helpers, shared with the test wrapper.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  backfillOpenMetrics,
  findPrometheus,
  startPrometheus,
} from '../../../scripts/lib/prometheus.mjs';

const require = createRequire(import.meta.url);
require('@backstage/cli/config/nodeTransform.cjs');
const { PrometheusSliSource } = require('../src/index.ts');
const {
  evaluateSlo,
  sloDefinitionFromOpenSlo,
} = require('@reliability-kit/plugin-reliability-common');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const env = process.env;
const settings = {
  slos: Number(env.BENCH_SLOS ?? 1000),
  services: Number(env.BENCH_SERVICES ?? 1000),
  cycles: Number(env.BENCH_CYCLES ?? 3),
  maxConcurrentQueries: Number(env.BENCH_CONCURRENCY ?? 8),
  sloWorkers: 8,
};
const TARGETS = { cycleMs: 60_000, maxConcurrentQueries: 8 };

const started = Date.now();
const log = message =>
  process.stderr.write(
    `[bench ${Math.round((Date.now() - started) / 1000)}s] ${message}\n`,
  );

const found = findPrometheus();
if (!found.ok) {
  log(found.reason);
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-prom-bench-'));
const end = Math.floor(Date.now() / MINUTE) * MINUTE;

function service(i) {
  return `svc-${String(i).padStart(4, '0')}`;
}

/** Sample times: hourly over 30 days and 1 hour, minutely for 7 hours. */
function sampleTimes() {
  const times = [];
  const fine = end - 7 * HOUR;
  for (let at = fine - 30 * DAY - HOUR; at < fine; at += HOUR) times.push(at);
  for (let at = fine; at <= end; at += MINUTE) times.push(at);
  return times;
}

function writeData(file) {
  const times = sampleTimes();
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '# TYPE bench_requests counter\n');
  for (let s = 0; s < settings.services; s++) {
    // 1,000 to 2,000 requests a minute, 0.01 % to 0.2 % errors.
    const perMinute = 1000 + ((s * 37) % 1000);
    const errorShare = 0.0001 + ((s * 13) % 20) * 0.0001;
    for (const code of ['200', '500']) {
      const share = code === '500' ? errorShare : 1 - errorShare;
      const lines = [];
      for (const at of times) {
        const value = Math.round(
          ((at - times[0]) / MINUTE) * perMinute * share,
        );
        lines.push(
          `bench_requests_total{service="${service(
            s,
          )}",code="${code}"} ${value} ${at / 1000}`,
        );
      }
      fs.writeSync(out, `${lines.join('\n')}\n`);
    }
  }
  fs.writeSync(out, '# EOF\n');
  fs.closeSync(out);
  return times.length * settings.services * 2;
}

function sloDoc(i) {
  const svc = service(i % settings.services);
  // SLOs beyond the number of services watch another status class, so no
  // two SLOs send the same query.
  const variant = Math.floor(i / settings.services);
  const good =
    variant === 0 ? 'code!~"5.."' : `code=~"[1-4].*",variant!="${variant}"`;
  const indicator = {
    metadata: { name: `bench-${i}` },
    spec: {
      ratioMetric: {
        counter: true,
        good: {
          metricSource: {
            type: 'Prometheus',
            spec: {
              query: `sum(rate(bench_requests_total{service="${svc}",${good}}[{{.window}}]))`,
            },
          },
        },
        total: {
          metricSource: {
            type: 'Prometheus',
            spec: {
              query: `sum(rate(bench_requests_total{service="${svc}"}[{{.window}}]))`,
            },
          },
        },
      },
    },
  };
  const slo = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: `bench-${i}` },
    spec: {
      service: svc,
      indicator,
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.999 }],
    },
  };
  return {
    entity: { apiVersion: 'openslo/v1', kind: 'SLO', metadata: slo.metadata },
    slo,
    indicator,
  };
}

let prometheus;
try {
  const dataFile = path.join(dir, 'data.om');
  const samples = writeData(dataFile);
  log(`wrote ${samples} samples of ${settings.services * 2} series`);
  const backfillStarted = Date.now();
  backfillOpenMetrics(dataFile, path.join(dir, 'data'));
  const backfillMs = Date.now() - backfillStarted;
  log(`backfilled in ${backfillMs} ms`);
  fs.rmSync(dataFile);
  prometheus = await startPrometheus({ dataDir: path.join(dir, 'data') });
  log(`prometheus at ${prometheus.url}`);

  const source = new PrometheusSliSource({
    instances: new Map([
      [
        'bench',
        {
          name: 'bench',
          url: prometheus.url,
          headers: {},
          timeoutMs: 30_000,
          retries: 2,
          retryBackoffMs: 500,
        },
      ],
    ]),
    defaultInstance: 'bench',
    maxConcurrentQueries: settings.maxConcurrentQueries,
    cacheTtlMs: 0,
  });
  const slos = Array.from({ length: settings.slos }, (_, i) => sloDoc(i));

  const cycles = [];
  for (let c = 0; c < settings.cycles; c++) {
    source.client.resetStats();
    const now = end;
    const cycleStarted = Date.now();
    let next = 0;
    let failed = 0;
    let firstError;
    let budgetSum = 0;
    const worker = async () => {
      while (next < slos.length) {
        const record = slos[next++];
        const definition = sloDefinitionFromOpenSlo(record.slo, 0);
        try {
          const buckets = await source.readSamples({
            ...record,
            objectiveIndex: 0,
            start: now - 30 * DAY,
            end: now,
            resolutionMs: HOUR,
          });
          const evaluation = evaluateSlo(buckets, definition, { now });
          budgetSum += evaluation.errorBudget?.remaining ?? 0;
        } catch (error) {
          failed++;
          firstError ??= error.message;
        }
      }
    };
    await Promise.all(Array.from({ length: settings.sloWorkers }, worker));
    const wallMs = Date.now() - cycleStarted;
    const stats = source.client.stats();
    cycles.push({
      wallMs,
      slos: slos.length,
      failed,
      firstError,
      queries: stats.queries,
      httpRequests: stats.requests,
      retries: stats.retries,
      queriesPerSlo: stats.queries / slos.length,
      peakConcurrentQueries: stats.peakConcurrent,
      meanBudgetRemaining: budgetSum / (slos.length - failed || 1),
    });
    log(
      `cycle ${c + 1}: ${wallMs} ms, ${stats.queries} queries, peak ${
        stats.peakConcurrent
      } in flight`,
    );
  }
  const worst = Math.max(...cycles.map(c => c.wallMs));
  const peak = Math.max(...cycles.map(c => c.peakConcurrentQueries));
  const result = {
    benchmark: 'reliability-backend-module-prometheus',
    date: new Date().toISOString(),
    node: process.version,
    prometheus: found.prometheus,
    cpus: os.cpus().length,
    settings,
    data: {
      series: settings.services * 2,
      samples,
      backfillMs,
    },
    cycles,
    targets: TARGETS,
    pass: {
      cycleUnder60s: worst < TARGETS.cycleMs,
      atMost8Concurrent: peak <= TARGETS.maxConcurrentQueries,
      noFailures: cycles.every(c => c.failed === 0),
    },
    notes: [
      'Per SLO and cycle: one range query per metric (good, total) per bucket size: hourly buckets over the window and 5-minute buckets over the last 6 hours, so 4 queries however many burn-rate windows (7) and budget windows there are; per-window instant queries would need 2 × 8 = 16.',
    ],
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await prometheus?.stop();
  if (env.BENCH_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
}
