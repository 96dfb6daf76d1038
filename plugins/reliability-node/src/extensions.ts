import { createExtensionPoint } from '@backstage/backend-plugin-api';
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
