/**
 * A fact's value for one entity. `null` means the fact has no value for it
 * (for example the change failure rate of a service never deployed).
 *
 * @public
 */
export type ScorecardFactValue = boolean | number | string | null;

/**
 * How a check compares a fact with its threshold. The names are those of
 * the JSON rules engine that Tech Insights uses, so checks read the same.
 *
 * @public
 */
export type ScorecardOperator =
  | 'equal'
  | 'notEqual'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'in'
  | 'notIn';

/**
 * One check of a scorecard level.
 *
 * @public
 */
export interface ScorecardCheckDefinition {
  /** Unique within the scorecard; the id exemptions name. */
  id: string;
  title: string;
  description?: string;
  /** Id of the fact the check reads, such as `slo.count`. */
  fact: string;
  operator: ScorecardOperator;
  /** What the fact is compared with; a list for `in` and `notIn`. */
  threshold: ScorecardFactValue | Array<string | number>;
  /** What to do when the check fails. */
  howToFix: string;
  /** A snippet to copy, such as the `catalog-info.yaml` lines to add. */
  snippet?: string;
  /**
   * Service tiers (`reliability/tier`) the check applies to; other entities
   * are not-applicable. Leave out to apply to every tier.
   */
  tiers?: string[];
}

/**
 * One level of a scorecard; levels are ordered from lowest to highest.
 *
 * @public
 */
export interface ScorecardLevelDefinition {
  id: string;
  title: string;
  description?: string;
  checks: ScorecardCheckDefinition[];
}

/**
 * Which entities a scorecard grades. Every field that is set must match;
 * lists match any of their values, case-insensitively.
 *
 * @public
 */
export interface ScorecardAppliesTo {
  kind?: string[];
  /** `spec.type` */
  type?: string[];
  /** `reliability/tier` annotation; entities without one are `untiered`. */
  tier?: string[];
  /** `spec.lifecycle` */
  lifecycle?: string[];
  /**
   * More conditions as dot paths into the entity, such as
   * `metadata.annotations.backstage.io/techdocs-ref` (the last segments are
   * joined when a key holds dots) or `spec.system`; `'*'` means "is set".
   */
  filter?: Record<string, string | string[]>;
}

/**
 * A scorecard: which entities it grades, and its levels.
 *
 * @public
 */
export interface ScorecardDefinition {
  id: string;
  title: string;
  description: string;
  appliesTo: ScorecardAppliesTo;
  levels: ScorecardLevelDefinition[];
}

/**
 * The outcome of one check for one entity.
 *
 * @public
 */
export type ScorecardCheckStatus =
  | 'pass'
  | 'fail'
  | 'exempt'
  | 'not-applicable';

/**
 * The result of one check for one entity, with what to do about it.
 *
 * @public
 */
export interface ScorecardCheckResult {
  id: string;
  levelId: string;
  status: ScorecardCheckStatus;
  /** The fact's value; null without one. */
  value: ScorecardFactValue;
  /** One sentence saying what was found and what was expected. */
  message: string;
  /** Set when an exemption made the check count as passed. */
  exemption?: { reason: string; until?: string };
}

/**
 * The grade of one entity on one scorecard.
 *
 * @public
 */
export interface ScorecardScore {
  /** Index of the level reached in `levels`; -1 when none. */
  levelIndex: number;
  checks: ScorecardCheckResult[];
  /** Checks that count as passed: pass or exempt. */
  passed: number;
  /** Checks that apply: everything but not-applicable. */
  applicable: number;
}
