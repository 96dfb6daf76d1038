import { DEFAULT_SCORECARD } from './defaultScorecard';
import {
  groupAndAncestors,
  rankRollups,
  rollupScores,
  rowsByScope,
  ScorecardRollupRow,
} from './rollup';

const row = (
  entity: string,
  owner: string | undefined,
  levelIndex: number,
  extra: Partial<ScorecardRollupRow> = {},
): ScorecardRollupRow => ({
  entity,
  owner,
  levelIndex,
  passed: levelIndex + 1,
  applicable: 3,
  checks: [
    { id: 'owner-is-team', status: levelIndex >= 0 ? 'pass' : 'fail' },
    { id: 'has-slo', status: levelIndex >= 1 ? 'pass' : 'fail' },
    { id: 'slos-met', status: 'exempt' },
  ],
  ...extra,
});

// engineering ← platform ← {sre, infra}; payments is a root team.
const groups = [
  { ref: 'group:default/engineering' },
  { ref: 'group:default/platform', parent: 'group:default/engineering' },
  { ref: 'group:default/sre', parent: 'group:default/platform' },
  { ref: 'group:default/infra', parent: 'group:default/platform' },
  { ref: 'group:default/payments' },
];

describe('rowsByScope by team', () => {
  const rows = [
    row('component:default/a', 'group:default/sre', 2),
    row('component:default/b', 'group:default/infra', 0),
    row('component:default/c', 'group:default/platform', 1),
    row('component:default/d', 'group:default/payments', -1),
    row('component:default/e', undefined, 1),
    row('component:default/f', 'user:default/jane', 1),
  ];
  const byTeam = rowsByScope(rows, 'team', groups);

  it('counts sub-teams in their parents, through the whole chain', () => {
    const names = (ref: string) =>
      byTeam.get(ref)?.map(r => r.entity.split('/')[1]);
    expect(names('group:default/sre')).toEqual(['a']);
    expect(names('group:default/platform')).toEqual(['a', 'b', 'c']);
    expect(names('group:default/engineering')).toEqual(['a', 'b', 'c']);
    expect(names('group:default/payments')).toEqual(['d']);
    // Without an owner a row belongs to no team.
    expect([...byTeam.values()].flat().some(r => r.entity.endsWith('/e'))).toBe(
      false,
    );
  });

  it('rolls up level counts, per-check pass rates and the score', () => {
    const stats = rollupScores(
      DEFAULT_SCORECARD,
      byTeam.get('group:default/platform')!,
    );
    expect(stats.entities).toBe(3);
    expect(stats.levelCounts).toEqual([0, 1, 1, 1]);
    // Levels reached: gold 3/3, bronze 1/3, silver 2/3 → mean 2/3.
    expect(stats.score).toBeCloseTo(2 / 3, 12);
    expect(stats.passRate).toBeCloseTo(6 / 9, 12);
    const hasSlo = stats.checks.find(c => c.id === 'has-slo')!;
    expect(hasSlo).toMatchObject({
      pass: 2,
      fail: 1,
      exempt: 0,
      passRate: 2 / 3,
    });
    expect(stats.checks.find(c => c.id === 'slos-met')).toMatchObject({
      exempt: 3,
      passRate: 1,
    });
    // Checks no row has are zero, with no pass rate.
    expect(stats.checks.find(c => c.id === 'runbook-fresh')).toMatchObject({
      pass: 0,
      passRate: null,
    });
  });

  it('gives empty stats without rows', () => {
    expect(rollupScores(DEFAULT_SCORECARD, [])).toMatchObject({
      entities: 0,
      levelCounts: [0, 0, 0, 0],
      passRate: null,
      score: null,
    });
  });
});

describe('rowsByScope by system and domain', () => {
  it('groups by the row field, leaving rows without it out', () => {
    const rows = [
      row('component:default/a', undefined, 0, {
        system: 'system:default/shop',
        domain: 'domain:default/commerce',
      }),
      row('component:default/b', undefined, 0, {
        system: 'system:default/shop',
      }),
      row('component:default/c', undefined, 0),
    ];
    expect(rowsByScope(rows, 'system').get('system:default/shop')).toHaveLength(
      2,
    );
    expect([...rowsByScope(rows, 'domain').keys()]).toEqual([
      'domain:default/commerce',
    ]);
  });
});

describe('groupAndAncestors', () => {
  it('stops at a cycle', () => {
    const parentOf = new Map([
      ['group:default/a', 'group:default/b'],
      ['group:default/b', 'group:default/a'],
    ]);
    expect(groupAndAncestors('group:default/a', parentOf)).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
  });
});

describe('rankRollups', () => {
  it('orders by score, pass rate, size, then ref, sharing ranks on ties', () => {
    const stats = (
      ref: string,
      score: number | null,
      passRate: number | null,
      entities: number,
    ) => ({
      ref,
      score,
      passRate,
      entities,
      levelCounts: [],
      checks: [],
    });
    const ranked = rankRollups([
      stats('group:default/c', 0.5, 0.8, 4),
      stats('group:default/a', 0.9, 0.9, 2),
      stats('group:default/b', 0.5, 0.8, 4),
      stats('group:default/d', null, null, 0),
      stats('group:default/e', 0.5, 0.9, 1),
    ]);
    expect(ranked.map(r => [r.ref.split('/')[1], r.rank])).toEqual([
      ['a', 1],
      ['e', 2],
      ['b', 3],
      ['c', 3],
      ['d', 5],
    ]);
  });
});
