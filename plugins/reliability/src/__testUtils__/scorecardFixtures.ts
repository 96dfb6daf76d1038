import {
  DEFAULT_SCORECARD,
  rankRollups,
  rollupScores,
  SCORECARD_FACTS as F,
  scoreEntity,
  type EntityScorecardResult,
  type EntityScorecards,
  type ScorecardInfo,
  type ScorecardLeaderboard,
  type ScorecardList,
  type ScorecardRollup,
  type ScorecardRollupRow,
  type ScorecardTrend,
} from '@reliability-kit/plugin-reliability-common';
import { NOW } from './fixtures';

const DAY = 86_400_000;

/** The built-in production-readiness scorecard, as the API lists it. */
export const defaultScorecardInfo: ScorecardInfo = {
  ...DEFAULT_SCORECARD,
  source: 'default',
};

/** A second scorecard, for the pickers. */
export const docsScorecardInfo: ScorecardInfo = {
  id: 'docs',
  title: 'Documentation',
  description: 'Is it documented?',
  appliesTo: { kind: ['Component', 'API'], lifecycle: ['production'] },
  source: 'config',
  levels: [
    {
      id: 'documented',
      title: 'Documented',
      checks: [
        {
          id: 'techdocs',
          title: 'TechDocs set up',
          fact: 'catalog.hasTechDocs',
          operator: 'equal',
          threshold: true,
          howToFix: 'Add a backstage.io/techdocs-ref annotation.',
        },
      ],
    },
  ],
};

export function scorecardList(
  items: ScorecardInfo[] = [defaultScorecardInfo],
): ScorecardList {
  return { items };
}

/**
 * payments-api: bronze passed, silver failing on the runbook (with the SLO
 * check passing), the escalation check not applicable to its tier, and an
 * exemption for the runbook freshness.
 */
export function paymentsResult(
  overrides: Partial<EntityScorecardResult> = {},
): EntityScorecardResult {
  const score = scoreEntity(
    DEFAULT_SCORECARD,
    {
      facts: {
        [F.ownerIsTeam]: true,
        [F.hasLifecycle]: true,
        [F.hasDescription]: true,
        [F.sloCount]: 2,
        [F.runbookCount]: 0,
        [F.hasOnCall]: true,
        [F.hasEscalation]: false,
        [F.slosMeetObjective]: false,
        [F.slosExhausted]: 1,
        [F.runbookDaysSinceReview]: null,
        [F.daysSinceDeploy]: 2,
        [F.changeFailureRate90d]: 0.2,
      },
      exemptions: [
        {
          checkId: 'runbook-fresh',
          reason: 'runbook moves to the new wiki',
          until: '2099-12-31',
        },
      ],
      tier: 'medium',
    },
    NOW,
  );
  return {
    scorecardId: DEFAULT_SCORECARD.id,
    entity: 'component:default/payments-api',
    level:
      score.levelIndex >= 0
        ? DEFAULT_SCORECARD.levels[score.levelIndex].id
        : null,
    ...score,
    evaluatedAt: new Date(NOW - 5 * 60_000).toISOString(),
    ...overrides,
  };
}

export function entityScorecards(
  overrides: Partial<EntityScorecards> = {},
): EntityScorecards {
  return {
    entity: 'component:default/payments-api',
    items: [paymentsResult()],
    pending: [],
    ...overrides,
  };
}

const TEAMS = [
  { ref: 'group:default/payments', title: 'Payments', levels: [1, 0, 2] },
  { ref: 'group:default/search', title: 'Search & Discovery', levels: [0, -1] },
  { ref: 'group:default/platform', title: 'Platform', levels: [2, 2, 1] },
];

function rows(levels: number[], owner: string): ScorecardRollupRow[] {
  return levels.map((levelIndex, i) => ({
    entity: `component:default/${owner}-${i}`,
    owner,
    levelIndex,
    passed: 3 + levelIndex * 4,
    applicable: 13,
    checks: [
      { id: 'has-runbook', status: levelIndex >= 1 ? 'pass' : 'fail' },
      { id: 'has-slo', status: levelIndex >= 0 ? 'pass' : 'fail' },
      { id: 'has-escalation', status: 'not-applicable' },
      { id: 'slos-met', status: levelIndex >= 2 ? 'pass' : 'fail' },
    ],
  }));
}

export function leaderboard(): ScorecardLeaderboard {
  return {
    scorecardId: DEFAULT_SCORECARD.id,
    by: 'team',
    rows: rankRollups(
      TEAMS.map(t => ({
        ref: t.ref,
        title: t.title,
        ...rollupScores(DEFAULT_SCORECARD, rows(t.levels, t.ref)),
      })),
    ),
  };
}

export function rollup(
  overrides: Partial<ScorecardRollup> = {},
): ScorecardRollup {
  const all = TEAMS.flatMap(t => rows(t.levels, t.ref));
  return {
    scorecardId: DEFAULT_SCORECARD.id,
    scope: { type: 'all' },
    ...rollupScores(DEFAULT_SCORECARD, all),
    evaluatedAt: new Date(NOW - 10 * 60_000).toISOString(),
    staleCount: 0,
    ...overrides,
  };
}

/** The payments team: itself and a sub-team. */
export function teamRollup(): ScorecardRollup {
  const own = rows([1, 0, 2], 'group:default/payments');
  const fraud = rows([0], 'group:default/fraud');
  return {
    ...rollup(),
    ...rollupScores(DEFAULT_SCORECARD, [...own, ...fraud]),
    scope: {
      type: 'team',
      ref: 'group:default/payments',
      title: 'Payments',
    },
    children: [
      {
        ref: 'group:default/fraud',
        title: 'Fraud',
        ...rollupScores(DEFAULT_SCORECARD, fraud),
      },
    ],
  };
}

/** A month of days: the score climbing from 0.2 to 0.5. */
export function trend(days = 30): ScorecardTrend {
  const start = Date.UTC(2026, 10, 1);
  return {
    scorecardId: DEFAULT_SCORECARD.id,
    scope: { type: 'all' },
    days,
    points: Array.from({ length: days }, (_, i) => {
      const silver = Math.floor(i / 6);
      return {
        day: new Date(start + i * DAY).toISOString().slice(0, 10),
        entities: 8,
        levelCounts: [4 - Math.min(4, silver), 4, silver, 0],
        passRate: 0.5 + i / 100,
        score: 0.2 + (0.3 * i) / Math.max(1, days - 1),
      };
    }),
  };
}
