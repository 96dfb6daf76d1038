import { ConfigSchema, loadConfigSchema } from '@backstage/config-loader';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// What of the reliability configuration can reach the browser: the
// app-backend serves the frontend the config that the merged schema marks
// `@visibility frontend`. Credentials must be `@visibility secret`, and the
// frontend plugin needs no reliability key at all.

const RELIABILITY_PACKAGES = [
  '@reliability-kit/plugin-reliability-backend',
  '@reliability-kit/plugin-reliability-backend-module-prometheus',
];

type JsonObject = Parameters<ConfigSchema['process']>[0][number]['data'];

/** A configuration with most keys and every credential; checked against the schema. */
const fullReliabilityConfig = {
  reliability: {
    evaluation: {
      frequency: { minutes: 5 },
      timeout: { minutes: 4 },
      initialDelay: { seconds: 10 },
    },
    store: { retention: { days: 35 } },
    warningThreshold: 0.25,
    releaseGate: {
      policy: { blockWhenExhausted: true, warnBelow: 0.25, blockBelow: 0.05 },
      environments: { staging: { blockWhenExhausted: false } },
    },
    ownership: {
      pagerDutyBaseUrl: 'https://acme.pagerduty.com',
      opsgenieBaseUrl: 'https://acme.app.opsgenie.com',
    },
    runbooks: { maxAgeDays: 180, cacheTtl: { minutes: 5 }, cacheSize: 500 },
    demo: { seedToken: 'seed-token-secret' },
    prometheus: {
      defaultInstance: 'main',
      maxConcurrentQueries: 8,
      cacheTtl: { seconds: 30 },
      instances: [
        {
          name: 'main',
          url: 'https://mimir.example.com/prometheus',
          bearerToken: 'bearer-secret',
          headers: { Authorization: 'Basic dXNlcjpwYXNzd29yZA==' },
          tenant: 'tenant-secret',
          timeout: { seconds: 30 },
          retries: 2,
          retryBackoff: { milliseconds: 500 },
        },
      ],
    },
  },
};

/** The leaf paths of a config object, arrays by index. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => leafPaths(v, `${prefix}[${i}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      leafPaths(v, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}

/** Paths in JSON schemas whose `visibility` is the given one. */
function schemaPathsWithVisibility(
  schema: unknown,
  visibility: string,
  prefix = '',
): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const found =
    node.visibility === visibility || node.deepVisibility === visibility
      ? [prefix]
      : [];
  const children: Array<[string, unknown]> = [];
  for (const [key, child] of Object.entries(
    (node.properties as object) ?? {},
  )) {
    children.push([prefix ? `${prefix}.${key}` : key, child]);
  }
  if (node.items) children.push([`${prefix}[]`, node.items]);
  if (
    node.additionalProperties &&
    typeof node.additionalProperties === 'object'
  ) {
    children.push([`${prefix}.*`, node.additionalProperties]);
  }
  for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
    for (const child of (node[combinator] as unknown[]) ?? []) {
      children.push([prefix, child]);
    }
  }
  return found.concat(
    children.flatMap(([childPath, child]) =>
      schemaPathsWithVisibility(child, visibility, childPath),
    ),
  );
}

describe('reliability config visibility', () => {
  let schema: ConfigSchema;
  const declared = () =>
    (
      schema.serialize() as {
        schemas: Array<{ path: string; value: JsonObject }>;
      }
    ).schemas.filter(s => /reliability/.test(s.path));

  beforeAll(async () => {
    schema = await loadConfigSchema({
      dependencies: RELIABILITY_PACKAGES,
      excludePackageDependencies: true,
      noUndeclaredProperties: true,
    });
  }, 120_000);

  it('reads the schema of both packages', () => {
    // In either order: the packages are read concurrently.
    expect(declared().map(s => s.path.replace(/^.*plugins\//, ''))).toEqual(
      expect.arrayContaining([
        'reliability-backend/config.d.ts',
        'reliability-backend-module-prometheus/config.d.ts',
      ]),
    );
    expect(declared()).toHaveLength(2);
  });

  it('declares no frontend key and marks exactly the credentials secret', () => {
    const paths = (visibility: string) =>
      declared()
        .flatMap(s => schemaPathsWithVisibility(s.value, visibility))
        .sort();
    expect(paths('frontend')).toEqual([]);
    expect(paths('secret')).toEqual([
      'reliability.demo.seedToken',
      'reliability.prometheus.instances[].bearerToken',
      'reliability.prometheus.instances[].headers',
      'reliability.prometheus.instances[].tenant',
    ]);
  });

  it('gives the frontend nothing of a full configuration, and the backend all of it', () => {
    const [all] = schema.process([
      { data: fullReliabilityConfig, context: 'test' },
    ]);
    // Every key of the sample is declared (noUndeclaredProperties) and kept.
    expect(leafPaths(all.data).sort()).toEqual(
      leafPaths(fullReliabilityConfig).sort(),
    );
    const [frontend] = schema.process(
      [{ data: fullReliabilityConfig, context: 'test' }],
      { visibility: ['frontend'] },
    );
    expect(frontend.data).toEqual({});
    const [secret] = schema.process(
      [{ data: fullReliabilityConfig, context: 'test' }],
      { visibility: ['secret'] },
    );
    expect(leafPaths(secret.data).sort()).toEqual([
      'reliability.demo.seedToken',
      'reliability.prometheus.instances[0].bearerToken',
      'reliability.prometheus.instances[0].headers.Authorization',
      'reliability.prometheus.instances[0].tenant',
    ]);
  });
});

describe('the demo portal config served to the browser', () => {
  const repoRoot = path.resolve(__dirname, '../../..');
  const appConfigs = [
    'app-config.yaml',
    'app-config.prometheus.yaml',
    'app-config.production.yaml',
  ].map(file => ({
    context: file,
    data: parse(
      // Environment placeholders as the demo resolves them by default.
      fs
        .readFileSync(path.join(repoRoot, file), 'utf8')
        .replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name, fallback) =>
          fallback !== undefined ? fallback : `${name}-value`,
        ),
    ) as JsonObject,
  }));

  it('holds no reliability key and no token, with every schema of the portal', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['backend', 'app'],
    });
    const frontend = schema.process(appConfigs, {
      visibility: ['frontend'],
      ignoreSchemaErrors: true,
    });
    // No package of the portal declares a frontend key under reliability.
    const frontendKeys = (
      schema.serialize() as { schemas: Array<{ value: JsonObject }> }
    ).schemas.flatMap(s => schemaPathsWithVisibility(s.value, 'frontend'));
    expect(frontendKeys).toContain('app.title');
    expect(frontendKeys.filter(key => key.startsWith('reliability'))).toEqual(
      [],
    );
    const servedKeys = (key: string) =>
      frontend.filter(c => key in c.data).map(c => c.context);
    expect(servedKeys('reliability')).toEqual([]);
    // backend.baseUrl is for the frontend; nothing else under backend.
    expect(
      frontend.flatMap(c =>
        leafPaths(c.data).filter(
          key => key.startsWith('backend.') && key !== 'backend.baseUrl',
        ),
      ),
    ).toEqual([]);
    const text = JSON.stringify(frontend.map(c => c.data));
    expect(text).not.toContain('demo-seed-token-change-me');
    expect(text).not.toContain('127.0.0.1:9090');
    // The same files, unfiltered, do hold them: the filter did the work.
    const everything = JSON.stringify(
      schema.process(appConfigs, { ignoreSchemaErrors: true }).map(c => c.data),
    );
    expect(everything).toContain('demo-seed-token-change-me');
    expect(everything).toContain('127.0.0.1:9090');
    // The frontend does get its own keys.
    expect(
      frontend.some(
        c => (c.data as any).app?.title === 'Backstage Reliability',
      ),
    ).toBe(true);
  }, 300_000);
});
