import path from 'node:path';
import { ConfigSources } from '@backstage/config-loader';
import { readPrometheusConfig } from '@reliability-kit/plugin-reliability-backend-module-prometheus';
import {
  formatOpenSloValidationErrors,
  validateOpenSloDocument,
} from '@reliability-kit/plugin-reliability-common';
import { entityRefOf } from '../history';
import {
  CATALOG_DIR,
  type CatalogDocument,
  describeProfileSlos,
  loadProfileCatalog,
  locationTargets,
  PROFILE_LOCATION,
  PROFILE_SERIES,
  readCatalogFile,
} from './profile';

// The Prometheus demo profile's configuration (app-config.prometheus.yaml)
// and catalog (catalog/all-prometheus.yaml, catalog/prometheus/): valid, and
// in step with the default demo catalog (catalog/all.yaml).

const repoRoot = path.resolve(CATALOG_DIR, '..');
const documents = loadProfileCatalog();
const own = documents.filter(d => d.file.startsWith('prometheus/'));
const openSlo = own.filter(d => d.entity.apiVersion === 'openslo/v1');

/** The default demo's targets that the profile replaces, and their entities. */
const defaultTargets = locationTargets('all.yaml');
const profileTargets = locationTargets(PROFILE_LOCATION);
const replaced = defaultTargets.filter(t => !profileTargets.includes(t));
const replacedDocuments = replaced.flatMap(file =>
  readCatalogFile(file).map(entity => ({ file, entity })),
);

function byRef(
  list: ReadonlyArray<CatalogDocument>,
): Map<string, CatalogDocument> {
  return new Map(list.map(d => [entityRefOf(d.entity), d]));
}

/**
 * The entity without its metric sources, and with relative paths in
 * annotations (e.g. `reliability/slo-runbook`) resolved against its file:
 * what must not differ between an SLO and its Prometheus variant.
 */
function comparable({ file, entity }: CatalogDocument): unknown {
  return JSON.parse(
    JSON.stringify(entity, (key, value) => {
      if (key === 'metricSource') return undefined;
      if (typeof value === 'string' && /^\.\.?\//.test(value)) {
        return path.posix.join(path.posix.dirname(file), value);
      }
      return value;
    }),
  );
}

async function loadConfig(env: Record<string, string>) {
  return ConfigSources.toConfig(
    ConfigSources.defaultForTargets({
      rootDir: repoRoot,
      targets: [
        { type: 'path', target: path.join(repoRoot, 'app-config.yaml') },
        {
          type: 'path',
          target: path.join(repoRoot, 'app-config.prometheus.yaml'),
        },
      ],
      substitutionFunc: async name => env[name],
    }),
  );
}

describe('Prometheus demo profile configuration', () => {
  it('replaces the catalog location and names a Prometheus instance', async () => {
    const config = await loadConfig({
      RELIABILITY_DEMO_PROMETHEUS_URL: 'http://127.0.0.1:19090',
    });
    try {
      const locations = config.getConfigArray('catalog.locations');
      expect(locations.map(l => l.getString('target'))).toEqual([
        '../../catalog/all-prometheus.yaml',
      ]);
      // Targets are relative to packages/backend, where the backend runs.
      expect(
        path.resolve(
          repoRoot,
          'packages/backend',
          locations[0].getString('target'),
        ),
      ).toBe(path.join(CATALOG_DIR, PROFILE_LOCATION));
      const prometheus = readPrometheusConfig(config);
      expect(prometheus.defaultInstance).toBe('demo');
      expect(prometheus.instances.get('demo')?.url).toBe(
        'http://127.0.0.1:19090',
      );
      // The rest of the demo configuration stays.
      expect(config.getString('reliability.demo.seedToken')).toBeTruthy();
      const [rule] = config.getConfigArray('catalog.rules');
      expect(rule.getStringArray('allow')).toContain('SLO');
    } finally {
      config.close();
    }
  });

  it('defaults to Prometheus on port 9090', async () => {
    const config = await loadConfig({});
    try {
      expect(readPrometheusConfig(config).instances.get('demo')?.url).toBe(
        'http://127.0.0.1:9090',
      );
    } finally {
      config.close();
    }
  });
});

describe('Prometheus demo profile catalog (catalog/all-prometheus.yaml)', () => {
  it('lists every file of the default demo but the SLO files it replaces', () => {
    expect(replaced.length).toBeGreaterThanOrEqual(4);
    // Only SLO and SLI documents are replaced, never a component.
    const kinds = replacedDocuments.map(d => d.entity.kind);
    expect(kinds).toEqual(expect.arrayContaining(['SLO', 'SLI']));
    expect(kinds.filter(kind => kind !== 'SLO' && kind !== 'SLI')).toEqual([]);
    // Nothing else is left out, and nothing is listed twice.
    const listed = profileTargets.filter(t => !t.startsWith('prometheus/'));
    expect(listed.sort()).toEqual(
      defaultTargets.filter(t => !replaced.includes(t)).sort(),
    );
    expect(new Set(profileTargets).size).toBe(profileTargets.length);
  });

  it('replaces each SLO and SLI by one with the same name and objectives', () => {
    const variants = byRef(own);
    const originals = byRef(replacedDocuments);
    for (const [ref, original] of originals) {
      const variant = variants.get(ref);
      expect([ref, variant !== undefined]).toEqual([ref, true]);
      expect(comparable(variant!)).toEqual(comparable(original));
    }
    expect(variants.size).toBe(originals.size);
  });

  it.each(openSlo.map(d => [`${d.entity.kind} ${d.entity.metadata.name}`, d]))(
    '%s is a valid OpenSLO document without warnings',
    (_name, { file, entity }) => {
      const result = validateOpenSloDocument(entity);
      if (!result.ok) {
        throw new Error(
          `${file}: not valid OpenSLO:\n${formatOpenSloValidationErrors(
            result.errors,
          )}`,
        );
      }
      expect(formatOpenSloValidationErrors(result.warnings)).toBe('');
    },
  );

  it('reads Prometheus for every SLO it holds, with series for each', () => {
    const slos = describeProfileSlos(documents);
    const names = slos.map(s => s.demo.name).sort();
    expect(names).toEqual(
      openSlo
        .filter(d => d.entity.kind === 'SLO')
        .map(d => d.entity.metadata.name)
        .sort(),
    );
    expect(Object.keys(PROFILE_SERIES).sort()).toEqual(names);
    // The story: healthy SLOs, one exhausted, one burning fast.
    const stories = slos.map(s => s.demo.profile.story);
    expect(stories).toContain('exhausted');
    expect(stories).toContain('fast-burn');
    expect(stories.filter(s => s === 'healthy').length).toBeGreaterThan(3);
    expect(new Set(slos.map(s => s.demo.service)).size).toBe(4);
  });

  it('samples one-minute time slices more than once a minute', () => {
    const slo = describeProfileSlos(documents).find(
      s => s.demo.name === 'payments-api-availability',
    );
    expect(slo?.demo.budgetingMethod).toBe('Timeslices');
    expect(slo?.sampleMs).toBe(20_000);
  });

  it('puts histogram bucket bounds at the threshold objectives', () => {
    for (const slo of describeProfileSlos(documents)) {
      if (slo.plan.kind !== 'histogram') continue;
      for (const { value } of slo.demo.thresholds) {
        expect(slo.plan.buckets).toContain(value);
      }
    }
  });
});
