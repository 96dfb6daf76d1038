import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { AddressInfo } from 'node:net';
import catalogPlugin, {
  CATALOG_ERRORS_TOPIC,
} from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogModuleReliability } from './module';

const sloFile = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: checkout
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: sre
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-service
  annotations:
    reliability/tier: critical
spec:
  type: service
  lifecycle: production
  owner: checkout
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
spec:
  description: Checkouts that complete without a server error.
  service: checkout-service
  indicatorRef: checkout-success-ratio
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: 99.9% of checkouts succeed
      target: 0.999
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-success-ratio
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{job="checkout",code!~"5.."}[{{.window}}]))
    total:
      metricSource:
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
  annotations:
    reliability/owner: group:default/sre
spec:
  service: component:default/checkout-service
  indicator:
    metadata:
      name: checkout-latency-p99
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2026-01-01 00:00:00
        timeZone: UTC
  budgetingMethod: Timeslices
  objectives:
    - op: lt
      value: 0.3
      targetPercent: 99
      timeSliceTarget: 0.95
      timeSliceWindow: 1m
`;

const brokenFile = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: broken-slo
spec:
  service: checkout-service
  indicatorRef: checkout-success-ratio
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 99
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: sibling-of-broken
spec:
  service: checkout-service
  indicatorRef: checkout-success-ratio
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;

type ProcessingErrors = { entity: string; errors: { message: string }[] };

/** Collects the processing errors the catalog publishes (and logs). */
function errorCollector(sink: ProcessingErrors[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-error-collector',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          await events.subscribe({
            id: 'test-error-collector',
            topics: [CATALOG_ERRORS_TOPIC],
            async onEvent({ eventPayload }) {
              sink.push(eventPayload as ProcessingErrors);
            },
          });
        },
      });
    },
  });
}

const typoFile = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: typo-service
  annotations:
    reliability/tier: gold
spec:
  type: service
  lifecycle: production
  owner: checkout
`;

describe('catalogModuleReliability in a real catalog', () => {
  const processingErrors: ProcessingErrors[] = [];
  const dir = createMockDirectory({
    content: {
      'slos.yaml': sloFile,
      'broken.yaml': brokenFile,
      'typo.yaml': typoFile,
    },
  });
  let baseUrl: string;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleReliability,
        errorCollector(processingErrors),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [
                {
                  allow: ['Component', 'Group', 'Location', 'SLO', 'SLI'],
                },
              ],
              locations: [
                { type: 'file', target: dir.resolve('slos.yaml') },
                { type: 'file', target: dir.resolve('broken.yaml') },
                { type: 'file', target: dir.resolve('typo.yaml') },
              ],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}/api/catalog`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  async function getEntity(ref: string): Promise<Entity | undefined> {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await fetch(
      `${baseUrl}/entities/by-name/${kind}/${namespace}/${name}`,
    );
    return res.ok ? ((await res.json()) as Entity) : undefined;
  }

  async function waitForEntity(
    ref: string,
    ready: (entity: Entity) => boolean = () => true,
  ): Promise<Entity> {
    const deadline = Date.now() + 40_000;
    for (;;) {
      const entity = await getEntity(ref);
      if (entity && ready(entity)) return entity;
      if (Date.now() > deadline) {
        throw new Error(
          `${ref} did not become ready; last seen: ${JSON.stringify(entity)}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  const relationsOf = (entity: Entity) =>
    (entity.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();

  it('makes SLO entities related to their service, SLI and owner', async () => {
    const slo = await waitForEntity('slo:default/checkout-availability', e =>
      relationsOf(e).includes('ownedBy group:default/checkout'),
    );
    expect(slo.metadata.title).toBe('Checkout availability');
    expect(slo.metadata.description).toBe(
      'Checkouts that complete without a server error.',
    );
    expect(relationsOf(slo)).toEqual([
      'measures component:default/checkout-service',
      'ownedBy group:default/checkout',
      'usesIndicator sli:default/checkout-success-ratio',
    ]);

    const component = await waitForEntity(
      'component:default/checkout-service',
      e => relationsOf(e).filter(r => r.startsWith('measuredBy')).length >= 3,
    );
    expect(relationsOf(component)).toEqual(
      expect.arrayContaining([
        'measuredBy slo:default/checkout-availability',
        'measuredBy slo:default/checkout-latency',
        'measuredBy slo:default/sibling-of-broken',
      ]),
    );

    const sli = await waitForEntity('sli:default/checkout-success-ratio', e =>
      relationsOf(e).includes('indicatorOf slo:default/checkout-availability'),
    );
    expect(sli.kind).toBe('SLI');

    const group = await waitForEntity('group:default/checkout', e =>
      relationsOf(e).includes('ownerOf slo:default/checkout-availability'),
    );
    expect(group.kind).toBe('Group');
  });

  it('lets an SLO name its own owner', async () => {
    const slo = await waitForEntity('slo:default/checkout-latency', e =>
      relationsOf(e).includes('ownedBy group:default/sre'),
    );
    expect(relationsOf(slo)).not.toContain('ownedBy group:default/checkout');
  });

  it('rejects a broken SLO with a path-precise error, and keeps its valid sibling', async () => {
    await waitForEntity('slo:default/sibling-of-broken');
    expect(await getEntity('slo:default/broken-slo')).toBeUndefined();
    const brokenErrors = processingErrors.filter(
      e => e.entity === 'slo:default/broken-slo',
    );
    expect(brokenErrors[0]?.errors[0]?.message).toContain(
      'Invalid OpenSLO SLO "slo:default/broken-slo":\n  spec.objectives[0].target: must be between 0 and 1, got 99 (did you mean targetPercent: 99?)',
    );

    const res = await fetch(`${baseUrl}/validate-entity`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        location: 'url:https://git.example/acme/checkout/blob/main/broken.yaml',
        entity: {
          apiVersion: 'openslo/v1',
          kind: 'SLO',
          metadata: { name: 'broken-slo' },
          spec: {
            service: 'checkout-service',
            indicatorRef: 'checkout-success-ratio',
            timeWindow: [{ duration: '30d', isRolling: true }],
            budgetingMethod: 'Occurrences',
            objectives: [{ target: 99 }],
          },
        },
      }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(JSON.stringify(body)).toContain(
      'spec.objectives[0].target: must be between 0 and 1, got 99 (did you mean targetPercent: 99?)',
    );
  });

  it('admits an entity with a bad annotation and shows the error on it', async () => {
    const statusItems = (e: Entity) =>
      ((e as AlphaEntity).status?.items ?? []).map(item => item.message);
    const entity = await waitForEntity(
      'component:default/typo-service',
      e => statusItems(e).length > 0,
    );
    const messages = statusItems(entity);
    expect(messages).toEqual([
      expect.stringContaining(
        'component:default/typo-service: reliability/tier: expected one of critical, high, medium, low, got "gold"',
      ),
    ]);
    expect(
      processingErrors.some(e => e.entity === 'component:default/typo-service'),
    ).toBe(true);
  });
});
