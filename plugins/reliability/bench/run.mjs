#!/usr/bin/env node
// Benchmark of the reliability frontend: the gzipped size of the plugin's
// lazily loaded chunks in a production build of the demo app, and the time
// until the first rows of the Reliability page show in Chromium with 2,000
// services. Run from the repository root with
//
//   node scripts/bootstrap.mjs yarn bench:ui
//
// It builds packages/app with `backstage-cli package build` and an
// extra config (sign-in off, backend at the bench server), moves the build
// to node_modules/.cache/reliability-bench/dist (so no benchmark build is
// left in packages/app/dist), serves it gzipped together with a mock
// /api/reliability/v1/services of 2,000 generated services (paged, filtered
// and sorted like the real route), and loads the page in Debian's
// Chromium. Prints one JSON document to stdout; progress goes to stderr.
//
// Flags: --skip-build (reuse the last build), --runs N (default 7),
// --port N (default 3177), --latency MS (mock API delay, default 0).
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { createMockServices } from './mockServices.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const cacheDir = path.join(root, 'node_modules/.cache/reliability-bench');
const distDir = path.join(cacheDir, 'dist');

const argv = process.argv.slice(2);
const flag = name => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const settings = {
  skipBuild: flag('--skip-build'),
  runs: option('--runs', 7),
  port: option('--port', 3177),
  latencyMs: option('--latency', 0),
  services: 2000,
  targets: { lazyGzipKb: 250, firstRowsMs: 1500 },
};

const log = (...args) => process.stderr.write(`[bench:ui] ${args.join(' ')}\n`);
const kb = bytes => Math.round((bytes / 1024) * 10) / 10;
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const summary = values => ({
  median: Math.round(median(values)),
  min: Math.round(Math.min(...values)),
  max: Math.round(Math.max(...values)),
  runs: values.map(Math.round),
});

/** Builds the app with the bench config into the cache directory. */
function build() {
  const config = path.join(
    os.tmpdir(),
    `reliability-bench-${process.pid}.yaml`,
  );
  fs.writeFileSync(
    config,
    [
      'app:',
      '  title: Reliability benchmark',
      `  baseUrl: http://localhost:${settings.port}`,
      '  packages: all',
      '  extensions:',
      '    # No sign-in: the bench server is not a Backstage backend.',
      '    - sign-in-page:app: false',
      '    - page:catalog:',
      '        config:',
      '          path: /',
      'backend:',
      `  baseUrl: http://localhost:${settings.port}`,
      '',
    ].join('\n'),
  );
  const appDist = path.join(root, 'packages/app/dist');
  if (fs.existsSync(appDist)) {
    throw new Error(
      `${appDist} exists; move it away first (the bench builds there)`,
    );
  }
  // Yarn's own release, run with this Node (npm_execpath may be a shell shim).
  const releases = path.join(root, '.yarn/releases');
  const yarnRelease = path.join(
    releases,
    fs.readdirSync(releases).find(f => /\.c?js$/.test(f)),
  );
  log('building packages/app (backstage-cli package build) …');
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      yarnRelease,
      'workspace',
      'app',
      'backstage-cli',
      'package',
      'build',
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      config,
    ],
    // The build's report goes to stderr: stdout is the JSON result.
    { cwd: root, stdio: ['ignore', 2, 2], timeout: 20 * 60_000 },
  );
  fs.rmSync(config, { force: true });
  if (result.status !== 0) throw new Error('the app build failed');
  fs.rmSync(distDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.renameSync(appDist, distDir);
  return Date.now() - started;
}

const OURS = /plugins[\\/]reliability[\\/]src[\\/]/;

/**
 * The chunks holding the plugin's modules, found through their source
 * maps: lazy ones are what the views load on demand; the initial ones
 * (named in index.html) carry the plugin's registration (alpha.tsx and the
 * API client).
 */
function chunkSizes() {
  const staticDir = path.join(distDir, 'static');
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const rows = [];
  for (const file of fs.readdirSync(staticDir)) {
    if (
      !file.endsWith('.js') ||
      !fs.existsSync(path.join(staticDir, `${file}.map`))
    ) {
      continue;
    }
    const map = JSON.parse(
      fs.readFileSync(path.join(staticDir, `${file}.map`), 'utf8'),
    );
    const ours = map.sources
      .map((source, i) => ({ source, content: map.sourcesContent?.[i] ?? '' }))
      .filter(({ source }) => OURS.test(source));
    if (!ours.length) continue;
    const bytes = fs.readFileSync(path.join(staticDir, file));
    rows.push({
      file: `static/${file}`,
      initial: html.includes(`static/${file}`),
      rawKb: kb(bytes.length),
      gzipKb: kb(zlib.gzipSync(bytes, { level: 9 }).length),
      // Source size before minification of the plugin's modules in it.
      pluginSourceKb: kb(ours.reduce((n, o) => n + o.content.length, 0)),
      views: [
        ...new Set(
          ours
            .map(o => o.source.split(/[\\/]/).pop())
            .filter(name =>
              /^(Entity|Reliability|Scorecards)\w+\.tsx$/.test(name),
            ),
        ),
      ],
    });
  }
  const lazy = rows.filter(r => !r.initial);
  return {
    chunks: rows,
    lazyChunkCount: lazy.length,
    lazyGzipKb: kb(lazy.reduce((n, r) => n + r.gzipKb * 1024, 0)),
    largestLazyGzipKb: Math.max(...lazy.map(r => r.gzipKb)),
    initialPluginSourceKb: kb(
      rows
        .filter(r => r.initial)
        .reduce((n, r) => n + r.pluginSourceKb * 1024, 0),
    ),
  };
}

/** Serves the build (gzipped, SPA fallback) and the mock reliability API. */
function serve() {
  const services = createMockServices(settings.services);
  const gzCache = new Map();
  const types = {
    '.js': 'application/javascript',
    '.css': 'text/css',
    '.html': 'text/html',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
  };
  const sendJson = (res, status, body) => {
    const data = zlib.gzipSync(JSON.stringify(body));
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    res.end(data);
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/api/reliability/v1/services') {
      const answer = () => sendJson(res, 200, services.page(url.searchParams));
      if (settings.latencyMs) setTimeout(answer, settings.latencyMs);
      else answer();
      return;
    }
    if (url.pathname.startsWith('/api/catalog/entities/by-query')) {
      sendJson(res, 200, { items: [], totalItems: 0, pageInfo: {} });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      sendJson(res, 404, {
        error: { name: 'NotFoundError', message: 'not in the bench server' },
      });
      return;
    }
    let file = path.join(distDir, path.normalize(url.pathname));
    if (
      !file.startsWith(distDir) ||
      !fs.existsSync(file) ||
      fs.statSync(file).isDirectory()
    ) {
      file = path.join(distDir, 'index.html');
    }
    if (!gzCache.has(file)) {
      gzCache.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'content-encoding': 'gzip',
      'cache-control': file.includes(`${path.sep}static${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    res.end(gzCache.get(file));
  });
  return new Promise(resolve =>
    server.listen(settings.port, '127.0.0.1', () => resolve(server)),
  );
}

/** Records when the first service row enters the DOM, in page time. */
const FIRST_ROW_OBSERVER = () => {
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="service-row"]')) {
      window.__firstRowAt = performance.now();
      observer.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true }),
  );
};

async function measure() {
  // A devDependency of the repository root, where the bench runs from.
  // eslint-disable-next-line @backstage/no-undeclared-imports
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const base = `http://localhost:${settings.port}`;
  const firstRows = async page => {
    await page.waitForFunction(() => window.__firstRowAt !== undefined, null, {
      timeout: 60_000,
      polling: 50,
    });
    return page.evaluate(() => window.__firstRowAt);
  };
  const results = { coldLoadMs: [], warmLoadMs: [], inAppNavigationMs: [] };
  let transfer;
  try {
    // Warm-up run: fills the OS file cache and the server's gzip cache.
    {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(FIRST_ROW_OBSERVER);
      await page.goto(`${base}/reliability`);
      await firstRows(page);
      await context.close();
    }
    for (let i = 0; i < settings.runs; i++) {
      // Cold: a new profile, nothing cached, straight to /reliability.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(FIRST_ROW_OBSERVER);
      let jsBytes = 0;
      page.on('response', async response => {
        const url = response.url();
        if (url.endsWith('.js')) {
          const sizes = await response
            .request()
            .sizes()
            .catch(() => undefined);
          jsBytes += sizes?.responseBodySize ?? 0;
        }
      });
      await page.goto(`${base}/reliability`);
      results.coldLoadMs.push(await firstRows(page));
      const rows = await page.locator('[data-testid="service-row"]').count();
      const total = await page.getByText(/of 2000/).count();
      if (rows !== 25 || !total) {
        throw new Error(`expected 25 rows of 2000, saw ${rows} (${total})`);
      }
      transfer = { jsGzipKbOnColdLoad: kb(jsBytes) };

      // Warm: the same profile again, the bundle from the HTTP cache.
      await page.goto(`${base}/reliability`);
      results.warmLoadMs.push(await firstRows(page));

      // In the app: from the catalog, a click on the sidebar item.
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: 'Reliability' }).first().waitFor();
      await page.evaluate(() => {
        window.__firstRowAt = undefined;
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="service-row"]')) {
            window.__firstRowAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
      const clickedAt = await page.evaluate(() => performance.now());
      await page.getByRole('link', { name: 'Reliability' }).first().click();
      results.inAppNavigationMs.push((await firstRows(page)) - clickedAt);
      await context.close();
      log(
        `run ${i + 1}/${settings.runs}: cold ${Math.round(
          results.coldLoadMs.at(-1),
        )} ms, warm ${Math.round(
          results.warmLoadMs.at(-1),
        )} ms, in app ${Math.round(results.inAppNavigationMs.at(-1))} ms`,
      );
    }
  } finally {
    await browser.close();
  }
  return {
    coldLoadMs: summary(results.coldLoadMs),
    warmLoadMs: summary(results.warmLoadMs),
    inAppNavigationMs: summary(results.inAppNavigationMs),
    ...transfer,
  };
}

async function main() {
  const buildMs = settings.skipBuild ? undefined : build();
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(`no build in ${distDir}: run without --skip-build`);
  }
  log('measuring chunk sizes …');
  const sizes = chunkSizes();
  const server = await serve();
  let timing;
  try {
    log(`loading the Reliability page ${settings.runs} times …`);
    timing = await measure();
  } finally {
    server.close();
  }
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg().map(n => Math.round(n * 100) / 100),
    },
    settings,
    buildMs,
    sizes,
    timing,
    verdict: {
      lazyChunksWithinBudget: sizes.lazyGzipKb <= settings.targets.lazyGzipKb,
      coldFirstRowsWithinTarget:
        timing.coldLoadMs.median < settings.targets.firstRowsMs,
      inAppFirstRowsWithinTarget:
        timing.inAppNavigationMs.median < settings.targets.firstRowsMs,
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
