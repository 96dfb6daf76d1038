import type {
  ScorecardAppliesTo,
  ScorecardCheckDefinition,
  ScorecardCheckResult,
} from '../scorecards/types';

/**
 * A level as the API shows it.
 *
 * @public
 */
export interface ScorecardLevelInfo {
  id: string;
  title: string;
  description?: string;
  checks: ScorecardCheckDefinition[];
}

/**
 * A scorecard as `GET /api/reliability/v1/scorecards` lists it.
 *
 * @public
 */
export interface ScorecardInfo {
  id: string;
  title: string;
  description: string;
  appliesTo: ScorecardAppliesTo;
  levels: ScorecardLevelInfo[];
  /** Where it is defined: the built-in default, app-config or a module. */
  source: 'default' | 'config' | 'module';
}

/**
 * Answer of `GET /api/reliability/v1/scorecards`.
 *
 * @public
 */
export interface ScorecardList {
  items: ScorecardInfo[];
}

/**
 * Why results are not current: the last run could not read what it needs.
 *
 * @public
 */
export interface ScorecardStaleness {
  reason: string;
  /** ISO time of the first failed run since the results were made. */
  since: string;
}

/**
 * The grade of one entity on one scorecard.
 *
 * @public
 */
export interface EntityScorecardResult {
  scorecardId: string;
  entity: string;
  /** Index of the level reached; -1 when none. */
  levelIndex: number;
  /** Id of the level reached; null when none. */
  level: string | null;
  checks: ScorecardCheckResult[];
  passed: number;
  applicable: number;
  /** ISO time of the evaluation. */
  evaluatedAt: string;
  stale?: ScorecardStaleness;
}

/**
 * Answer of `GET /api/reliability/v1/entities/:kind/:namespace/:name/scorecards`
 * and of the refresh `POST` on the same path plus `/refresh`.
 *
 * @public
 */
export interface EntityScorecards {
  entity: string;
  /** One per scorecard that grades the entity; empty when none applies. */
  items: EntityScorecardResult[];
  /** Scorecards that apply but have not been evaluated yet. */
  pending: string[];
}

/**
 * Counts of one check over a set of entities.
 *
 * @public
 */
export interface ScorecardCheckStats {
  id: string;
  levelId: string;
  pass: number;
  fail: number;
  exempt: number;
  notApplicable: number;
  /** (pass + exempt) / applicable; null when it applies to none. */
  passRate: number | null;
}

/**
 * Level counts and check pass rates over a set of entities.
 *
 * @public
 */
export interface ScorecardRollupStats {
  entities: number;
  /** Entities per level: index 0 is "no level", index i + 1 is level i. */
  levelCounts: number[];
  checks: ScorecardCheckStats[];
  /** Share of applicable checks passed or exempt; null without entities. */
  passRate: number | null;
  /** Mean of (level reached + 1) / levels, 0..1; null without entities. */
  score: number | null;
}

/**
 * The scope of a rollup.
 *
 * @public
 */
export type ScorecardScopeType = 'all' | 'team' | 'system' | 'domain';

/**
 * Answer of `GET /api/reliability/v1/scorecards/:id/rollup`.
 *
 * @public
 */
export interface ScorecardRollup extends ScorecardRollupStats {
  scorecardId: string;
  scope: { type: ScorecardScopeType; ref?: string; title?: string };
  /** Direct sub-teams of a team scope, each with its own rollup. */
  children?: Array<{ ref: string; title: string } & ScorecardRollupStats>;
  /** ISO time of the oldest result in the rollup; null without results. */
  evaluatedAt: string | null;
  /** Results in the rollup that are stale. */
  staleCount: number;
}

/**
 * One row of a leaderboard.
 *
 * @public
 */
export interface ScorecardLeaderboardRow extends ScorecardRollupStats {
  rank: number;
  ref: string;
  title: string;
}

/**
 * Answer of `GET /api/reliability/v1/scorecards/:id/leaderboard?by=team`.
 *
 * @public
 */
export interface ScorecardLeaderboard {
  scorecardId: string;
  by: Exclude<ScorecardScopeType, 'all'>;
  rows: ScorecardLeaderboardRow[];
}

/**
 * One day of a trend.
 *
 * @public
 */
export interface ScorecardTrendPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  entities: number;
  levelCounts: number[];
  passRate: number | null;
  score: number | null;
}

/**
 * Answer of `GET /api/reliability/v1/scorecards/:id/trend`.
 *
 * @public
 */
export interface ScorecardTrend {
  scorecardId: string;
  scope: { type: ScorecardScopeType; ref?: string };
  days: number;
  points: ScorecardTrendPoint[];
}

/**
 * The level of one entity, for catalog columns.
 *
 * @public
 */
export interface ScorecardEntityLevel {
  entity: string;
  levelIndex: number;
  level: string | null;
  stale: boolean;
}

/**
 * Answer of `GET /api/reliability/v1/scorecards/:id/levels?entity=…`.
 *
 * @public
 */
export interface ScorecardLevels {
  scorecardId: string;
  /** Only entities with a result; others are not graded by the scorecard. */
  items: ScorecardEntityLevel[];
}

/**
 * Answer of `POST /api/reliability/v1/scorecards/evaluations`.
 *
 * @public
 */
export interface ScorecardRunSummary {
  scorecards: number;
  entities: number;
  /** Grades made: one per entity and scorecard that applies to it. */
  results: number;
  /** Grades written: new, changed or no longer stale; the others are stored. */
  written: number;
  /**
   * Daily snapshots written: every grade on a day's first run, then the
   * changed ones.
   */
  snapshots: number;
  /** Results of entities that left the catalog or the scorecard. */
  removed: number;
  durationMs: number;
  evaluatedAt: string;
  /** Where the time went: catalog, facts, grading, save. */
  phasesMs?: Record<string, number>;
  /** Time of each fact provider (they run in parallel). */
  factProvidersMs?: Record<string, number>;
}
