// The bench's catalog (Groups, Components and OpenSLO SLOs) and its config,
// derived from the demo's app-config.yaml.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

export const GROUPS = 10;
export const COMPONENTS = 500;
export const SLOS_PER_COMPONENT = 2;
const SLO_SUFFIXES = ['availability', 'success-rate'];

export function componentName(i) {
  return `svc-${i}`;
}

/** Every SLO: its entity ref, name, service and time window. */
export function sloList() {
  const slos = [];
  for (let c = 0; c < COMPONENTS; c++) {
    for (let k = 0; k < SLOS_PER_COMPONENT; k++) {
      const name = `${componentName(c)}-${SLO_SUFFIXES[k]}`;
      slos.push({
        name,
        ref: `slo:default/${name}`,
        service: componentName(c),
        // One SLO in five uses a 28-day window, the rest 30 days.
        window: (c * SLOS_PER_COMPONENT + k) % 5 === 4 ? '28d' : '30d',
      });
    }
  }
  return slos;
}

/**
 * Writes the catalog: `components` Components (the default 500 or more), and
 * the two SLOs of each of the first 500.
 */
export function writeCatalog(file, { components = COMPONENTS } = {}) {
  const docs = [];
  for (let g = 0; g < GROUPS; g++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${g}` },
      spec: { type: 'team', children: [] },
    });
  }
  for (let c = 0; c < components; c++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: componentName(c) },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `team-${c % GROUPS}`,
      },
    });
  }
  for (const slo of sloList()) {
    docs.push({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: slo.name, displayName: `${slo.name} (99.9 %)` },
      spec: {
        service: slo.service,
        indicator: {
          metadata: { name: `${slo.name}-ratio` },
          spec: {
            ratioMetric: {
              counter: false,
              good: {
                metricSource: { type: 'BuiltIn', spec: { counter: 'good' } },
              },
              total: {
                metricSource: { type: 'BuiltIn', spec: { counter: 'total' } },
              },
            },
          },
        },
        timeWindow: [{ duration: slo.window, isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ displayName: '99.9 %', target: 0.999 }],
      },
    });
  }
  fs.writeFileSync(file, docs.map(d => YAML.stringify(d)).join('---\n'));
  return docs.length;
}

/**
 * A complete config for the bench, starting from the demo's app-config.yaml:
 * it is passed alone (not layered on app-config.yaml) because layering can
 * replace keys but not remove `reliability.demo`.
 */
export function writeConfig(
  file,
  { repoRoot, port, token, dbDir, catalogFile, database },
) {
  const config = YAML.parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  config.backend = {
    ...config.backend,
    baseUrl,
    listen: { port, host: '127.0.0.1' },
    // One SQLite file per plugin in dbDir: reliability.sqlite, catalog.sqlite…
    // unless the caller passes another database config (PostgreSQL).
    database: database ?? {
      client: 'better-sqlite3',
      connection: { directory: dbDir },
    },
    auth: {
      externalAccess: [
        {
          type: 'static',
          options: { token, subject: 'reliability-bench' },
        },
      ],
    },
  };
  config.catalog = {
    rules: [{ allow: ['Component', 'Group', 'Location', 'SLO', 'SLI'] }],
    locations: [{ type: 'file', target: catalogFile }],
  };
  config.reliability = {
    ...config.reliability,
    // Only the bench's explicit cycles run.
    evaluation: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
  };
  delete config.reliability.demo;
  fs.writeFileSync(file, YAML.stringify(config));
  return config;
}
