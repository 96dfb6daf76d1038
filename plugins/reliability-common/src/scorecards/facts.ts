/**
 * Ids of the facts the reliability backend computes for every entity a
 * scorecard grades. Modules add more through the scorecard extension point.
 *
 * @public
 */
export const SCORECARD_FACTS = {
  /** boolean: `spec.owner` is a Group that exists in the catalog. */
  ownerIsTeam: 'catalog.ownerIsTeam',
  /** boolean: `spec.lifecycle` is set. */
  hasLifecycle: 'catalog.hasLifecycle',
  /** boolean: `metadata.description` is set. */
  hasDescription: 'catalog.hasDescription',
  /** string: `reliability/tier`, or `untiered`. */
  tier: 'catalog.tier',
  /** number: SLOs that measure the entity. */
  sloCount: 'slo.count',
  /** boolean: every SLO is healthy or warning; false without SLOs or data. */
  slosMeetObjective: 'slo.allMeetObjective',
  /** number: SLOs whose error budget is exhausted. */
  slosExhausted: 'slo.exhaustedCount',
  /** number: runbooks of the entity (`metadata.links` of type runbook). */
  runbookCount: 'runbook.count',
  /** number: days since the most recently reviewed runbook; null unknown. */
  runbookDaysSinceReview: 'runbook.daysSinceReview',
  /** boolean: an on-call or escalation contact (links or annotations). */
  hasOnCall: 'ownership.hasOnCall',
  /** boolean: an escalation contact. */
  hasEscalation: 'ownership.hasEscalation',
  /** number: days since the last successful production deployment. */
  daysSinceDeploy: 'deployments.daysSinceLast',
  /** number: production deployments finished in the last 90 days. */
  deploymentCount90d: 'deployments.count90d',
  /** number 0..1: failed or rolled back share of those; null without any. */
  changeFailureRate90d: 'deployments.changeFailureRate90d',
} as const;
