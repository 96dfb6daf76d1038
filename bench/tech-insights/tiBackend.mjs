// The Tech Insights backend of the benchmark: its own small Backstage
// backend with the catalog (and the OpenSLO catalog module, so that it holds
// the same entities as the demo backend), Tech Insights, its JSON rules
// engine fact checker and the bench's reliability fact retriever. It runs in
// its own process because Tech Insights 3.1 pulls an older backend-defaults
// than the demo backend. Started by run.mjs with Backstage's TypeScript
// require hook (for the catalog module) and `--config <file>`.

import { createRequire } from 'node:module';
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { reliabilityFactRetriever } from './reliabilityFactRetriever.mjs';

const require = createRequire(import.meta.url);

const benchFacts = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'reliability-bench-facts',
  register(env) {
    env.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({ reliabilityFactRetriever });
      },
    });
  },
});

// A workspace package in TypeScript: loaded through the require hook.
const catalogModuleReliability =
  require('@reliability-kit/plugin-catalog-backend-module-reliability').default;

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(catalogModuleReliability);
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(benchFacts);
backend.start();
