// Where the CPU time of one 10,000-event batch goes, outside HTTP and the
// database: run with the backend's TypeScript transform, e.g.
//   node --require @backstage/cli-node/config/nodeTransform.cjs \
//     plugins/reliability-backend/bench/profile-ingest.cjs
// (from packages/backend, so that module resolution matches the backend).
const path = require('node:path');

const src = path.resolve(__dirname, '../src');
const { parseSliEventBatch } = require(path.join(
  src,
  'sli/parseSliEventBatch',
));
const { toBucketCounts } = require(path.join(src, 'sli/toBucketCounts'));
const { aggregate, MINUTE_MS, HOUR_MS } = require(path.join(
  src,
  'sli/buckets',
));
const {
  parseEntityRef,
  stringifyEntityRef,
} = require('@backstage/catalog-model');

const now = Date.now();
const from = Math.floor(now / MINUTE_MS) * MINUTE_MS - 60 * MINUTE_MS;
const refs = Array.from(
  { length: 1000 },
  (_, i) =>
    `slo:default/svc-${i >> 1}-${i % 2 ? 'success-rate' : 'availability'}`,
);
const events = [];
for (let m = 0; m < 10; m++)
  for (const slo of refs)
    events.push({
      slo,
      timestamp: from + m * MINUTE_MS,
      good: 999,
      total: 1000,
    });
const body = JSON.stringify({ idempotencyKey: 'x', events });
const slos = new Map(
  refs.map(ref => [
    ref,
    {
      ref,
      sourceType: 'BuiltIn',
      indicator: { spec: { ratioMetric: {} } },
      slo: { spec: { objectives: [{}] } },
    },
  ]),
);
const sloRefOf = e =>
  stringifyEntityRef(
    parseEntityRef(e.slo, { defaultKind: 'slo', defaultNamespace: 'default' }),
  );

function time(label, fn, n = 20) {
  fn();
  const t0 = performance.now();
  let out;
  for (let i = 0; i < n; i++) out = fn();
  console.log(
    `${label.padEnd(34)} ${((performance.now() - t0) / n).toFixed(1)} ms`,
  );
  return out;
}
const parsedBody = time('JSON.parse (express.json)', () => JSON.parse(body));
const batch = time('parseSliEventBatch (zod)', () =>
  parseSliEventBatch(parsedBody),
);
time(
  'distinct refs (sloRefOf × 10k)',
  () => new Set(batch.events.map(sloRefOf)),
);
const counts = time('toBucketCounts (sloRefOf × 10k)', () =>
  toBucketCounts(batch.events, slos, sloRefOf, {
    now,
    retentionMs: 35 * 86400000,
  }),
);
const minutes = time('aggregate minutes', () => aggregate(counts, MINUTE_MS));
time('aggregate hours', () => aggregate(counts, HOUR_MS));
time('bindings for 10 statements', () => {
  for (let i = 0; i < minutes.length; i += 1000) {
    const chunk = minutes.slice(i, i + 1000);
    chunk.map(() => '(?, ?, ?, ?, ?)').join(', ');
    chunk.flatMap(r => [r.sloRef, r.objective, r.bucketStart, r.good, r.total]);
  }
});
