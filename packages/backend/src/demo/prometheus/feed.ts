// Command line of the Prometheus demo profile's data, run by
// scripts/lib/prometheusProfile.mjs with the Backstage CLI's TypeScript
// transform:
//
//   node --require @backstage/cli-node/config/nodeTransform.cjs \
//     packages/backend/src/demo/prometheus/feed.ts --out <file> [--port <n>]
//
// Writes the 30-day history of the Prometheus-backed SLOs of
// catalog/prometheus/ as OpenMetrics to <file>, prints one JSON line
// {"history": …}, and with --port serves the live values at
// http://127.0.0.1:<n>/metrics for Prometheus to scrape, printing
// {"listening": …}. Stops on SIGINT or SIGTERM.

import fs from 'node:fs';
import http from 'node:http';
import { demoHistoryEnd } from '../chunks';
import { DemoPrometheusMetrics } from './metrics';
import { describeProfileSlos, loadProfileCatalog } from './profile';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function say(message: object) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function main() {
  const out = option('out');
  if (!out) throw new Error('usage: feed.ts --out <file> [--port <port>]');
  const port = option('port');
  const slos = describeProfileSlos(loadProfileCatalog());
  const metrics = new DemoPrometheusMetrics(slos);
  const anchor = demoHistoryEnd(Date.now());
  const fd = fs.openSync(out, 'w');
  let samples: number;
  try {
    samples = metrics.writeHistory(anchor, text => fs.writeSync(fd, text));
  } finally {
    fs.closeSync(fd);
  }
  say({
    history: out,
    anchor: new Date(anchor).toISOString(),
    slos: slos.map(s => s.demo.name),
    series: metrics.seriesCount,
    samples,
  });
  if (!port) return;
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(metrics.exposition(Date.now()));
  });
  server.listen(Number(port), '127.0.0.1', () => {
    say({ listening: `http://127.0.0.1:${port}/metrics` });
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
}
