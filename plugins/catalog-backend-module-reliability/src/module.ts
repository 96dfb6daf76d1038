import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { OpenSloEntityProcessor } from './processors/OpenSloEntityProcessor';
import { ReliabilityAnnotationsProcessor } from './processors/ReliabilityAnnotationsProcessor';

/**
 * Catalog module of Backstage Reliability: admits OpenSLO `SLO` and `SLI`
 * documents as entities with their relations, and validates the reliability
 * annotations on every entity.
 *
 * @public
 */
export const catalogModuleReliability = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'reliability',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
      },
      async init({ processing, catalog, auth, logger }) {
        processing.addProcessor(
          new OpenSloEntityProcessor({ catalog, auth, logger }),
          new ReliabilityAnnotationsProcessor({ catalog, auth, logger }),
        );
      },
    });
  },
});
