import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import {
  ANNOTATION_SLO_OWNER,
  formatOpenSloValidationErrors,
  isOpenSloEntity,
  OpenSloSlo,
  validateOpenSloDocument,
} from '@reliability-kit/plugin-reliability-common';

// Checks the Acme Shop demo organisation in catalog/: every file listed in
// catalog/all.yaml is loaded the way the catalog would, and the OpenSLO
// documents in it must be valid and point at entities that exist.

const repoRoot = path.resolve(__dirname, '../../..');
const catalogDir = path.join(repoRoot, 'catalog');

interface LoadedEntity {
  /** Path relative to catalog/, e.g. `components/search-api/slos.yaml`. */
  file: string;
  entity: Entity;
}

function parseFile(file: string): unknown[] {
  const text = fs.readFileSync(path.join(catalogDir, file), 'utf8');
  return parseAllDocuments(text).map((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(
        `${file}, document ${index + 1}: ${doc.errors
          .map(e => e.message)
          .join('; ')}`,
      );
    }
    return doc.toJS();
  });
}

function loadCatalog(): { targets: string[]; entities: LoadedEntity[] } {
  const [location] = parseFile('all.yaml') as Entity[];
  const targets = (location.spec?.targets as string[]).map(target =>
    path.posix.normalize(target),
  );
  const entities: LoadedEntity[] = [{ file: 'all.yaml', entity: location }];
  for (const file of targets) {
    for (const doc of parseFile(file)) {
      // Empty documents (a trailing `---`) are skipped by the catalog too.
      if (doc !== null && doc !== undefined) {
        entities.push({ file, entity: doc as Entity });
      }
    }
  }
  return { targets, entities };
}

function listYamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(dirent => {
    const full = path.join(dir, dirent.name);
    if (dirent.isDirectory()) return listYamlFiles(full);
    return /\.ya?ml$/.test(dirent.name)
      ? [path.relative(catalogDir, full).split(path.sep).join('/')]
      : [];
  });
}

function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace ?? 'default';
}

function keyOf(kind: string, namespace: string, name: string): string {
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/** Resolves a reference written in an entity, as the catalog module does. */
function resolve(ref: string, from: Entity, defaultKind: string): string {
  const parsed = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: namespaceOf(from),
  });
  return keyOf(parsed.kind, parsed.namespace, parsed.name);
}

const { targets, entities } = loadCatalog();
const byKey = new Map<string, LoadedEntity>();
for (const loaded of entities) {
  const { kind, metadata } = loaded.entity;
  byKey.set(keyOf(kind, namespaceOf(loaded.entity), metadata.name), loaded);
}
const openSlo = entities.filter(({ entity }) => isOpenSloEntity(entity));
const slos = openSlo.filter(({ entity }) => entity.kind === 'SLO') as Array<{
  file: string;
  entity: Entity & OpenSloSlo;
}>;
const slis = openSlo.filter(({ entity }) => entity.kind === 'SLI');

function sloRef(slo: Entity): string {
  return `${slo.metadata.name} (${
    slos.find(s => s.entity === slo)?.file ?? '?'
  })`;
}

function indicatorRefsOf(slo: OpenSloSlo): string[] {
  return [
    slo.spec.indicatorRef,
    ...slo.spec.objectives.map(o => o.indicatorRef),
  ].filter((ref): ref is string => typeof ref === 'string');
}

describe('demo catalog (catalog/all.yaml)', () => {
  it('lists files that exist, and every YAML file under catalog/', () => {
    const missing = targets.filter(
      file => !fs.existsSync(path.join(catalogDir, file)),
    );
    expect(missing).toEqual([]);
    // all-prometheus.yaml and prometheus/ are the Prometheus demo profile's
    // catalog, checked by packages/backend/src/demo/prometheus/profile.test.ts.
    const unlisted = listYamlFiles(catalogDir).filter(
      file =>
        file !== 'all.yaml' &&
        file !== 'all-prometheus.yaml' &&
        !file.startsWith('prometheus/') &&
        !targets.includes(file),
    );
    expect(unlisted).toEqual([]);
  });

  it('has unique entity references', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { file, entity } of entities) {
      const key = keyOf(entity.kind, namespaceOf(entity), entity.metadata.name);
      const first = seen.get(key);
      if (first) duplicates.push(`${key} in ${first} and ${file}`);
      seen.set(key, file);
    }
    expect(duplicates).toEqual([]);
  });

  it('contains SLOs and an SLI', () => {
    expect(slos.length).toBeGreaterThanOrEqual(16);
    expect(slis.length).toBeGreaterThanOrEqual(1);
  });

  it.each(openSlo.map(l => [`${l.entity.kind} ${l.entity.metadata.name}`, l]))(
    '%s is a valid OpenSLO document without warnings',
    (_name, { file, entity }) => {
      const result = validateOpenSloDocument(entity);
      if (!result.ok) {
        throw new Error(
          `${file}: ${entity.kind} ${
            entity.metadata.name
          } is not valid OpenSLO:\n${formatOpenSloValidationErrors(
            result.errors,
          )}`,
        );
      }
      expect(formatOpenSloValidationErrors(result.warnings)).toBe('');
    },
  );

  // The policies the catalog applies to every entity before any processor.
  const catalogPolicies = EntityPolicies.allOf([
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(),
    new SchemaValidEntityPolicy(),
  ]);

  it.each(openSlo.map(l => [`${l.entity.kind} ${l.entity.metadata.name}`, l]))(
    '%s passes the default catalog entity policies',
    async (_name, { entity }) => {
      await expect(
        catalogPolicies.enforce(structuredClone(entity)),
      ).resolves.toBeDefined();
    },
  );

  it('names each SLO for people: displayName, description, objective names', () => {
    const problems: string[] = [];
    for (const { entity } of slos) {
      if (!entity.metadata.displayName) {
        problems.push(`${sloRef(entity)}: no metadata.displayName`);
      }
      if (!entity.spec.description) {
        problems.push(`${sloRef(entity)}: no spec.description`);
      }
      entity.spec.objectives.forEach((o, i) => {
        if (!o.displayName) {
          problems.push(
            `${sloRef(entity)}: spec.objectives[${i}] has no displayName`,
          );
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('has unique SLO names', () => {
    const names = slos.map(({ entity }) => entity.metadata.name);
    const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
    expect(duplicates).toEqual([]);
  });

  it('measures a Component of the demo catalog with every SLO', () => {
    const unresolved = slos
      .filter(({ entity }) => {
        const found = byKey.get(
          resolve(entity.spec.service, entity, 'component'),
        );
        return found?.entity.kind !== 'Component';
      })
      .map(({ entity }) => `${sloRef(entity)}: ${entity.spec.service}`);
    expect(unresolved).toEqual([]);
  });

  it('resolves every indicatorRef to an SLI', () => {
    const refs = slos.flatMap(({ entity }) =>
      indicatorRefsOf(entity).map(ref => ({ entity, ref })),
    );
    expect(refs.length).toBeGreaterThanOrEqual(1);
    const unresolved = refs
      .filter(({ entity, ref }) => {
        const found = byKey.get(resolve(ref, entity, 'sli'));
        return found?.entity.kind !== 'SLI';
      })
      .map(({ entity, ref }) => `${sloRef(entity)}: ${ref}`);
    expect(unresolved).toEqual([]);
  });

  it('resolves every reliability/owner annotation to a Group', () => {
    const owned = slos.filter(
      ({ entity }) => entity.metadata.annotations?.[ANNOTATION_SLO_OWNER],
    );
    expect(owned.length).toBeGreaterThanOrEqual(1);
    const unresolved = owned
      .filter(({ entity }) => {
        const ref = entity.metadata.annotations![ANNOTATION_SLO_OWNER];
        const found = byKey.get(resolve(ref, entity, 'group'));
        return found?.entity.kind !== 'Group';
      })
      .map(
        ({ entity }) =>
          `${sloRef(entity)}: ${
            entity.metadata.annotations![ANNOTATION_SLO_OWNER]
          }`,
      );
    expect(unresolved).toEqual([]);
  });

  it('shows the mix of services, windows, budgeting methods and placements', () => {
    const perService = new Map<string, number>();
    for (const { entity } of slos) {
      const service = resolve(entity.spec.service, entity, 'component');
      perService.set(service, (perService.get(service) ?? 0) + 1);
    }
    const withTwo = [...perService].filter(([, count]) => count >= 2);
    expect(withTwo.length).toBeGreaterThanOrEqual(6);

    const windowKinds = new Set(
      slos.map(({ entity }) => {
        const [window] = entity.spec.timeWindow;
        if (window.isRolling === false && window.calendar) return 'calendar';
        return window.isRolling ? `rolling ${window.duration}` : 'other';
      }),
    );
    expect([...windowKinds]).toEqual(
      expect.arrayContaining(['rolling 28d', 'rolling 30d', 'calendar']),
    );

    const methods = new Set(
      slos.map(({ entity }) => entity.spec.budgetingMethod),
    );
    expect([...methods]).toEqual(
      expect.arrayContaining(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    );

    const inline = slos.filter(
      ({ file }) => path.posix.basename(file) === 'catalog-info.yaml',
    );
    const separate = slos.filter(
      ({ file }) => path.posix.basename(file) !== 'catalog-info.yaml',
    );
    expect(inline.length).toBeGreaterThanOrEqual(1);
    expect(separate.length).toBeGreaterThanOrEqual(1);
  });
});
