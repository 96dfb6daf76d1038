import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DeploymentSource } from '@reliability-kit/plugin-reliability-node';
import { Knex } from 'knex';
import { KnownEntities } from '../service/KnownEntities';
import { DeploymentStore } from './DeploymentStore';
import { pullDeploymentSource } from './pullDeploymentSource';

/**
 * One global task per pulled deployment source: one replica pulls each
 * time, from the cursor in the database.
 */
export async function scheduleDeploymentSources(
  sources: DeploymentSource[],
  deps: {
    knex: Knex;
    store: DeploymentStore;
    knownEntities: KnownEntities;
    logger: LoggerService;
    scheduler: SchedulerService;
    clock: () => number;
  },
) {
  for (const source of sources) {
    const logger = deps.logger.child({ deploymentSource: source.id });
    await deps.scheduler.scheduleTask({
      id: `reliability-deployment-source-${source.id}`,
      frequency: { minutes: 5 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 30 },
      ...source.schedule,
      scope: 'global',
      fn: async signal => {
        const outcome = await pullDeploymentSource(
          source,
          { ...deps, logger },
          signal ?? new AbortController().signal,
        );
        logger.info(
          `Pulled ${outcome.pulled} deployments: ${outcome.stored} stored, ${outcome.skipped} skipped`,
        );
      },
    });
  }
}
