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

/** @public */
export const reliabilityPermissions = [
  reliabilitySliEventsCreatePermission,
  reliabilityEvaluationRunPermission,
  reliabilityDeploymentsCreatePermission,
];
