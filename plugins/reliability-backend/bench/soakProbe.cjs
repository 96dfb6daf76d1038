// Preloaded into the backend by bench/soak.mjs (node --expose-gc --require):
// writes process.memoryUsage() as JSON lines to SOAK_PROBE_FILE every
// SOAK_PROBE_MS (10 s), without forcing a collection, and on SIGUSR2 after a
// full collection (the live heap). Bench-only: the plugin never loads it.
const fs = require('node:fs');

const file = process.env.SOAK_PROBE_FILE;
if (file) {
  const write = kind => {
    const m = process.memoryUsage();
    fs.appendFileSync(
      file,
      `${JSON.stringify({
        at: Date.now(),
        kind,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
      })}\n`,
    );
  };
  setInterval(
    () => write('sample'),
    Number(process.env.SOAK_PROBE_MS ?? 10_000),
  ).unref();
  process.on('SIGUSR2', () => {
    if (global.gc) global.gc();
    write('after-gc');
  });
}
