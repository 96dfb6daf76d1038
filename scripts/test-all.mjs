#!/usr/bin/env node
// Every test of the repository, in the order a reviewer wants failures:
// type check, lint, formatting, Jest (unit and integration, on SQLite and a
// throwaway PostgreSQL), then the end-to-end suite in headless Chromium.
// `yarn test` runs this; `node scripts/bootstrap.mjs test` sets up Node and
// dependencies first. Pass step names to run only those, e.g. `yarn test jest`.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(os.tmpdir(), `reliability-tests-${process.pid}`);
fs.mkdirSync(results, { recursive: true });
const jestJson = path.join(results, 'jest.json');
const playwrightJson = path.join(results, 'playwright.json');

const bin = name => path.join(root, 'node_modules', '.bin', name);

const steps = [
  { name: 'tsc', cmd: [bin('tsc')] },
  { name: 'lint', cmd: [bin('backstage-cli'), 'repo', 'lint'] },
  { name: 'prettier', cmd: [bin('prettier'), '--check', '.'] },
  {
    name: 'jest',
    cmd: [
      process.execPath,
      path.join(root, 'scripts', 'with-test-servers.mjs'),
      '--',
      bin('backstage-cli'),
      'repo',
      'test',
      '--watchAll=false',
      '--ci',
      '--json',
      `--outputFile=${jestJson}`,
    ],
  },
  {
    name: 'e2e',
    cmd: [bin('playwright'), 'test'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  },
];

const only = process.argv.slice(2);
const unknown = only.filter(name => !steps.some(step => step.name === name));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(', ')}`);
  process.exit(2);
}

const summary = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  const started = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const [cmd, ...args] = step.cmd;
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const ok = result.status === 0;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${step.name} (${seconds}s)`);
  if (!ok) break;
}

function readCounts(file, pick) {
  try {
    return pick(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

const jest = readCounts(jestJson, r => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
  skipped: r.numPendingTests + r.numTodoTests,
}));
const e2e = readCounts(playwrightJson, r => ({
  passed: r.stats.expected + r.stats.flaky,
  failed: r.stats.unexpected,
  skipped: r.stats.skipped,
}));
fs.rmSync(results, { recursive: true, force: true });

console.log('\n=== summary ===');
for (const line of summary) console.log(line);
const failedStep = summary.some(line => line.startsWith('FAIL'));
const passed = jest.passed + e2e.passed;
const failedTests = jest.failed + e2e.failed;
// A step that failed outside any test (tsc, lint) still counts as a failure.
const failed = failedTests || (failedStep ? 1 : 0);
console.log(`jest: ${jest.passed} passed, ${jest.failed} failed`);
console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(
  `${passed} passed, ${failed} failed, ${jest.skipped + e2e.skipped} skipped`,
);
process.exit(failedStep ? 1 : 0);
