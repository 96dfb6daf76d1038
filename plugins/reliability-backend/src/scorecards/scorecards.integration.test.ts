import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  EntityScorecards,
  ScorecardLeaderboard,
  ScorecardList,
  ScorecardRollup,
  ScorecardRunSummary,
  ScorecardTrend,
} from '@reliability-kit/plugin-reliability-common';
import {
  ReliabilityTestBackend,
  startReliabilityTestBackend,
} from '../__testUtils__/startReliabilityTestBackend';

// engineering ← platform ← sre; payments is a root team with no contacts.
const catalogYaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: engineering, title: Engineering }
spec: { type: department, children: [platform] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
  links: [{ url: 'https://acme.pagerduty.com/escalation_policies/P1', type: escalation }]
spec: { type: team, parent: engineering, children: [sre] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: sre
  title: SRE
  links: [{ url: 'https://acme.pagerduty.com/schedules/S1', type: oncall }]
spec: { type: team, parent: platform, children: [], members: [jane] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [], members: [jane] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: jane }
spec: { memberOf: [sre] }
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: commerce }
spec: { owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: payments, domain: commerce }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  description: Takes orders.
  links: [{ url: 'https://runbooks.example.com/checkout', type: runbook, title: Runbook }]
spec: { type: service, lifecycle: production, owner: sre, system: shop }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-availability }
spec:
  service: checkout
  indicator:
    metadata: { name: checkout-ratio }
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: BuiltIn, spec: { counter: good } } }
        total: { metricSource: { type: BuiltIn, spec: { counter: total } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  description: Books payments.
  annotations:
    reliability/tier: critical
    reliability/scorecard-exemptions: |
      owner-is-team: being handed over (until 2999-12-31)
      has-slo: old exemption (until 2020-01-01)
spec: { type: service, lifecycle: production, owner: user:jane, system: shop }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: billing }
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ui-kit, description: A library }
spec: { type: library, lifecycle: production, owner: sre }
`;

const ID = 'production-readiness';
const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('scorecards on %p', databaseId => {
  let backend: ReliabilityTestBackend;

  beforeAll(async () => {
    backend = await startReliabilityTestBackend({
      catalogYaml,
      waitFor: 'component/default/checkout',
      waitForRelation: 'measuredBy',
      database: await databases.init(databaseId),
    });
    // Deployments for checkout: deployed recently, 1 failure in 10.
    const now = Date.now();
    const deployments = Array.from({ length: 10 }, (_, i) => ({
      id: `checkout-${i}`,
      entity: 'component:default/checkout',
      environment: 'production',
      status: i === 3 ? 'failed' : 'succeeded',
      startedAt: new Date(now - (i + 1) * 86_400_000).toISOString(),
      finishedAt: new Date(now - (i + 1) * 86_400_000 + 60_000).toISOString(),
    }));
    const posted = await backend.post('/v1/deployments', { deployments });
    if (posted.status !== 200) {
      throw new Error(
        `deployments not recorded: ${JSON.stringify(posted.body)}`,
      );
    }
  });

  afterAll(() => backend?.stop());

  it('lists the default scorecard', async () => {
    const { status, body } = await backend.get('/v1/scorecards');
    expect(status).toBe(200);
    const list = body as ScorecardList;
    expect(
      list.items.map(i => [i.id, i.source, i.levels.map(l => l.id)]),
    ).toEqual([[ID, 'default', ['bronze', 'silver', 'gold']]]);
  });

  it('says pending before the first run', async () => {
    const { body } = await backend.get(
      '/v1/entities/component/default/billing/scorecards',
    );
    expect(body).toEqual({
      entity: 'component:default/billing',
      items: [],
      pending: [ID],
    });
  });

  it('grades every applicable entity, persists results and rolls them up', async () => {
    const run = await backend.post('/v1/scorecards/evaluations', {});
    expect(run.status).toBe(200);
    const summary = run.body as ScorecardRunSummary;
    // The library is not a service: three graded.
    expect(summary).toMatchObject({
      scorecards: 1,
      entities: 3,
      results: 3,
      removed: 0,
    });

    const checkout = (
      await backend.get('/v1/entities/component/default/checkout/scorecards')
    ).body as EntityScorecards;
    const result = checkout.items[0];
    const status = Object.fromEntries(result.checks.map(c => [c.id, c.status]));
    expect(status).toEqual({
      'owner-is-team': 'pass',
      'lifecycle-set': 'pass',
      'description-set': 'pass',
      'has-slo': 'pass',
      'has-runbook': 'pass',
      'has-oncall': 'pass',
      'has-escalation': 'not-applicable',
      // No SLI data yet: not met, but not exhausted either.
      'slos-met': 'fail',
      'no-budget-exhausted': 'pass',
      // A plain link has no review date.
      'runbook-fresh': 'fail',
      'deployed-recently': 'pass',
      'change-failure-rate': 'pass',
      'change-failure-rate-critical': 'not-applicable',
    });
    expect(result).toMatchObject({
      level: 'silver',
      levelIndex: 1,
      passed: 9,
      applicable: 11,
    });
    expect(
      result.checks.find(c => c.id === 'change-failure-rate'),
    ).toMatchObject({
      value: 0.1,
      message: 'Passes: found 0.1, expected at most 0.15.',
    });

    // ledger: the owner exemption holds, the expired SLO one does not.
    const ledger = (
      await backend.get('/v1/entities/component/default/ledger/scorecards')
    ).body as EntityScorecards;
    const ledgerChecks = Object.fromEntries(
      ledger.items[0].checks.map(c => [c.id, c]),
    );
    expect(ledgerChecks['owner-is-team']).toMatchObject({
      status: 'exempt',
      exemption: { reason: 'being handed over', until: '2999-12-31' },
    });
    expect(ledgerChecks['has-slo'].status).toBe('fail');
    expect(ledgerChecks['has-slo'].message).toContain(
      'expired after 2020-01-01',
    );
    expect(ledgerChecks['has-escalation'].status).toBe('fail');
    expect(ledger.items[0].level).toBe('bronze');

    // Team rollup through the hierarchy: engineering includes sre's checkout.
    const engineering = (
      await backend.get(
        `/v1/scorecards/${ID}/rollup?scope=team&ref=group:default/engineering`,
      )
    ).body as ScorecardRollup;
    expect(engineering).toMatchObject({
      entities: 1,
      levelCounts: [0, 0, 1, 0],
      scope: {
        type: 'team',
        ref: 'group:default/engineering',
        title: 'Engineering',
      },
    });
    expect(engineering.children?.map(c => [c.ref, c.entities])).toEqual([
      ['group:default/platform', 1],
    ]);
    const all = (await backend.get(`/v1/scorecards/${ID}/rollup`))
      .body as ScorecardRollup;
    expect(all).toMatchObject({
      entities: 3,
      levelCounts: [1, 1, 1, 0],
      staleCount: 0,
    });
    const hasSlo = all.checks.find(c => c.id === 'has-slo')!;
    expect(hasSlo).toMatchObject({ pass: 1, fail: 2, passRate: 1 / 3 });

    const domain = (
      await backend.get(
        `/v1/scorecards/${ID}/rollup?scope=domain&ref=domain:default/commerce`,
      )
    ).body as ScorecardRollup;
    expect(domain).toMatchObject({ entities: 2, scope: { title: 'commerce' } });

    const board = (
      await backend.get(`/v1/scorecards/${ID}/leaderboard?by=team`)
    ).body as ScorecardLeaderboard;
    // Ties share a rank and are ordered by ref; people are not teams.
    expect(board.rows.map(r => [r.rank, r.ref, r.entities])).toEqual([
      [1, 'group:default/engineering', 1],
      [1, 'group:default/platform', 1],
      [1, 'group:default/sre', 1],
      [4, 'group:default/payments', 1],
    ]);

    const trend = (
      await backend.get(
        `/v1/scorecards/${ID}/trend?scope=team&ref=group:default/platform&days=7`,
      )
    ).body as ScorecardTrend;
    expect(trend.points).toEqual([
      {
        day: new Date().toISOString().slice(0, 10),
        entities: 1,
        levelCounts: [0, 0, 1, 0],
        passRate: 9 / 11,
        score: 2 / 3,
      },
    ]);

    const levels = await backend.get(
      `/v1/scorecards/${ID}/levels?entity=component:default/checkout&entity=component:default/ui-kit`,
    );
    expect(levels.body).toEqual({
      scorecardId: ID,
      items: [
        {
          entity: 'component:default/checkout',
          levelIndex: 1,
          level: 'silver',
          stale: false,
        },
      ],
    });
  });

  it('exports CSV and JSON', async () => {
    const res = await fetch(
      `${backend.base}/reliability/v1/scorecards/${ID}/export?format=csv&scope=system&ref=system:default/shop`,
      { headers: { authorization: mockCredentials.user.header() } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${ID}-system-default-shop.csv"`,
    );
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(
      /^entity,owner,system,domain,level,passed,applicable,evaluated_at,stale,owner-is-team,/,
    );
    expect(lines.slice(1).map(l => l.split(',').slice(0, 5).join(','))).toEqual(
      [
        'component:default/checkout,group:default/sre,system:default/shop,domain:default/commerce,silver',
        'component:default/ledger,user:default/jane,system:default/shop,domain:default/commerce,bronze',
      ],
    );
    const json = await backend.get(`/v1/scorecards/${ID}/export?format=json`);
    expect(json.body.items).toHaveLength(3);
  });

  it('refreshes one entity on demand', async () => {
    const before = (
      await backend.get('/v1/entities/component/default/billing/scorecards')
    ).body as EntityScorecards;
    const refreshed = await backend.post(
      '/v1/entities/component/default/billing/scorecards/refresh',
      {},
    );
    expect(refreshed.status).toBe(200);
    const after = refreshed.body as EntityScorecards;
    expect(after.items[0].level).toBe(before.items[0].level);
    expect(Date.parse(after.items[0].evaluatedAt)).toBeGreaterThanOrEqual(
      Date.parse(before.items[0].evaluatedAt),
    );
  });

  it('answers bad queries with the field and unknown scorecards with 404', async () => {
    const bad = await backend.get(`/v1/scorecards/${ID}/rollup?scope=team`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid query: ref: required when scope is team',
    );
    const days = await backend.get(`/v1/scorecards/${ID}/trend?days=0`);
    expect(days.status).toBe(400);
    expect(days.body.error.message).toContain('days:');
    const unknown = await backend.get('/v1/scorecards/nope/rollup');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      `Unknown scorecard "nope"; known: ${ID}`,
    );
    const missing = await backend.get(
      '/v1/entities/component/default/nope/scorecards',
    );
    expect(missing.status).toBe(404);
  });
});
