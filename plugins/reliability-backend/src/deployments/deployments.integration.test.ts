import { mockCredentials } from '@backstage/backend-test-utils';
import {
  Deployment,
  DeploymentEvent,
  DoraReport,
  EntityReliabilitySummary,
  ServiceReliabilityPage,
} from '@reliability-kit/plugin-reliability-common';
import {
  ReliabilityTestBackend,
  startReliabilityTestBackend,
} from '../__testUtils__/startReliabilityTestBackend';

const catalogYaml = `
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: shop }
spec: { owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: checkout }
spec: { owner: team-a, domain: shop }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: api
  title: Checkout API
  annotations: { reliability/tier: critical }
spec: { type: service, lifecycle: production, owner: team-a, system: checkout }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: web }
spec: { type: website, lifecycle: production, owner: team-a }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: api-availability }
spec:
  service: api
  indicator:
    metadata: { name: api-ratio }
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: BuiltIn, spec: { counter: good } } }
        total: { metricSource: { type: BuiltIn, spec: { counter: total } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('deployments over HTTP, with a real catalog', () => {
  let backend: ReliabilityTestBackend;

  beforeAll(async () => {
    backend = await startReliabilityTestBackend({
      catalogYaml,
      waitFor: 'slo/default/api-availability',
    });
  });

  afterAll(() => backend?.stop());

  const event = (
    overrides: Partial<DeploymentEvent> = {},
  ): DeploymentEvent => ({
    id: 'gha/1',
    entity: 'api',
    environment: 'production',
    status: 'succeeded',
    version: '1.0.0',
    startedAt: Date.now() - 10 * DAY,
    finishedAt: Date.now() - 10 * DAY + 5 * MINUTE,
    ...overrides,
  });
  const count = async (entity = 'component/default/api') =>
    (await backend.get(`/v1/entities/${entity}/deployments?limit=1`)).body
      .totalCount as number;

  it('records a deployment once per id and updates it', async () => {
    const first = await backend.post('/v1/deployments', event({ id: 'once' }));
    expect(first).toEqual({ status: 200, body: { created: 1, updated: 0 } });
    const again = await backend.post(
      '/v1/deployments',
      event({ id: 'once', status: 'rolled_back' }),
    );
    expect(again.body).toEqual({ created: 0, updated: 1 });
    const page = await backend.get(
      '/v1/entities/component/default/api/deployments',
    );
    const stored = page.body.items.find((d: Deployment) => d.id === 'once');
    expect(stored).toMatchObject({
      entity: 'component:default/api',
      status: 'rolled_back',
      version: '1.0.0',
      impact: { state: expect.any(String) },
    });
  });

  it.each([
    [{ status: 'done' }, 'status'],
    [{ startedAt: 'yesterday' }, 'startedAt'],
    [
      { finishedAt: Date.now() - 20 * DAY },
      'finishedAt: must not be before startedAt',
    ],
    [
      { status: 'failed', finishedAt: undefined },
      'finishedAt: required when status is failed',
    ],
    [{ id: 'has spaces' }, 'id'],
    // eslint-disable-next-line no-script-url
    [{ pipelineUrl: 'javascript:alert(1)' }, 'pipelineUrl'],
    [
      { canarySteps: [{ weight: 10, status: 'passed' }] },
      'canarySteps: only for strategy canary',
    ],
    [{ extra: 1 }, 'extra'],
  ])('rejects %p with a 400 naming %p, writing nothing', async (bad, field) => {
    const before = await count();
    const res = await backend.post('/v1/deployments', {
      ...event({ id: 'bad-one' }),
      ...bad,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
    expect(await count()).toBe(before);
  });

  it('names the item of a batch that is wrong, and writes none of it', async () => {
    const before = await count();
    const res = await backend.post('/v1/deployments', {
      deployments: [
        event({ id: 'batch-ok' }),
        event({ id: 'batch-bad', status: 'nope' as any }),
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('deployments[1].status');
    expect(await count()).toBe(before);
  });

  it('rejects entities the catalog does not have', async () => {
    const res = await backend.post(
      '/v1/deployments',
      event({ id: 'ghost', entity: 'component:default/ghost' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'component:default/ghost not found in the catalog',
    );
    const res2 = await backend.post(
      '/v1/deployments',
      event({ id: 'bad-ref', entity: 'a:b:c:d' }),
    );
    expect(res2.status).toBe(400);
    expect(res2.body.error.message).toContain('entity');
  });

  it('needs a service credential to write', async () => {
    const anonymous = await backend.post(
      '/v1/deployments',
      event({ id: 'anon' }),
      {},
    );
    expect(anonymous.status).toBe(401);
    const user = await backend.post('/v1/deployments', event({ id: 'anon' }), {
      authorization: mockCredentials.user.header(),
    });
    expect([401, 403]).toContain(user.status);
    const reads = await fetch(`${backend.base}/reliability/v1/services`);
    expect(reads.status).toBe(401);
  });

  it('keeps exactly the distinct deployments under 50 concurrent writers', async () => {
    const before = await count('component/default/web');
    // 600 distinct ids, each posted as started then succeeded (every fifth
    // then rolled back), 1,320 requests spread over 50 writers.
    const updates: DeploymentEvent[] = [];
    for (let n = 0; n < 600; n++) {
      const base = event({
        id: `load-${n}`,
        entity: 'web',
        startedAt: Date.now() - 5 * DAY + n * MINUTE,
      });
      const finishedAt = (base.startedAt as number) + MINUTE;
      updates.push({ ...base, status: 'started', finishedAt: undefined });
      updates.push({ ...base, status: 'succeeded', finishedAt });
      if (n % 5 === 0)
        updates.push({ ...base, status: 'rolled_back', finishedAt });
    }
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, w) => {
        for (let i = w; i < updates.length; i += 50) {
          const res = await backend.post('/v1/deployments', updates[i]);
          if (res.status !== 200) failures.push(JSON.stringify(res.body));
        }
      }),
    );
    expect(failures).toEqual([]);
    expect((await count('component/default/web')) - before).toBe(600);
    const page = await backend.get(
      '/v1/entities/component/default/web/deployments?limit=200',
    );
    for (const d of page.body.items as Deployment[]) {
      const n = Number(d.id.slice(5));
      expect(d.status).toBe(n % 5 === 0 ? 'rolled_back' : 'succeeded');
    }
  });

  it('computes the four DORA keys, by hand', async () => {
    const now = Date.now();
    const deployments: DeploymentEvent[] = [
      // Three succeeded, one failed then restored 2 hours later.
      {
        id: 'dora-1',
        startedAt: now - 30 * DAY,
        finishedAt: now - 30 * DAY + HOUR,
        commitTime: now - 30 * DAY - 2 * HOUR,
        status: 'succeeded',
      },
      {
        id: 'dora-2',
        startedAt: now - 20 * DAY,
        finishedAt: now - 20 * DAY + HOUR,
        commitTime: now - 20 * DAY - 4 * HOUR,
        status: 'failed',
      },
      {
        id: 'dora-3',
        startedAt: now - 20 * DAY + 2 * HOUR,
        finishedAt: now - 20 * DAY + 3 * HOUR,
        commitTime: now - 20 * DAY - 6 * HOUR,
        status: 'succeeded',
      },
      {
        id: 'dora-4',
        startedAt: now - 10 * DAY,
        finishedAt: now - 10 * DAY + HOUR,
        commitTime: now - 10 * DAY - 10 * HOUR,
        status: 'succeeded',
      },
    ].map(
      d =>
        ({
          ...d,
          entity: 'component:default/dora-less',
          environment: 'production',
        } as DeploymentEvent),
    );
    // Posted against a fresh entity: 'api' with a fresh environment name.
    const res = await backend.post('/v1/deployments', {
      deployments: deployments.map(d => ({
        ...d,
        entity: 'api',
        environment: 'prod-dora',
      })),
    });
    expect(res.body).toEqual({ created: 4, updated: 0 });
    const { status, body } = await backend.get(
      '/v1/entities/component/default/api/dora?environment=prod-dora&days=90',
    );
    expect(status).toBe(200);
    const report = body as DoraReport;
    // 3 succeeded in 90 days → 3 / 90 per day: medium (weekly to monthly).
    expect(report.deploymentFrequency.deployments).toBe(3);
    expect(report.deploymentFrequency.perDay).toBeCloseTo(3 / 90, 9);
    // Lead times of succeeded ones: 3 h, 9 h, 11 h → median 9 h.
    expect(report.leadTimeForChanges.medianMs).toBe(9 * HOUR);
    // 1 failed of 4 finished → 25 %.
    expect(report.changeFailureRate).toMatchObject({
      rate: 0.25,
      failed: 1,
      total: 4,
    });
    // Failed at −20 d + 1 h, restored at −20 d + 3 h → 2 h.
    expect(report.timeToRestore).toMatchObject({
      medianMs: 2 * HOUR,
      restored: 1,
    });
    expect(report.timeToRestore.band).toBe('high');
    const bad = await backend.get(
      '/v1/entities/component/default/api/dora?days=1000',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('days');
    const missing = await backend.get(
      '/v1/entities/component/default/nobody/dora',
    );
    expect(missing.status).toBe(404);
  });

  it('flags the deployment that burned budget, in the summary, history and service list', async () => {
    const now = Date.now();
    const deployedAt = Math.floor((now - 90 * MINUTE) / MINUTE) * MINUTE;
    const events = [];
    // From 2 h before to 1 h after the deployment: 0.1 % errors before
    // (burn 0.001 / 0.01 = 0.1), 5 % after (burn 0.05 / 0.01 = 5).
    for (let t = deployedAt - 2 * HOUR; t < deployedAt + HOUR; t += MINUTE) {
      const bad = t < deployedAt ? 1 : 50;
      events.push({
        slo: 'api-availability',
        timestamp: t,
        good: 1000 - bad,
        total: 1000,
      });
    }
    expect(
      (await backend.post('/v1/sli-events', { idempotencyKey: 'burn', events }))
        .status,
    ).toBe(200);
    await backend.post(
      '/v1/deployments',
      event({
        id: 'the-bad-one',
        version: '2.0.0',
        strategy: 'canary',
        canarySteps: [
          { weight: 10, status: 'passed', analysis: 'error rate 0.1 % < 1 %' },
          { weight: 50, status: 'passed' },
          { weight: 100, status: 'passed' },
        ],
        startedAt: deployedAt - 10 * MINUTE,
        finishedAt: deployedAt,
      }),
    );
    const cycle = await backend.post('/v1/evaluations', {});
    expect(cycle.status).toBe(200);
    expect(cycle.body.deploymentImpacts).toBeGreaterThan(0);

    const page = await backend.get(
      '/v1/entities/component/default/api/deployments?environment=production&limit=200',
    );
    const bad = (page.body.items as Deployment[]).find(
      d => d.id === 'the-bad-one',
    )!;
    expect(bad.impact.state).toBe('evaluated');
    expect(bad.impact.likelyCausedBurn).toBe(true);
    const [slo] = bad.impact.slos;
    expect(slo.slo).toBe('slo:default/api-availability');
    expect(slo.burnRateBefore).toBeCloseTo(0.1, 6);
    expect(slo.burnRateAfter).toBeCloseTo(5, 6);
    // 5 × 1 h / (28 × 24 h)
    expect(slo.budgetConsumedAfter).toBeCloseTo(5 / 672, 9);
    const summary = (
      await backend.get('/v1/entities/component/default/api/summary')
    ).body as EntityReliabilitySummary;
    expect(summary.slos.map(s => s.slo)).toEqual([
      'slo:default/api-availability',
    ]);
    expect(
      summary.latestDeployments.find(d => d.environment === 'production')?.id,
    ).toBe('the-bad-one');
    expect(
      summary.deployMarkers.find(m => m.id === 'the-bad-one'),
    ).toMatchObject({
      at: deployedAt,
      likelyCausedBurn: true,
      version: '2.0.0',
    });
    expect(summary.budgetRemaining).toBe(summary.slos[0].budgetRemaining);

    const history = await backend.get(
      `/v1/slos/default/api-availability/history?from=${
        deployedAt - HOUR
      }&to=${now}`,
    );
    expect(history.body.deployments.map((m: { id: string }) => m.id)).toContain(
      'the-bad-one',
    );

    const services = (await backend.get('/v1/services?order=risk'))
      .body as ServiceReliabilityPage;
    expect(services.items.map(s => s.entity)).toEqual([
      'component:default/api',
      'component:default/web',
    ]);
    expect(services.items[0]).toMatchObject({
      title: 'Checkout API',
      owner: 'group:default/team-a',
      system: 'system:default/checkout',
      domain: 'domain:default/shop',
      tier: 'critical',
      sloCount: 1,
      lastDeployment: { id: expect.any(String) },
    });
    expect(services.items[1]).toMatchObject({
      sloCount: 0,
      status: 'no-data',
      budgetRemaining: null,
    });
    expect(services.facets.tier).toEqual(['critical']);
    const critical = (
      await backend.get('/v1/services?tier=CRITICAL&owner=group:default/team-a')
    ).body;
    expect(critical.items.map((s: { entity: string }) => s.entity)).toEqual([
      'component:default/api',
    ]);
    const byText = (await backend.get('/v1/services?q=checkout')).body;
    expect(byText.totalCount).toBe(1);
    const badOrder = await backend.get('/v1/services?order=worst');
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.error.message).toContain('order');
  });
});
