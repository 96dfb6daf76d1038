import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Pushing SLI events to the built-in store.
 *
 * @public
 */
export const reliabilitySliEventsCreatePermission = createPermission({
  name: 'reliability.sli-events.create',
  attributes: { action: 'create' },
});

/**
 * Running an evaluation of every SLO now.
 *
 * @public
 */
export const reliabilityEvaluationRunPermission = createPermission({
  name: 'reliability.evaluation.run',
  attributes: { action: 'update' },
});

/**
 * Recording deployments (CI/CD webhooks).
 *
 * @public
 */
export const reliabilityDeploymentsCreatePermission = createPermission({
  name: 'reliability.deployments.create',
  attributes: { action: 'create' },
});

/**
 * Re-grading one entity's scorecards now (the Refresh button).
 *
 * @public
 */
export const reliabilityScorecardsRefreshPermission = createPermission({
  name: 'reliability.scorecards.refresh',
  attributes: { action: 'update' },
});

/** @public */
export const reliabilityPermissions = [
  reliabilityScorecardsRefreshPermission,
  reliabilitySliEventsCreatePermission,
  reliabilityEvaluationRunPermission,
  reliabilityDeploymentsCreatePermission,
];
