import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { DeploymentSource } from './deploymentSource';
import { SliSource } from './sliSource';

/**
 * Lets backend modules add SLI data sources to the reliability backend.
 *
 * @public
 */
export interface ReliabilitySliSourcesExtensionPoint {
  /** Adds sources; a later source for the same type replaces an earlier one. */
  addSliSource(...sources: SliSource[]): void;
}

/**
 * Extension point for SLI data sources, keyed by OpenSLO
 * `metricSource.type`.
 *
 * @public
 */
export const reliabilitySliSourcesExtensionPoint =
  createExtensionPoint<ReliabilitySliSourcesExtensionPoint>({
    id: 'reliability.sli-sources',
  });

/**
 * Lets backend modules add deployment sources that the reliability backend
 * pulls on a schedule.
 *
 * @public
 */
export interface ReliabilityDeploymentSourcesExtensionPoint {
  /** Adds sources; ids must be unique. */
  addDeploymentSource(...sources: DeploymentSource[]): void;
}

/**
 * Extension point for pulled deployment sources.
 *
 * @public
 */
export const reliabilityDeploymentSourcesExtensionPoint =
  createExtensionPoint<ReliabilityDeploymentSourcesExtensionPoint>({
    id: 'reliability.deployment-sources',
  });
