import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  DeploymentSource,
  reliabilityDeploymentSourcesExtensionPoint,
  reliabilityScorecardsExtensionPoint,
  reliabilitySliSourcesExtensionPoint,
  ScorecardFactProvider,
  SliSource,
} from '@reliability-kit/plugin-reliability-node';
import { ScorecardDefinition } from '@reliability-kit/plugin-reliability-common';
import {
  createScorecards,
  scheduleScorecards,
} from './scorecards/createScorecards';
import { readScorecardConfig } from './scorecards/readScorecardConfig';
import { registerActions } from './actions/registerActions';
import { readReliabilityConfig } from './config';
import { connectDatabase } from './database/migrations';
import { DeploymentImpactEvaluator } from './deployments/DeploymentImpactEvaluator';
import { DeploymentStore } from './deployments/DeploymentStore';
import { scheduleDeploymentSources } from './deployments/scheduleDeploymentSources';
import { OwnershipService } from './ownership/OwnershipService';
import { RunbookReader } from './runbooks/RunbookReader';
import { RunbookService } from './runbooks/RunbookService';
import { KnownEntities } from './service/KnownEntities';
import { createRouter } from './service/router';
import { EntitySummaries } from './services/EntitySummaries';
import { ServiceCatalog } from './services/ServiceCatalog';
import { BuiltInSliSource } from './sli/BuiltInSliSource';
import { reliabilityPermissions } from './sli/permissions';
import { SliStore } from './sli/SliStore';
import { SloCatalog } from './slo/SloCatalog';
import { createEvaluationMetrics } from './slo/evaluationMetrics';
import { SloEvaluator } from './slo/SloEvaluator';
import { StatusStore } from './slo/StatusStore';
import { isTaskDue } from './slo/isTaskDue';
import { uncompressedCatalog } from './service/uncompressedCatalog';

/**
 * The reliability backend plugin: SLO evaluation, the built-in SLI store,
 * the status API, the release gate and rule export.
 *
 * @public
 */
export const reliabilityPlugin = createBackendPlugin({
  pluginId: 'reliability',
  register(env) {
    const sources = new Map<string, SliSource>();
    env.registerExtensionPoint(reliabilitySliSourcesExtensionPoint, {
      addSliSource(...added) {
        for (const source of added) sources.set(source.type, source);
      },
    });

    const deploymentSources = new Map<string, DeploymentSource>();
    env.registerExtensionPoint(reliabilityDeploymentSourcesExtensionPoint, {
      addDeploymentSource(...added) {
        for (const source of added) {
          if (deploymentSources.has(source.id)) {
            throw new Error(
              `Deployment source ${source.id} was added twice; ids must be unique`,
            );
          }
          deploymentSources.set(source.id, source);
        }
      },
    });

    const factProviders: ScorecardFactProvider[] = [];
    const moduleScorecards: ScorecardDefinition[] = [];
    env.registerExtensionPoint(reliabilityScorecardsExtensionPoint, {
      addFactProvider(...added) {
        factProviders.push(...added);
      },
      addScorecard(...added) {
        moduleScorecards.push(...added);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        urlReader: coreServices.urlReader,
        actionsRegistry: actionsRegistryServiceRef,
        metrics: metricsServiceRef,
      },
      async init(deps) {
        const config = readReliabilityConfig(deps.config);
        const knex = await connectDatabase(deps.database);
        const sliStore = new SliStore(knex);
        if (!sources.has('BuiltIn')) {
          sources.set('BuiltIn', new BuiltInSliSource(sliStore));
        }
        const statusStore = new StatusStore(knex);
        // Bulk reads (every SLO, every component) ask for no compression.
        const bulkCatalog = uncompressedCatalog(deps);
        const sloCatalog = new SloCatalog(bulkCatalog, deps.auth);
        const evaluator = new SloEvaluator({
          catalog: sloCatalog,
          store: statusStore,
          sources,
          logger: deps.logger,
          warningThreshold: config.warningThreshold,
          metrics: createEvaluationMetrics(deps.metrics, statusStore),
        });
        const deploymentStore = new DeploymentStore(knex);
        const summaries = new EntitySummaries(
          statusStore,
          deploymentStore,
          Date.now,
        );
        const impacts = new DeploymentImpactEvaluator({
          store: deploymentStore,
          catalog: sloCatalog,
          sources,
          logger: deps.logger,
        });
        const ownership = new OwnershipService(
          bulkCatalog,
          deps.auth,
          config.ownership,
        );
        const scorecardConfig = readScorecardConfig(deps.config);
        const scorecards = createScorecards({
          config: scorecardConfig,
          knex,
          catalog: bulkCatalog,
          auth: deps.auth,
          urlReader: deps.urlReader,
          logger: deps.logger,
          ownership,
          statusStore,
          moduleProviders: factProviders,
          moduleScorecards,
          clock: Date.now,
        });
        const ctx = {
          config,
          logger: deps.logger,
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
          catalog: deps.catalog,
          sliStore,
          statusStore,
          sloCatalog,
          evaluator,
          sources,
          deploymentStore,
          impacts,
          serviceCatalog: new ServiceCatalog(deps.catalog, deps.auth),
          summaries,
          knownEntities: new KnownEntities(deps.catalog, deps.auth),
          ownership,
          scorecards,
          runbooks: new RunbookService({
            catalog: deps.catalog,
            auth: deps.auth,
            reader: new RunbookReader(deps.urlReader, {
              ttlMs: config.runbooks.cacheTtlMs,
              maxEntries: config.runbooks.cacheSize,
            }),
            logger: deps.logger,
            maxAgeDays: config.runbooks.maxAgeDays,
            clock: Date.now,
          }),
          clock: Date.now,
        };

        deps.permissionsRegistry.addPermissions(reliabilityPermissions);

        // Global scope: one replica runs each cycle, the others skip it.
        await deps.scheduler.scheduleTask({
          id: 'reliability-evaluate-slos',
          frequency: config.frequency,
          timeout: config.timeout,
          initialDelay: config.initialDelay,
          scope: 'global',
          fn: async () => {
            // A late second claim of the same cycle (see isTaskDue) skips.
            if (!(await isTaskDue(knex, 'reliability-evaluate-slos'))) {
              deps.logger.info(
                'Skipped an evaluation cycle that another replica has run',
              );
              return;
            }
            await evaluator.runCycle();
            await impacts.runCycle(Date.now());
            summaries.clear();
            await sliStore.deleteOlderThan(Date.now() - config.retentionMs);
          },
        });

        await scheduleScorecards(deps.scheduler, scorecards, scorecardConfig, {
          clock: Date.now,
          knex,
          logger: deps.logger,
        });

        const annotationsOf = async (ref: string) => {
          const entity = await deps.catalog.getEntityByRef(ref, {
            credentials: await deps.auth.getOwnServiceCredentials(),
          });
          return entity?.metadata.annotations;
        };
        await scheduleDeploymentSources([...deploymentSources.values()], {
          knex,
          store: deploymentStore,
          knownEntities: ctx.knownEntities,
          logger: deps.logger,
          scheduler: deps.scheduler,
          clock: Date.now,
        });

        registerActions(deps.actionsRegistry, ctx, annotationsOf);

        deps.httpRouter.use(createRouter(ctx, annotationsOf));
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
