#!/usr/bin/env node
// Bootstrap for a fresh clone: needs only Node 20+ and npm.
//
//   node scripts/bootstrap.mjs start   install everything, start the demo portal
//   node scripts/bootstrap.mjs start:prometheus
//                                      the same, with a local Prometheus behind
//                                      some demo SLOs (docs/prometheus.md)
//   node scripts/bootstrap.mjs test    install everything, run every test
//   node scripts/bootstrap.mjs install install only
//   node scripts/bootstrap.mjs yarn …  run the checked-in Yarn with the chosen Node
//
// It picks a Node that Backstage 1.55 supports (22 or 24) and that can load
// better-sqlite3; when the system Node cannot, it fetches Node 22 LTS from the
// npm registry (package node-<os>-<arch>, which ships the binary and its C
// headers) into .toolchain/, and builds native modules against that Node.
// Under Node 24.21 a 1.55 backend on SQLite crashed at start inside
// better-sqlite3, so Node 22 is what we fetch.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '22.23.3';
const SUPPORTED_MAJORS = [22, 24];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolchainDir = path.join(root, '.toolchain');

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function fail(message) {
  log(`error: ${message}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  return result.status ?? 1;
}

function majorOf(version) {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

/** The directory holding include/node for a Node binary, if it has headers. */
function headersFor(nodeBin) {
  const prefix = path.dirname(path.dirname(nodeBin));
  return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))
    ? prefix
    : undefined;
}

function fetchedNodeBin() {
  return path.join(toolchainDir, `node-${NODE_VERSION}`, 'bin', 'node');
}

function npmPackageForPlatform() {
  const osName = { linux: 'linux', darwin: 'darwin', win32: 'win' }[
    process.platform
  ];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (!osName || !arch) {
    fail(`no Node package for ${process.platform}/${process.arch}`);
  }
  return `node-${osName}-${arch}@${NODE_VERSION}`;
}

function fetchNode() {
  const bin = fetchedNodeBin();
  if (fs.existsSync(bin)) return bin;
  const pkg = npmPackageForPlatform();
  log(`fetching Node ${NODE_VERSION} (${pkg}) into .toolchain/`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-node-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = spawnSync(npm, ['pack', pkg, '--silent'], {
    cwd: tmp,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (packed.status !== 0) fail(`npm pack ${pkg} failed`);
  const tarball = path.join(tmp, packed.stdout.trim().split('\n').pop());
  const dest = path.dirname(path.dirname(bin));
  fs.mkdirSync(dest, { recursive: true });
  if (run('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1']) !== 0) {
    fail(`could not unpack ${tarball}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.chmodSync(bin, 0o755);
  return bin;
}

function systemNodeCandidate() {
  if (process.env.RELIABILITY_FORCE_FETCHED_NODE === '1') return undefined;
  if (!SUPPORTED_MAJORS.includes(majorOf(process.version))) {
    log(
      `system Node ${
        process.version
      } is not one Backstage 1.55 supports (${SUPPORTED_MAJORS.join(' or ')})`,
    );
    return undefined;
  }
  if (!headersFor(process.execPath)) {
    log(`system Node ${process.version} has no C headers for native modules`);
    return undefined;
  }
  return process.execPath;
}

function yarnRelease() {
  const rc = fs.readFileSync(path.join(root, '.yarnrc.yml'), 'utf8');
  const match = rc.match(/^yarnPath:\s*(\S+)/m);
  if (!match) fail('.yarnrc.yml has no yarnPath');
  return path.join(root, match[1]);
}

function envFor(nodeBin) {
  const nodeDir = path.dirname(nodeBin);
  return {
    ...process.env,
    // Child processes (backstage-cli, jest, node-gyp) must use this Node too.
    PATH: `${nodeDir}${path.delimiter}${process.env.PATH ?? ''}`,
    // node-gyp builds native modules against these headers, offline.
    npm_config_nodedir: headersFor(nodeBin),
    YARN_IGNORE_PATH: undefined,
  };
}

function yarn(nodeBin, args) {
  return run(nodeBin, [yarnRelease(), ...args], {
    cwd: root,
    env: envFor(nodeBin),
  });
}

/** Loads better-sqlite3 with a Node, opens a database and exits cleanly. */
function sqliteWorks(nodeBin) {
  const probe =
    "const D=require('better-sqlite3');const d=new D(':memory:');" +
    "d.prepare('select 1').get();d.close();";
  const result = spawnSync(nodeBin, ['-e', probe], {
    cwd: path.join(root, 'packages', 'backend'),
    env: envFor(nodeBin),
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    log(`better-sqlite3 under ${nodeBin} failed: ${result.stderr.trim()}`);
  }
  return result.status === 0;
}

function install(nodeBin) {
  const args = ['install'];
  if (process.env.CI === 'true') args.push('--immutable');
  if (yarn(nodeBin, args) !== 0) fail('yarn install failed');
}

/** Chooses the Node to use, installs dependencies with it, and checks it. */
function prepare() {
  const marker = path.join(toolchainDir, 'node-path');
  let nodeBin = systemNodeCandidate() ?? fetchNode();
  log(`using Node ${nodeBin}`);
  install(nodeBin);
  if (!sqliteWorks(nodeBin)) {
    if (nodeBin === fetchedNodeBin()) {
      fail('better-sqlite3 does not load; see the error above');
    }
    nodeBin = fetchNode();
    log(`falling back to ${nodeBin}; rebuilding native modules`);
    if (yarn(nodeBin, ['rebuild', 'better-sqlite3']) !== 0) {
      fail('could not rebuild better-sqlite3');
    }
    if (!sqliteWorks(nodeBin)) fail('better-sqlite3 does not load');
  }
  fs.mkdirSync(toolchainDir, { recursive: true });
  fs.writeFileSync(marker, `${nodeBin}\n`);
  return nodeBin;
}

const [command = 'start', ...rest] = process.argv.slice(2);
switch (command) {
  case 'install':
    prepare();
    break;
  case 'start':
    process.exit(yarn(prepare(), ['start', ...rest]));
    break;
  case 'start:prometheus': {
    const profile = await import('./lib/prometheusProfile.mjs');
    try {
      profile.requirePrometheus();
    } catch (error) {
      fail(error.message);
    }
    const nodeBin = prepare();
    const code = await profile
      .startPrometheusProfile({
        root,
        nodeBin,
        yarnRelease: yarnRelease(),
        env: envFor(nodeBin),
        args: rest,
        log,
      })
      .catch(error => fail(error.message));
    process.exit(code);
    break;
  }
  case 'test':
    process.exit(yarn(prepare(), ['test', ...rest]));
    break;
  case 'yarn': {
    const marker = path.join(toolchainDir, 'node-path');
    const nodeBin = fs.existsSync(marker)
      ? fs.readFileSync(marker, 'utf8').trim()
      : prepare();
    process.exit(yarn(nodeBin, rest));
    break;
  }
  default:
    fail(
      `unknown command "${command}"; use start, start:prometheus, test, install or yarn`,
    );
}
