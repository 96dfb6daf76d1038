import type {
  ScorecardCheckStats,
  ScorecardRollupStats,
} from '../api/scorecards';
import type { ScorecardCheckStatus, ScorecardDefinition } from './types';

/**
 * What a rollup needs of one entity's result.
 *
 * @public
 */
export interface ScorecardRollupRow {
  entity: string;
  owner?: string;
  system?: string;
  domain?: string;
  levelIndex: number;
  passed: number;
  applicable: number;
  checks: ReadonlyArray<{ id: string; status: ScorecardCheckStatus }>;
}

/**
 * Level counts, per-check counts, pass rate and score over `rows`.
 *
 * @public
 */
export function rollupScores(
  scorecard: ScorecardDefinition,
  rows: readonly ScorecardRollupRow[],
): ScorecardRollupStats {
  const levels = scorecard.levels.length;
  const levelCounts = new Array<number>(levels + 1).fill(0);
  const stats = new Map<string, ScorecardCheckStats>();
  for (const level of scorecard.levels) {
    for (const check of level.checks) {
      stats.set(check.id, {
        id: check.id,
        levelId: level.id,
        pass: 0,
        fail: 0,
        exempt: 0,
        notApplicable: 0,
        passRate: null,
      });
    }
  }
  let passed = 0;
  let applicable = 0;
  let attained = 0;
  for (const row of rows) {
    const index = Math.max(-1, Math.min(levels - 1, row.levelIndex));
    levelCounts[index + 1] += 1;
    attained += levels ? (index + 1) / levels : 0;
    passed += row.passed;
    applicable += row.applicable;
    for (const check of row.checks) {
      const s = stats.get(check.id);
      if (!s) continue;
      if (check.status === 'pass') s.pass += 1;
      else if (check.status === 'fail') s.fail += 1;
      else if (check.status === 'exempt') s.exempt += 1;
      else s.notApplicable += 1;
    }
  }
  for (const s of stats.values()) {
    const n = s.pass + s.fail + s.exempt;
    s.passRate = n ? (s.pass + s.exempt) / n : null;
  }
  return {
    entities: rows.length,
    levelCounts,
    checks: [...stats.values()],
    passRate: applicable ? passed / applicable : null,
    score: rows.length ? attained / rows.length : null,
  };
}

/**
 * A group and its parent, as the catalog's `spec.parent` says.
 *
 * @public
 */
export interface ScorecardGroupNode {
  ref: string;
  parent?: string;
}

/**
 * The group and every ancestor of it, nearest first; stops at a cycle.
 *
 * @public
 */
export function groupAndAncestors(
  ref: string,
  parentOf: ReadonlyMap<string, string | undefined>,
): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: string | undefined = ref;
  while (current && !seen.has(current)) {
    seen.add(current);
    chain.push(current);
    current = parentOf.get(current);
  }
  return chain;
}

/**
 * Rows by scope: by owning team (each row also counts for every ancestor
 * team, so a parent team includes its sub-teams), by system or by domain.
 * Rows without that scope, and rows owned by a user rather than a group
 * when grouping by team, are left out.
 *
 * @public
 */
export function rowsByScope<R extends ScorecardRollupRow>(
  rows: readonly R[],
  by: 'team' | 'system' | 'domain',
  groups: readonly ScorecardGroupNode[] = [],
): Map<string, R[]> {
  const parentOf = new Map(groups.map(g => [g.ref, g.parent]));
  const chains = new Map<string, string[]>();
  const result = new Map<string, R[]>();
  const add = (key: string, row: R) => {
    const list = result.get(key);
    if (list) list.push(row);
    else result.set(key, [row]);
  };
  for (const row of rows) {
    const key = row[by === 'team' ? 'owner' : by];
    if (!key) continue;
    if (by === 'team' && !key.startsWith('group:')) continue;
    if (by !== 'team') {
      add(key, row);
      continue;
    }
    let chain = chains.get(key);
    if (!chain) {
      chain = groupAndAncestors(key, parentOf);
      chains.set(key, chain);
    }
    for (const team of chain) add(team, row);
  }
  return result;
}

/**
 * Leaderboard order: higher score first, then higher pass rate, then more
 * entities, then by ref; ranks are 1-based and shared on exact ties.
 *
 * @public
 */
export function rankRollups<T extends ScorecardRollupStats & { ref: string }>(
  items: readonly T[],
): Array<T & { rank: number }> {
  const key = (x: T) => [x.score ?? -1, x.passRate ?? -1, x.entities];
  const sorted = [...items].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i]) return kb[i] - ka[i];
    }
    return a.ref.localeCompare(b.ref);
  });
  let rank = 0;
  return sorted.map((item, i) => {
    const prev = sorted[i - 1];
    const tie = prev && key(prev).every((v, j) => v === key(item)[j]);
    rank = tie ? rank : i + 1;
    return { ...item, rank };
  });
}
