import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  entityEnvelopeSchemaValidator,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  formatOpenSloPath,
  OpenSloSlo,
  sloDefinitionFromOpenSlo,
  timeSliceWindowMilliseconds,
  timeWindowBounds,
  validateOpenSloDocument,
} from '@reliability-kit/plugin-reliability-common';
// fast-check is hoisted from reliability-common; see __testUtils__/hostileValues.ts.
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  briefReport,
  hostileString,
  hostileValue,
  isPrototypePolluted,
  MutatedDocument,
  mutatedDocument,
  objectWithKeys,
  tweakOf,
} from '../__testUtils__/hostileValues';
import { OpenSloEntityProcessor } from './OpenSloEntityProcessor';
import { ReliabilityAnnotationsProcessor } from './ReliabilityAnnotationsProcessor';

// Thousands of generated OpenSLO documents and entities through the
// processors, in the order the catalog runs them (envelope check,
// preProcessEntity, the default entity policies, validateEntityKind,
// postProcessEntity). Only an InputError naming the entity may come out of
// validateEntityKind; nothing else may throw; every emitted error names the
// entity and the field or annotation; nothing pollutes Object.prototype.

const YEAR = 365 * 86_400_000;
const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};
const fixturesDir = path.resolve(
  __dirname,
  '../../../reliability-common/src/openslo/__fixtures__',
);
const fixtures = fs
  .readdirSync(fixturesDir)
  .filter(f => f.endsWith('.yaml'))
  .map(f => parse(fs.readFileSync(path.join(fixturesDir, f), 'utf8')));

const owned: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

/** Our own SLO and SLI documents, with every field the processors read. */
const ownDocuments = [
  {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: 'checkout-availability',
      namespace: 'default',
      displayName: 'Checkout availability',
      annotations: {
        'reliability/owner': 'group:default/team-a',
        'reliability/slo-runbook': './runbooks/checkout.md',
      },
    },
    spec: {
      description: 'Orders that go through',
      service: 'checkout',
      indicatorRef: 'checkout-ratio',
      timeWindow: [
        {
          duration: '1M',
          isRolling: false,
          calendar: {
            startTime: '2026-01-01 00:00:00',
            timeZone: 'Europe/Berlin',
          },
        },
      ],
      budgetingMethod: 'RatioTimeslices',
      objectives: [
        { displayName: 'Most', targetPercent: 99.5, timeSliceWindow: 60 },
        {
          indicatorRef: 'sli:default/other',
          target: 0.9,
          timeSliceWindow: '5m',
        },
      ],
    },
  },
  {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name: 'checkout-ratio' },
    spec: {
      thresholdMetric: {
        metricSource: { type: 'Prometheus', spec: { query: 'up' } },
      },
    },
  },
];
const validDocuments = [...fixtures, ...ownDocuments];

const validate = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);
const envelope = entityEnvelopeSchemaValidator();

function memoryCache(): CatalogProcessorCache {
  const values = new Map<string, any>();
  return {
    async get(key) {
      return values.get(key);
    },
    async set(key, value) {
      values.set(key, value);
    },
  };
}

/**
 * Runs `entity` through the catalog's steps; returns undefined when the
 * catalog itself would refuse it before our processors (envelope, policies).
 */
async function processLikeTheCatalog(
  processor: OpenSloEntityProcessor,
  input: unknown,
): Promise<
  | { validated: Entity; emitted: CatalogProcessorResult[]; error?: Error }
  | undefined
> {
  try {
    envelope(input);
  } catch {
    return undefined;
  }
  const pre = await processor.preProcessEntity(input as Entity);
  let entity: Entity;
  try {
    entity = (await validate.enforce(pre)) as Entity;
  } catch {
    return undefined;
  }
  const emitted: CatalogProcessorResult[] = [];
  try {
    if (!(await processor.validateEntityKind(entity))) {
      return { validated: entity, emitted };
    }
  } catch (error) {
    return { validated: entity, emitted, error: error as Error };
  }
  await processor.postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
    memoryCache(),
  );
  return { validated: entity, emitted };
}

/** OpenSLO paths above `path` of at least two segments, as errors write them. */
function namedPaths(mutated: MutatedDocument): string[] {
  const { path: at } = mutated;
  const shortest =
    mutated.mutation === 'delete'
      ? Math.max(1, Math.min(at.length - 1, 2))
      : Math.min(at.length, 2);
  const named: string[] = [];
  for (let n = shortest; n <= at.length; n++) {
    named.push(formatOpenSloPath(at.slice(0, n)));
  }
  return named;
}

const documents = fc.oneof(
  {
    arbitrary: mutatedDocument(fc.constantFrom(...validDocuments), {
      under: [['spec'], ['metadata']],
    }),
    weight: 4,
  },
  {
    // Random documents with a plausible envelope.
    arbitrary: fc
      .record({
        kind: fc.constantFrom('SLO', 'SLI'),
        name: fc.oneof(fc.constant('x'), hostileString),
        metadata: hostileValue(),
        spec: hostileValue(),
      })
      .map(
        ({ kind, name, metadata, spec }): MutatedDocument => ({
          document: {
            apiVersion: 'openslo/v1',
            kind,
            metadata:
              typeof metadata === 'object' &&
              metadata !== null &&
              !Array.isArray(metadata)
                ? { ...metadata, name }
                : { name },
            spec,
          },
          path: [],
          mutation: 'replace',
        }),
      ),
    weight: 1,
  },
);

type Outcomes = { refusedByCatalog: number; invalid: number; accepted: number };

/**
 * A refused document got an InputError naming the entity and the changed
 * field; an accepted one emitted only relations and errors naming the
 * entity, and can be evaluated.
 */
function checkOpenSloOutcome(
  mutated: MutatedDocument,
  result: NonNullable<Awaited<ReturnType<typeof processLikeTheCatalog>>>,
  outcomes: Outcomes,
) {
  const { validated, emitted, error } = result;
  const ref = stringifyEntityRef(validated);
  if (error) {
    outcomes.invalid++;
    if (!(error instanceof InputError)) throw error;
    const header = `Invalid OpenSLO ${validated.kind} "${ref}":\n`;
    expect(error.message.startsWith(header)).toBe(true);
    expect(error.message.length).toBeLessThan(10_000);
    const lines = error.message.slice(header.length).split('\n');
    expect(lines.every(line => /^ {2}\S.*: \S/.test(line))).toBe(true);
    const named = namedPaths(mutated);
    if (
      mutated.mutation !== 'none' &&
      mutated.mutation !== 'add-key' &&
      mutated.path.length > 0 &&
      !named.some(p => error.message.includes(p))
    ) {
      throw new Error(
        `does not name ${named.join(' or ')}: ${error.message.slice(0, 500)}`,
      );
    }
    return;
  }
  outcomes.accepted++;
  for (const r of emitted) {
    if (r.type === 'error') {
      expect(r.error.name).toBe('InputError');
      expect(r.error.message.startsWith(`${ref}: `)).toBe(true);
    } else {
      expect(r.type).toBe('relation');
    }
  }
  // What the validator accepts, the evaluation can use: a finite
  // window of at most 100 years, finite time slices.
  if (validated.kind === 'SLO') {
    const slo = validateOpenSloDocument(validated);
    expect(slo.ok).toBe(true);
    const value = (slo as { value: OpenSloSlo }).value;
    value.spec.objectives.forEach((_, i) => {
      const definition = sloDefinitionFromOpenSlo(value, i);
      expect(definition).toBeDefined();
      expect(definition!.windowMs).toBeGreaterThan(0);
      expect(definition!.windowMs).toBeLessThanOrEqual(100 * YEAR);
      const slice = timeSliceWindowMilliseconds(value.spec.objectives[i]);
      if (slice !== undefined) {
        expect(slice).toBeGreaterThan(0);
        expect(slice).toBeLessThanOrEqual(100 * YEAR);
      }
    });
    const now = Date.UTC(2026, 10, 24, 12);
    const bounds = timeWindowBounds(value.spec.timeWindow[0], now);
    expect(Number.isFinite(bounds.start)).toBe(true);
    expect(Number.isFinite(bounds.end)).toBe(true);
    expect(bounds.start).toBeLessThanOrEqual(now);
    expect(bounds.end).toBeGreaterThan(bounds.start);
  }
}

describe('OpenSloEntityProcessor under fuzzing', () => {
  const processor = new OpenSloEntityProcessor({
    catalog: catalogServiceMock({ entities: [owned] }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });

  it('throws only InputErrors naming the entity and the field; accepted documents evaluate', async () => {
    const outcomes: Outcomes = { refusedByCatalog: 0, invalid: 0, accepted: 0 };
    await expect(
      fc.assert(
        fc.asyncProperty(documents, async mutated => {
          const result = await processLikeTheCatalog(
            processor,
            mutated.document,
          );
          expect(isPrototypePolluted()).toBe(false);
          if (!result) {
            outcomes.refusedByCatalog++;
            return;
          }
          checkOpenSloOutcome(mutated, result, outcomes);
        }),
        briefReport(2000),
      ),
    ).resolves.toBeUndefined();
    // Every outcome was exercised.
    expect(outcomes.invalid).toBeGreaterThan(500);
    expect(outcomes.accepted).toBeGreaterThan(200);
  }, 300_000);
});

/** Annotations and links the annotations processor checks, all valid. */
const validAnnotations: Record<string, string> = {
  'reliability/tier': 'critical',
  'reliability/error-budget-policy':
    'block-when-exhausted=true,warn-below=0.25',
  'reliability/slo-runbook': 'https://runbooks.example.com/checkout',
  'reliability/scorecard-exemptions':
    'has-runbook: being written (until 2026-06-30)\nslo-defined: batch job',
  'reliability/deployment-source': 'github-actions:acme/checkout/deploy.yml',
  'reliability/owner': 'group:default/team-a',
  'pagerduty.com/service-id': 'PABC123',
  'opsgenie.com/team': 'checkout-team',
};
const validLinks = [
  { url: 'https://runbooks.example.com/checkout', type: 'runbook' },
  { url: 'https://chat.example.com/checkout', type: 'chat', title: 'Chat' },
  { url: 'mailto:oncall@example.com', type: 'oncall' },
  { url: 'https://example.com/escalation', type: 'Escalation' },
];

interface AnnotatedEntity {
  entity: Entity;
  /** The annotation key or `metadata.links[i]` that was changed. */
  changed?: string;
}

/** Components with one annotation or link value tweaked, added or dropped. */
const annotatedEntities: fc.Arbitrary<AnnotatedEntity> = fc
  .tuple(
    fc.subarray(Object.keys(validAnnotations)),
    fc.subarray(validLinks),
    fc.nat(),
    fc.constantFrom('tweak', 'random', 'none'),
  )
  .chain(([keys, links, pick, how]) => {
    const annotations = objectWithKeys(
      keys.map(k => [k, validAnnotations[k]] as [string, string]),
    ) as Record<string, string>;
    const make = (
      changedAnnotations: Record<string, string>,
      changedLinks: typeof validLinks,
      changed?: string,
    ): AnnotatedEntity => ({
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'checkout',
          annotations: changedAnnotations,
          links: changedLinks,
        },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
      changed,
    });
    const targets: string[] = [
      ...keys,
      ...links.map((_, i) => `metadata.links[${i}]`),
    ];
    if (how === 'none' || targets.length === 0) {
      return fc.constant(make(annotations, links));
    }
    const target = targets[pick % targets.length];
    const link = /^metadata\.links\[(\d+)\]$/.exec(target);
    const current = link ? links[Number(link[1])].url : annotations[target];
    const value: fc.Arbitrary<string> =
      how === 'tweak'
        ? (tweakOf(current) as fc.Arbitrary<unknown>).map(v => String(v))
        : hostileString;
    return value.map(v => {
      if (link) {
        const index = Number(link[1]);
        return make(
          annotations,
          links.map((l, i) => (i === index ? { ...l, url: v } : l)),
          target,
        );
      }
      return make({ ...annotations, [target]: v }, links, target);
    });
  });

describe('ReliabilityAnnotationsProcessor under fuzzing', () => {
  const processor = new ReliabilityAnnotationsProcessor({
    catalog: catalogServiceMock({ entities: [owned] }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });

  it('never throws; every error names the entity and the changed annotation or link', async () => {
    let errors = 0;
    let entities = 0;
    await expect(
      fc.assert(
        fc.asyncProperty(annotatedEntities, async ({ entity, changed }) => {
          let validated: Entity;
          try {
            validated = (await validate.enforce(entity)) as Entity;
          } catch {
            return; // the catalog refuses it before our processor
          }
          entities++;
          const emitted: CatalogProcessorResult[] = [];
          const out = await processor.postProcessEntity(
            validated,
            location,
            r => emitted.push(r),
          );
          expect(out).toBe(validated);
          expect(isPrototypePolluted()).toBe(false);
          for (const r of emitted) {
            if (r.type !== 'error') throw new Error(`emitted ${r.type}`);
            errors++;
            expect(r.error.name).toBe('InputError');
            const { message } = r.error;
            expect(message.startsWith('component:default/checkout: ')).toBe(
              true,
            );
            // Only what was changed is wrong, and the message says which.
            expect(changed).toBeDefined();
            expect(message).toContain(changed!);
            expect(message.length).toBeLessThan(2000);
          }
        }),
        briefReport(3000),
      ),
    ).resolves.toBeUndefined();
    expect(entities).toBeGreaterThan(2000);
    expect(errors).toBeGreaterThan(300);
  }, 300_000);
});
