import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { OpenSloEntityProcessor } from './OpenSloEntityProcessor';

const fixturesDir = path.resolve(
  __dirname,
  '../../../reliability-common/src/openslo/__fixtures__',
);
const fixtures = fs.readdirSync(fixturesDir).filter(f => f.endsWith('.yaml'));
const location = { type: 'file', target: '/catalog/slos.yaml' };

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

function processorWith(entities: Entity[] = []) {
  return new OpenSloEntityProcessor({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
}

async function process(
  processor: OpenSloEntityProcessor,
  entity: Entity,
): Promise<CatalogProcessorResult[]> {
  const emitted: CatalogProcessorResult[] = [];
  const pre = await processor.preProcessEntity(entity);
  await processor.validateEntityKind(pre);
  await processor.postProcessEntity(
    pre,
    location,
    r => emitted.push(r),
    memoryCache(),
  );
  return emitted;
}

function relations(results: CatalogProcessorResult[]): string[] {
  return results.flatMap(r =>
    r.type === 'relation'
      ? [
          `${r.relation.source.kind}:${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.namespace}/${r.relation.target.name}`,
        ]
      : [],
  );
}

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'web-shop', namespace: 'default' },
  spec: { type: 'service', owner: 'team-shop', lifecycle: 'production' },
};

describe('OpenSloEntityProcessor', () => {
  it.each(fixtures)(
    'admits the OpenSLO example %s as published',
    async file => {
      const entity = parse(
        fs.readFileSync(path.join(fixturesDir, file), 'utf8'),
      ) as Entity;
      const processor = processorWith([checkout]);
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
      const results = await process(processor, entity);
      expect(results.filter(r => r.type === 'error')).toEqual([]);
      const service = (entity.spec as { service: string }).service;
      expect(relations(results)).toEqual(
        expect.arrayContaining([
          `SLO:${entity.metadata.name} measures component:default/${service}`,
        ]),
      );
    },
  );

  it('ignores entities that are not OpenSLO documents', async () => {
    const processor = processorWith();
    await expect(processor.validateEntityKind(checkout)).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({
        apiVersion: 'openslo/v1',
        kind: 'AlertPolicy',
        metadata: { name: 'x' },
      }),
    ).resolves.toBe(false);
  });

  it('rejects an invalid SLO with the path of every problem', async () => {
    const processor = processorWith();
    await expect(
      processor.validateEntityKind({
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: { name: 'broken' },
        spec: {
          service: 'web-shop',
          indicatorRef: 'x',
          timeWindow: [{ duration: '30d', isRolling: true }],
          budgetingMethod: 'Occurrences',
          objectives: [{ target: 99 }],
        },
      }),
    ).rejects.toThrow(
      'Invalid OpenSLO SLO "slo:default/broken":\n  spec.objectives[0].target: must be between 0 and 1, got 99 (did you mean targetPercent: 99?)',
    );
  });

  it('inherits the owner of the service it measures', async () => {
    const processor = processorWith([checkout]);
    const results = await process(processor, {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'shop-availability', namespace: 'default' },
      spec: {
        service: 'component:default/web-shop',
        indicatorRef: 'shop-ratio',
        timeWindow: [{ duration: '28d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.999 }],
      },
    });
    expect(relations(results).sort()).toEqual([
      'SLO:shop-availability measures component:default/web-shop',
      'SLO:shop-availability ownedBy group:default/team-shop',
      'SLO:shop-availability usesIndicator sli:default/shop-ratio',
      'component:web-shop measuredBy SLO:default/shop-availability',
      'group:team-shop ownerOf SLO:default/shop-availability',
      'sli:shop-ratio indicatorOf SLO:default/shop-availability',
    ]);
  });

  it('reports a malformed service reference without stopping', async () => {
    const processor = processorWith();
    const results = await process(processor, {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'odd', namespace: 'default' },
      spec: {
        service: 'component:default/a/b',
        indicatorRef: 'x',
        timeWindow: [{ duration: '28d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.99 }],
      },
    });
    const errors = results.flatMap(r =>
      r.type === 'error' ? [r.error.message] : [],
    );
    expect(errors).toEqual([
      'slo:default/odd: spec.service: "component:default/a/b" is not an entity reference; expected a name such as "checkout-service" or a reference such as "component:default/checkout-service"',
    ]);
    expect(relations(results)).toContain('SLO:odd usesIndicator sli:default/x');
  });
});
