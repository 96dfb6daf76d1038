import type {
  Deployment,
  DeploymentPage,
  DoraReport,
  EntityReliabilitySummary,
  OwnershipInfo,
  ReleaseGateDecision,
  RunbookDocument,
  RunbookList,
  ServiceReliabilityPage,
  ServiceReliabilityRow,
  SloHistoryPoint,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import type { Entity } from '@backstage/catalog-model';
import type { SloHistory } from '../api/ReliabilityApi';

/** "Now" of the fixtures: evaluations happened a minute before. */
export const NOW = Date.now();
const DAY = 86_400_000;

const rules = (burn: number) =>
  [
    [3_600_000, 300_000, 14.4, 'page'],
    [21_600_000, 1_800_000, 6, 'page'],
    [86_400_000, 7_200_000, 3, 'ticket'],
    [259_200_000, 21_600_000, 1, 'ticket'],
  ].map(([longWindowMs, shortWindowMs, threshold, severity]) => ({
    severity: severity as 'page' | 'ticket',
    longWindowMs: longWindowMs as number,
    shortWindowMs: shortWindowMs as number,
    budgetFraction: 0.02,
    threshold: threshold as number,
    longBurnRate: burn,
    shortBurnRate: burn,
    applicable: true,
    firing: burn > (threshold as number),
  }));

function fixtureStatus(exhausted: boolean, burn: number) {
  if (exhausted) return 'exhausted' as const;
  return burn > 14.4 ? ('warning' as const) : ('healthy' as const);
}

function fixtureForecast(exhausted: boolean, burn: number, at: number) {
  if (exhausted) return { exhaustedAt: at, inMs: 0 };
  return burn > 0 ? { exhaustedAt: at + 2 * DAY, inMs: 2 * DAY } : null;
}

export function sloSnapshot(
  overrides: Partial<SloStatusSnapshot> & {
    remaining?: number;
    burn?: number;
  } = {},
): SloStatusSnapshot {
  const { remaining = -0.0648, burn = 0, ...rest } = overrides;
  const evaluatedAt = NOW - 60_000;
  const exhausted = remaining <= 0;
  return {
    slo: 'slo:default/payments-api-availability',
    title: 'Payments availability',
    description: 'Share of good minutes over the last 30 days.',
    service: 'component:default/payments-api',
    owner: 'group:default/payments',
    system: 'system:default/payment-processing',
    domain: 'domain:default/commerce',
    sourceType: 'BuiltIn',
    budgetingMethod: 'Timeslices',
    window: {
      duration: '30d',
      rolling: true,
      start: evaluatedAt - 30 * DAY,
      end: evaluatedAt,
    },
    status: fixtureStatus(exhausted, burn),
    budgetRemaining: remaining,
    objectives: [
      {
        index: 0,
        displayName: '99.9% of minutes are good',
        target: 0.999,
        status: exhausted ? 'exhausted' : 'healthy',
        sli: {
          value: 0.9985624550767211,
          goodEvents: 3810694,
          badEvents: 4316,
          totalEvents: 3815010,
          slices: { count: 31999, good: 31953, bad: 46, badTimeMs: 2760000 },
        },
        errorBudget: {
          total: 0.001,
          consumed: 1 - remaining,
          remaining,
          remainingClamped: Math.max(0, Math.min(1, remaining)),
          time: {
            allowedMs: 2592000,
            usedMs: 2592000 * (1 - remaining),
            remainingMs: 2592000 * remaining,
          },
        },
        burnRate: 1.4375,
        currentBurnRate: burn,
        burnRates: { '5m': burn, '1h': burn, '6h': burn, '1d': burn },
        alerts: { state: burn > 14.4 ? 'page' : 'none', rules: rules(burn) },
        forecast: fixtureForecast(exhausted, burn, evaluatedAt),
        coverage: 1,
      },
    ],
    stale: false,
    evaluatedAt,
    checkedAt: evaluatedAt,
    ...rest,
  };
}

export const latencySlo = sloSnapshot({
  slo: 'slo:default/payments-api-latency',
  title: 'Payments latency',
  budgetingMethod: 'Occurrences',
  remaining: 0.4511,
});

export const deployment: Deployment = {
  id: 'deploy-42',
  entity: 'component:default/payments-api',
  environment: 'production',
  status: 'succeeded',
  version: 'v2.14.0',
  commit: 'abc1234',
  strategy: 'canary',
  canarySteps: [
    { weight: 10, status: 'passed', analysis: 'error rate 0.1 % < 1 %' },
    { weight: 50, status: 'passed' },
    { weight: 100, status: 'running' },
  ],
  startedAt: NOW - 3 * 3_600_000,
  finishedAt: NOW - 2 * 3_600_000,
  updatedAt: NOW - 2 * 3_600_000,
  impact: {
    state: 'evaluated',
    likelyCausedBurn: true,
    slos: [],
  },
};

export const stagingDeployment: Deployment = {
  ...deployment,
  id: 'deploy-43',
  environment: 'staging',
  version: 'v2.15.0-rc1',
  strategy: 'rolling',
  canarySteps: undefined,
  status: 'failed',
  startedAt: NOW - 3_600_000,
  finishedAt: NOW - 3_000_000,
  impact: { state: 'pending', likelyCausedBurn: false, slos: [] },
};

export function summary(
  overrides: Partial<EntityReliabilitySummary> = {},
): EntityReliabilitySummary {
  return {
    entity: 'component:default/payments-api',
    slos: [sloSnapshot(), latencySlo],
    status: 'exhausted',
    budgetRemaining: -0.0648,
    alertState: 'none',
    stale: false,
    latestDeployments: [deployment, stagingDeployment],
    deployMarkers: [
      {
        id: 'deploy-42',
        entity: 'component:default/payments-api',
        environment: 'production',
        at: deployment.finishedAt!,
        status: 'succeeded',
        version: 'v2.14.0',
        likelyCausedBurn: true,
      },
    ],
    ...overrides,
  };
}

export function history(slo: string): SloHistory {
  const to = NOW - 60_000;
  const from = to - 7 * DAY;
  const points: SloHistoryPoint[] = Array.from({ length: 50 }, (_, i) => ({
    at: from + (i * (to - from)) / 49,
    sli: 0.999 - i * 0.00001,
    budgetRemaining: 0.5 - i * 0.01,
    burnRate: 1,
  }));
  return {
    slo,
    from,
    to,
    step: 3_600_000,
    points,
    deployments: summary().deployMarkers,
  };
}

export const gate: ReleaseGateDecision = {
  entity: 'component:default/payments-api',
  environment: 'production',
  decision: 'block',
  reasons: [
    {
      slo: 'slo:default/payments-api-availability',
      budgetRemaining: -0.0648,
      decision: 'block',
      message:
        'Payments availability: error budget exhausted (-6.5 % left); the policy blocks releases when a budget is exhausted',
    },
    {
      slo: 'slo:default/payments-api-latency',
      budgetRemaining: 0.4511,
      decision: 'allow',
      message: 'Payments latency: 45.1 % of the error budget left',
    },
  ],
  policy: { blockWhenExhausted: true, warnBelow: 0.25, source: 'config' },
  evaluatedAt: NOW,
};

export const deploymentPage: DeploymentPage = {
  items: [stagingDeployment, deployment],
  totalCount: 12,
  offset: 0,
  limit: 10,
};

export const dora: DoraReport = {
  entity: 'component:default/payments-api',
  environment: 'production',
  from: NOW - 90 * DAY,
  to: NOW,
  deploymentFrequency: { deployments: 45, perDay: 0.5, band: 'high' },
  leadTimeForChanges: {
    medianMs: 5 * 3_600_000,
    deployments: 45,
    band: 'high',
  },
  changeFailureRate: { rate: 0.2, failed: 9, total: 45, band: 'medium' },
  timeToRestore: {
    medianMs: 40 * 60_000,
    restored: 3,
    unrestored: 0,
    band: 'elite',
  },
};

export const ownership: OwnershipInfo = {
  entity: 'component:default/payments-api',
  owner: {
    ref: 'group:default/payments',
    kind: 'group',
    exists: true,
    title: 'Payments',
    email: 'payments@acme.example',
    memberCount: 2,
    parents: [{ ref: 'group:default/engineering', title: 'Engineering' }],
  },
  contacts: [
    {
      type: 'chat',
      title: '#payments on Slack',
      url: 'https://chat.acme.example/channels/payments',
      source: 'owner',
    },
    {
      type: 'oncall',
      title: 'Payments on-call',
      url: 'https://acme.pagerduty.example/schedules/P1234',
      source: 'owner',
    },
  ],
  problems: [
    {
      code: 'team-has-no-members',
      message: 'Team payments has no members: add them in the catalog.',
    },
  ],
};

export const runbooks: RunbookList = {
  entity: 'component:default/payments-api',
  maxAgeDays: 180,
  items: [
    {
      id: 'rb1',
      title: 'Payments runbook',
      url: 'https://git.example/payments/runbook.md',
      source: 'entity-link',
      format: 'markdown',
      lastReviewed: NOW - 10 * DAY,
      lastReviewedSource: 'front-matter',
      freshness: 'fresh',
    },
    {
      id: 'rb2',
      title: 'PSP outage',
      url: 'https://wiki.example/psp',
      source: 'slo-annotation',
      slo: 'slo:default/payments-api-availability',
      format: 'link',
      freshness: 'unknown',
    },
    {
      id: 'rb3',
      title: 'Old failover guide',
      url: 'https://git.example/payments/failover.md',
      source: 'entity-link',
      format: 'markdown',
      lastReviewed: NOW - 400 * DAY,
      lastReviewedSource: 'file-change',
      freshness: 'stale',
    },
  ],
};

export const runbookDocument: RunbookDocument = {
  ...runbooks.items[0],
  markdown: [
    '# Payments runbook',
    '',
    '1. Check the PSP status page.',
    '2. Fail over to the second PSP.',
    '',
    '<script>window.__pwned = true</script>',
    '<img src="x" onerror="window.__pwned = true">',
  ].join('\n'),
};

export function serviceRow(
  overrides: Partial<ServiceReliabilityRow> = {},
): ServiceReliabilityRow {
  return {
    entity: 'component:default/payments-api',
    title: 'Payments API',
    type: 'service',
    owner: 'group:default/payments',
    system: 'system:default/payment-processing',
    domain: 'domain:default/commerce',
    tier: 'critical',
    lifecycle: 'production',
    sloCount: 2,
    status: 'exhausted',
    budgetRemaining: -0.0648,
    alertState: 'none',
    stale: false,
    lastDeployment: {
      id: 'deploy-42',
      environment: 'production',
      status: 'succeeded',
      version: 'v2.14.0',
      startedAt: NOW - 3 * 3_600_000,
      finishedAt: NOW - 2 * 3_600_000,
    },
    ...overrides,
  };
}

export function servicePage(
  items: ServiceReliabilityRow[],
  totalCount = items.length,
  offset = 0,
  limit = 25,
): ServiceReliabilityPage {
  return {
    items,
    totalCount,
    offset,
    limit,
    facets: {
      owner: ['group:default/payments', 'group:default/search'],
      system: ['system:default/payment-processing'],
      domain: ['domain:default/commerce'],
      tier: ['critical', 'high'],
    },
  };
}

export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    title: 'Payments API',
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  relations: [
    { type: 'measuredBy', targetRef: 'slo:default/payments-api-availability' },
  ],
};

export const sloEntity: Entity = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'payments-api-availability', namespace: 'default' },
  spec: { service: 'payments-api' },
};

export const groupEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
