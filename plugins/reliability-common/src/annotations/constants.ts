/**
 * `reliability/tier`: how critical the entity is (critical, high, medium, low).
 *
 * @public
 */
export const ANNOTATION_RELIABILITY_TIER = 'reliability/tier';

/**
 * `reliability/error-budget-policy`: per-entity override of the release-gate
 * policy, e.g. `block-when-exhausted=true,warn-below=0.25`.
 *
 * @public
 */
export const ANNOTATION_ERROR_BUDGET_POLICY = 'reliability/error-budget-policy';

/**
 * `reliability/slo-runbook`: on an SLO entity, URL or relative path of the
 * runbook for that SLO's alerts.
 *
 * @public
 */
export const ANNOTATION_SLO_RUNBOOK = 'reliability/slo-runbook';

/**
 * `reliability/scorecard-exemptions`: scorecard checks the entity is exempt
 * from, each with a reason and optional end date.
 *
 * @public
 */
export const ANNOTATION_SCORECARD_EXEMPTIONS =
  'reliability/scorecard-exemptions';

/**
 * `reliability/deployment-source`: where the entity's deployments are
 * recorded, as `<provider>:<locator>`.
 *
 * @public
 */
export const ANNOTATION_DEPLOYMENT_SOURCE = 'reliability/deployment-source';

/**
 * `pagerduty.com/service-id`: the PagerDuty service (well-known annotation).
 *
 * @public
 */
export const ANNOTATION_PAGERDUTY_SERVICE_ID = 'pagerduty.com/service-id';

/**
 * `opsgenie.com/team`: the Opsgenie team (well-known annotation).
 *
 * @public
 */
export const ANNOTATION_OPSGENIE_TEAM = 'opsgenie.com/team';

/**
 * Entity `metadata.links[].type` values the reliability plugins look for.
 *
 * @public
 */
export const RELIABILITY_LINK_TYPES = Object.freeze({
  runbook: 'runbook',
  chat: 'chat',
  oncall: 'oncall',
  escalation: 'escalation',
} as const);

/**
 * One of {@link RELIABILITY_LINK_TYPES}.
 *
 * @public
 */
export type ReliabilityLinkType =
  (typeof RELIABILITY_LINK_TYPES)[keyof typeof RELIABILITY_LINK_TYPES];
