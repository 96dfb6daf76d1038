import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { reliabilitySliSourcesExtensionPoint } from '@reliability-kit/plugin-reliability-node';
import { readPrometheusConfig } from './config';
import { PrometheusSliSource } from './PrometheusSliSource';

/**
 * Adds the Prometheus SLI source (`metricSource.type: Prometheus`) to the
 * reliability backend.
 *
 * @public
 */
export const reliabilityModulePrometheus = createBackendModule({
  pluginId: 'reliability',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sliSources: reliabilitySliSourcesExtensionPoint,
      },
      async init({ config, logger, sliSources }) {
        const settings = readPrometheusConfig(config);
        if (settings.instances.size === 0) {
          logger.warn(
            'No Prometheus instances configured (reliability.prometheus.instances); Prometheus SLOs will report the error',
          );
        }
        sliSources.addSliSource(new PrometheusSliSource(settings));
      },
    });
  },
});
