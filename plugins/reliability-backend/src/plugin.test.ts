import { mockCredentials } from '@backstage/backend-test-utils';
import {
  evaluateSlo,
  OpenSloSlo,
  SliSample,
  sloDefinitionFromOpenSlo,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import { parseAllDocuments } from 'yaml';
import {
  ReliabilityTestBackend,
  startReliabilityTestBackend,
} from './__testUtils__/startReliabilityTestBackend';

const catalogFile = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: checkout }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-service
  annotations:
    reliability/error-budget-policy: block-when-exhausted=true,warn-below=0.5
spec: { type: service, lifecycle: production, owner: checkout }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability, displayName: Checkout availability }
spec:
  service: checkout-service
  indicator:
    metadata: { name: checkout-ratio }
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: BuiltIn, spec: { counter: good } } }
        total: { metricSource: { type: BuiltIn, spec: { counter: total } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ displayName: 99.9 %, target: 0.999 }]
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-latency }
spec:
  service: checkout-service
  indicator:
    metadata: { name: checkout-p99 }
    spec:
      thresholdMetric:
        metricSource: { type: BuiltIn, spec: { gauge: p99 } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives:
    - { op: lt, value: 0.3, target: 0.99 }
    - { op: lt, value: 1, target: 0.999 }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-elsewhere }
spec:
  service: checkout-service
  indicator:
    metadata: { name: elsewhere }
    spec:
      thresholdMetric:
        metricSource: { type: Any, spec: { query: Any } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ op: lt, value: 1, target: 0.99 }]
`;

const MINUTE = 60_000;

describe('reliability backend with a real catalog', () => {
  let backend: ReliabilityTestBackend;
  const service = { authorization: mockCredentials.service.header() };
  const user = { authorization: mockCredentials.user.header() };

  beforeAll(async () => {
    // Wait for the catalog to hold the SLOs with their owner.
    backend = await startReliabilityTestBackend({
      catalogYaml: catalogFile,
      waitFor: 'slo/default/checkout-elsewhere',
      waitForRelation: 'ownedBy',
    });
  });

  afterAll(() => backend?.stop());

  const post = (path: string, body: unknown, headers = service) =>
    backend.post(path, body, headers);
  const get = (path: string) => backend.get(path);

  it('evaluates pushed events exactly as the common math does', async () => {
    const now = Date.now();
    const start = Math.floor((now - 5 * 60 * MINUTE) / MINUTE) * MINUTE;
    const ratio: SliSample[] = [];
    const events = [];
    for (let i = 0; i < 240; i++) {
      const at = start + i * MINUTE;
      // A bad hour in the middle: 5 % errors; otherwise 0.05 %.
      const bad = i >= 120 && i < 180 ? 50 : i % 2;
      ratio.push({ start: at, good: 1000 - bad, total: 1000 });
      events.push({
        slo: 'slo:default/checkout-availability',
        timestamp: new Date(at).toISOString(),
        good: 1000 - bad,
        total: 1000,
      });
      events.push({
        slo: 'checkout-latency',
        timestamp: at,
        value: i % 10 === 0 ? 0.5 : 0.2,
      });
    }
    const first = await post('/v1/sli-events', {
      idempotencyKey: 'batch-1',
      events,
    });
    if (first.status !== 200) {
      throw new Error(JSON.stringify(first.body).slice(0, 500));
    }
    expect(first.body).toEqual({ accepted: 480, duplicate: false });

    // Sent again: answered, not counted again.
    const again = await post('/v1/sli-events', {
      idempotencyKey: 'batch-1',
      events,
    });
    expect(again.body).toEqual({ accepted: 0, duplicate: true });

    const cycle = await post('/v1/evaluations', {});
    expect(cycle.status).toBe(200);
    expect(cycle.body.evaluated).toBe(3);

    const { status, body } = await get(
      '/v1/slos/default/checkout-availability',
    );
    expect(status).toBe(200);
    const snapshot = body as SloStatusSnapshot;
    const doc = parseAllDocuments(catalogFile)[2].toJS() as OpenSloSlo;
    const definition = sloDefinitionFromOpenSlo(doc, 0)!;
    const expected = evaluateSlo(ratio, definition, {
      now: snapshot.evaluatedAt,
      window: {
        start: snapshot.evaluatedAt - definition.windowMs,
        end: snapshot.evaluatedAt,
      },
    });
    const objective = snapshot.objectives[0];
    expect(objective.sli).toEqual(expected.sli);
    expect(objective.errorBudget).toEqual(expected.errorBudget);
    expect(objective.alerts).toEqual(expected.alerts);
    expect(objective.forecast).toEqual(expected.forecast);
    expect(snapshot.status).toBe(expected.status);
    expect(snapshot.owner).toBe('group:default/checkout');
    expect(snapshot.service).toBe('component:default/checkout-service');

    // Threshold SLI: each objective judges the values by its own threshold.
    const latency = (await get('/v1/slos/default/checkout-latency')).body;
    expect(latency.objectives[0].sli.goodEvents).toBe(216); // 240 − 24 at 0.5 s
    expect(latency.objectives[1].sli.goodEvents).toBe(240); // all under 1 s
  });

  it('reports SLOs without an installed source as no-data with the reason', async () => {
    await post('/v1/evaluations', {});
    const { body } = await get('/v1/slos/default/checkout-elsewhere');
    expect(body.status).toBe('no-data');
    expect(body.reason).toBe('no data source installed for type Any');
  });

  it('lists, filters and sorts statuses', async () => {
    const { body } = await get(
      '/v1/slos?owner=group:default/checkout&order=budget-asc&limit=2',
    );
    expect(body.totalCount).toBe(3);
    expect(body.items).toHaveLength(2);
    const remaining = body.items.map(
      (i: SloStatusSnapshot) => i.budgetRemaining,
    );
    expect(remaining[0]).toBeLessThanOrEqual(remaining[1]);
    const none = await get('/v1/slos?status=exhausted');
    expect(none.body.totalCount).toBe(0);
  });

  it('answers the release gate with reasons and the entity policy', async () => {
    const { status, body } = await get(
      '/v1/entities/component/default/checkout-service/release-gate?environment=production',
    );
    expect(status).toBe(200);
    expect(body.policy).toEqual({
      blockWhenExhausted: true,
      warnBelow: 0.5,
      source: 'annotation',
    });
    expect(['allow', 'warn', 'block']).toContain(body.decision);
    expect(body.reasons.map((r: { slo: string }) => r.slo).sort()).toEqual([
      'slo:default/checkout-availability',
      'slo:default/checkout-elsewhere',
      'slo:default/checkout-latency',
    ]);
  });

  it('rejects bad batches with the field and stores nothing', async () => {
    const bad = await post('/v1/sli-events', {
      idempotencyKey: 'batch-2',
      events: [
        {
          slo: 'checkout-availability',
          timestamp: Date.now(),
          good: 5,
          total: 10,
        },
        { slo: 'no-such-slo', timestamp: Date.now(), good: 1, total: 1 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'unknown SLOs (not SLO entities in the catalog): slo:default/no-such-slo',
    );
    const malformed = await post('/v1/sli-events', {
      idempotencyKey: 'batch-3',
      events: [
        {
          slo: 'checkout-availability',
          timestamp: 'yesterday',
          good: 1,
          total: 1,
        },
      ],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('events[0]');
    // batch-2 was rejected whole: its key is still free.
    const retry = await post('/v1/sli-events', {
      idempotencyKey: 'batch-2',
      events: [
        {
          slo: 'checkout-availability',
          timestamp: Date.now(),
          good: 5,
          total: 10,
        },
      ],
    });
    expect(retry.body).toEqual({ accepted: 1, duplicate: false });
  });

  it('needs a service credential to write and a credential to read', async () => {
    const asUser = await post(
      '/v1/sli-events',
      { idempotencyKey: 'x', events: [] },
      user,
    );
    expect(asUser.status).toBe(403);
    const anonymous = await fetch(`${backend.base}/reliability/v1/slos`);
    expect(anonymous.status).toBe(401);
    const health = await fetch(`${backend.base}/reliability/health`);
    expect(health.status).toBe(200);
  });

  it.each([
    ['/v1/slos?status=gold', 'status: expected any of healthy'],
    ['/v1/slos?limit=0', 'limit'],
    ['/v1/slos?colour=red', "Unrecognized key(s) in object: 'colour'"],
    ['/v1/slos/default/checkout-availability/history?step=5', 'step'],
    ['/v1/slos/default/checkout-availability/history?from=soon', 'from'],
    [
      '/v1/entities/component/default/checkout-service/release-gate?environment=prod%20eu',
      'environment',
    ],
  ])('answers 400 naming the field for %s', async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.name).toBe('InputError');
    expect(body.error.message).toContain(field);
  });

  it('answers 404 for an SLO it does not know', async () => {
    const { status, body } = await get('/v1/slos/default/nope');
    expect(status).toBe(404);
    expect(body.error.message).toContain('slo:default/nope');
  });

  it('serves a history series computed from the stored events', async () => {
    const to = Date.now();
    const { status, body } = await get(
      `/v1/slos/default/checkout-availability/history?from=${
        to - 6 * 3_600_000
      }&to=${to}&step=3600000`,
    );
    expect(status).toBe(200);
    expect(body.points).toHaveLength(7);
    const last = body.points[body.points.length - 1];
    expect(last.sli).toBeGreaterThan(0.98);
    expect(last.sli).toBeLessThan(1);
  });

  it('summarises an entity and exports rules', async () => {
    const summary = await get(
      '/v1/entities/component/default/checkout-service/summary',
    );
    expect(summary.status).toBe(200);
    expect(summary.body.slos).toHaveLength(3);
    const rules = await fetch(
      `${backend.base}/reliability/v1/rules/prometheus`,
      {
        headers: user,
      },
    );
    expect(rules.status).toBe(200);
    expect(rules.headers.get('content-type')).toContain('application/yaml');
    // None of these SLOs reads Prometheus: every objective is skipped.
    expect(rules.headers.get('x-reliability-skipped-slos')).toBe('4');
  });
});
