// Bulk-loads per-minute SLI counts and their hourly rollups straight into
// the reliability plugin's SQLite file, while the backend is stopped.
//
// The rows are generated inside SQLite (a recursive CTE of minutes crossed
// with a table of per-SLO traffic parameters), in key order, in one
// transaction of prepared statements: far faster than 43 M bound inserts
// from JavaScript. The hourly row is the sum of its minutes, computed by
// SQLite from the minute table.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

/** Most SLOs healthy, some warm, a few burning: an error rate per SLO. */
function errorRateFor(kind, random) {
  if (kind < 0.75) return 0.0001 + random() * 0.0005;
  if (kind < 0.93) return 0.0006 + random() * 0.0005;
  return 0.0011 + random() * 0.002;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A small deterministic PRNG, so that every run loads the same shapes. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Traffic and error rates per SLO: most SLOs are healthy (error rate well
 * under the 0.1 % budget of a 99.9 % target), some burn close to or beyond
 * it, and about one in seven has had an incident of a few hours.
 */
export function sloProfiles(sloRefs, { start, end }) {
  const random = mulberry32(42);
  return sloRefs.map(ref => {
    const rate = errorRateFor(random(), random);
    const hasIncident = random() < 0.15;
    const incidentStart = hasIncident
      ? Math.floor((start + random() * (end - start)) / MINUTE) * MINUTE
      : 0;
    const incidentEnd = hasIncident
      ? incidentStart + Math.round(30 + random() * 330) * MINUTE
      : 0;
    return {
      ref,
      traffic: Math.round(50 + random() * 1950),
      rate,
      incidentStart,
      incidentEnd,
      incidentRate: hasIncident ? 0.01 + random() * 0.09 : 0,
    };
  });
}

/**
 * Loads minute rows for `[minuteFrom, end)` and hourly rollups for
 * `[hourFrom, end)` (both hour-aligned starts) for every SLO profile.
 * Minute rows for hours before `minuteFrom` are generated into a temporary
 * table only to compute the rollups (the reduced mode), or stored (full).
 */
export function bulkLoad(file, profiles, { hourFrom, minuteFrom, end }, log) {
  const db = new Database(file);
  // Loader-only settings: the backend opens the file with its own defaults.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000'); // 1 GB
  db.pragma('temp_store = MEMORY');

  const started = Date.now();
  db.exec(`create temp table bench_slo (
    slo_ref text primary key, traffic integer, rate real,
    incident_start integer, incident_end integer, incident_rate real)`);
  const addProfile = db.prepare(
    'insert into bench_slo values (?, ?, ?, ?, ?, ?)',
  );

  // uniform(): a float in [0, 1) from SQLite's random().
  const uniform = '((random() & 1073741823) / 1073741824.0)';
  const generate = table =>
    db.prepare(`
      insert into ${table} (slo_ref, objective, bucket_start, good, total)
      with recursive minute(t) as (
        select ? union all select t + ${MINUTE} from minute where t + ${MINUTE} < ?
      ),
      counts as materialized (
        select s.slo_ref, m.t,
          s.traffic + (random() & 1073741823) % (s.traffic / 2 + 1) as total,
          case when m.t >= s.incident_start and m.t < s.incident_end
               then s.incident_rate else s.rate end as rate
        from bench_slo s cross join minute m
        where s.slo_ref = ?
      )
      select slo_ref, 0, t,
        total - min(total, cast(total * rate * 2 * ${uniform} + ${uniform} as integer)),
        total
      from counts order by t`);
  const rollup = db.prepare(`
    insert into sli_hour_buckets (slo_ref, objective, bucket_start, good, total)
    select slo_ref, objective, (bucket_start / ${HOUR}) * ${HOUR}, sum(good), sum(total)
    from sli_minute_buckets
    where slo_ref = ? and objective = 0 and bucket_start >= ? and bucket_start < ?
    group by bucket_start / ${HOUR} order by 3`);
  const reduced = hourFrom < minuteFrom;
  if (reduced) {
    db.exec(`create temp table bench_minutes_scratch (slo_ref text,
      objective integer, bucket_start integer, good real, total real)`);
  }
  const rollupTemp = reduced
    ? db.prepare(`
      insert into sli_hour_buckets (slo_ref, objective, bucket_start, good, total)
      select slo_ref, objective, (bucket_start / ${HOUR}) * ${HOUR}, sum(good), sum(total)
      from bench_minutes_scratch
      group by bucket_start / ${HOUR} order by 3`)
    : undefined;
  const generateMinutes = generate('sli_minute_buckets');
  const generateScratch = reduced
    ? generate('bench_minutes_scratch')
    : undefined;
  const clearScratch = reduced
    ? db.prepare('delete from bench_minutes_scratch')
    : undefined;

  let minuteRows = 0;
  let hourRows = 0;
  db.transaction(() => {
    db.prepare('delete from sli_minute_buckets').run();
    db.prepare('delete from sli_hour_buckets').run();
    for (const p of profiles) {
      addProfile.run(
        p.ref,
        p.traffic,
        p.rate,
        p.incidentStart,
        p.incidentEnd,
        p.incidentRate,
      );
    }
    profiles.forEach((p, i) => {
      if (reduced) {
        clearScratch.run();
        generateScratch.run(hourFrom, minuteFrom, p.ref);
        hourRows += rollupTemp.run().changes;
      }
      minuteRows += generateMinutes.run(minuteFrom, end, p.ref).changes;
      hourRows += rollup.run(p.ref, minuteFrom, end).changes;
      if ((i + 1) % 100 === 0) {
        log(
          `bulk load: ${i + 1}/${
            profiles.length
          } SLOs, ${minuteRows} minute rows, ${Math.round(
            (Date.now() - started) / 1000,
          )} s`,
        );
      }
    });
  })();
  db.close();
  return { minuteRows, hourRows, durationMs: Date.now() - started };
}
