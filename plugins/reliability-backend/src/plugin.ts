import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  DeploymentSource,
  reliabilityDeploymentSourcesExtensionPoint,
  reliabilitySliSourcesExtensionPoint,
  SliSource,
} from '@reliability-kit/plugin-reliability-node';
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
import { SloEvaluator } from './slo/SloEvaluator';
import { StatusStore } from './slo/StatusStore';

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
        urlReader: coreServices.urlReader,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const config = readReliabilityConfig(deps.config);
        const knex = await connectDatabase(deps.database);
        const sliStore = new SliStore(knex);
        if (!sources.has('BuiltIn')) {
          sources.set('BuiltIn', new BuiltInSliSource(sliStore));
        }
        const statusStore = new StatusStore(knex);
        const sloCatalog = new SloCatalog(deps.catalog, deps.auth);
        const evaluator = new SloEvaluator({
          catalog: sloCatalog,
          store: statusStore,
          sources,
          logger: deps.logger,
          warningThreshold: config.warningThreshold,
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
        const ctx = {
          config,
          logger: deps.logger,
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
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
          ownership: new OwnershipService(
            deps.catalog,
            deps.auth,
            config.ownership,
          ),
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
            await evaluator.runCycle();
            await impacts.runCycle(Date.now());
            summaries.clear();
            await sliStore.deleteOlderThan(Date.now() - config.retentionMs);
          },
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
