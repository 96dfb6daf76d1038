/**
 * Kinds of contact a team or service can be reached by.
 *
 * @public
 */
export type ContactType =
  | 'email'
  | 'chat'
  | 'oncall'
  | 'escalation'
  | 'pagerduty'
  | 'opsgenie';

/**
 * One way to reach the owner.
 *
 * @public
 */
export interface OwnerContact {
  type: ContactType;
  title: string;
  url: string;
  /** Where it came from: the owning group (or user), or the entity itself. */
  source: 'owner' | 'entity';
}

/**
 * Codes of the ownership problems.
 *
 * @public
 */
export type OwnershipProblemCode =
  | 'owner-missing'
  | 'owner-not-found'
  | 'owner-is-user'
  | 'team-has-no-members'
  | 'no-oncall-contact';

/**
 * Something wrong with who owns an entity, for scorecards and the UI.
 *
 * @public
 */
export interface OwnershipProblem {
  code: OwnershipProblemCode;
  /** What is wrong and how to fix it. */
  message: string;
}

/**
 * A group in the owner's parent chain.
 *
 * @public
 */
export interface OwnerGroupRef {
  ref: string;
  title?: string;
}

/**
 * Who owns an entity and how to reach them: answer of
 * `GET /api/reliability/v1/entities/:kind/:namespace/:name/ownership`.
 *
 * @public
 */
export interface OwnershipInfo {
  entity: string;
  owner: {
    /** Entity ref from `spec.owner`, e.g. `group:default/payments-team`. */
    ref: string;
    kind: 'group' | 'user';
    /** False when the catalog has no such entity. */
    exists: boolean;
    title?: string;
    email?: string;
    /** Direct members of the group; undefined for users and missing owners. */
    memberCount?: number;
    /** Parent groups, nearest first. */
    parents: OwnerGroupRef[];
  } | null;
  contacts: OwnerContact[];
  problems: OwnershipProblem[];
}
