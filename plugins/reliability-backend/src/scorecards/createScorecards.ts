import {
  AuthService,
  LoggerService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_SCORECARD,
  parseScorecardDefinitions,
  ScorecardDefinition,
  ScorecardInfo,
} from '@reliability-kit/plugin-reliability-common';
import { ScorecardFactProvider } from '@reliability-kit/plugin-reliability-node';
import { Knex } from 'knex';
import { OwnershipService } from '../ownership/OwnershipService';
import { CatalogReads } from '../service/uncompressedCatalog';
import { isTaskDue } from '../slo/isTaskDue';
import { StatusStore } from '../slo/StatusStore';
import { catalogFacts } from './facts/catalogFacts';
import { deploymentFacts } from './facts/deploymentFacts';
import { runbookFacts, scorecardRunbookReader } from './facts/runbookFacts';
import { sloFacts } from './facts/sloFacts';
import { ScorecardConfig } from './readScorecardConfig';
import { ScorecardCatalog } from './ScorecardCatalog';
import { ScorecardEvaluator } from './ScorecardEvaluator';
import { ScorecardRegistry } from './ScorecardRegistry';
import { ScorecardFeature } from './routes';
import { ScorecardService } from './ScorecardService';
import { ScorecardStore } from './ScorecardStore';

/**
 * Builds the scorecard feature: the built-in fact providers plus modules',
 * the default scorecard plus app-config's and modules', validated together
 * (an unknown fact or a duplicate id stops the backend with the config path).
 */
export function createScorecards(options: {
  config: ScorecardConfig;
  knex: Knex;
  catalog: CatalogReads;
  auth: AuthService;
  urlReader: UrlReaderService;
  logger: LoggerService;
  ownership: OwnershipService;
  statusStore: StatusStore;
  moduleProviders: readonly ScorecardFactProvider[];
  moduleScorecards: readonly ScorecardDefinition[];
  clock: () => number;
}): ScorecardFeature & { store: ScorecardStore } {
  const { config } = options;
  const providers = [
    catalogFacts(options.ownership),
    sloFacts(options.statusStore),
    runbookFacts(scorecardRunbookReader(options.urlReader), {
      catalog: options.catalog,
      auth: options.auth,
      ttlMs: config.runbookReviewTtlMs,
    }),
    deploymentFacts(options.knex),
    ...options.moduleProviders,
  ];
  const factIds = new Map<string, string>();
  for (const provider of providers) {
    for (const fact of provider.facts) {
      const other = factIds.get(fact.id);
      if (other) {
        throw new Error(
          `Scorecard fact ${fact.id} is provided by both ${other} and ${provider.id}; fact ids must be unique`,
        );
      }
      factIds.set(fact.id, provider.id);
    }
  }
  const knownFacts = [...factIds.keys()];
  const fromConfig = parseScorecardDefinitions(config.definitions, {
    knownFacts,
  });
  if (!fromConfig.ok) {
    throw new Error(
      `Invalid scorecard configuration:\n  ${fromConfig.errors.join('\n  ')}`,
    );
  }
  const fromModules = parseScorecardDefinitions(options.moduleScorecards, {
    knownFacts,
    path: 'scorecards added by modules',
  });
  if (!fromModules.ok) {
    throw new Error(
      `Invalid scorecard from a module:\n  ${fromModules.errors.join('\n  ')}`,
    );
  }
  const infos: ScorecardInfo[] = [
    ...(config.includeDefault
      ? [{ ...DEFAULT_SCORECARD, source: 'default' as const }]
      : []),
    ...fromConfig.value.map(c => ({ ...c, source: 'config' as const })),
    ...fromModules.value.map(c => ({ ...c, source: 'module' as const })),
  ];
  const ids = new Set<string>();
  for (const info of infos) {
    if (ids.has(info.id)) {
      throw new Error(
        `Scorecard id "${info.id}" is used twice (${info.source}); ${
          info.id === DEFAULT_SCORECARD.id
            ? 'set reliability.scorecards.includeDefault: false to replace the default scorecard'
            : 'ids must be unique'
        }`,
      );
    }
    ids.add(info.id);
  }
  const registry = new ScorecardRegistry(infos);
  const store = new ScorecardStore(options.knex);
  const catalog = new ScorecardCatalog(
    options.catalog,
    options.auth,
    options.clock,
  );
  return {
    registry,
    store,
    service: new ScorecardService({
      registry,
      store,
      catalog,
      clock: options.clock,
    }),
    evaluator: new ScorecardEvaluator({
      registry,
      providers,
      catalog,
      store,
      logger: options.logger,
      clock: options.clock,
    }),
  };
}

const TASK_ID = 'reliability-evaluate-scorecards';

/** The scheduled run over every entity, once per cycle across replicas. */
export async function scheduleScorecards(
  scheduler: SchedulerService,
  feature: ScorecardFeature & { store: ScorecardStore },
  config: ScorecardConfig,
  options: { clock: () => number; knex: Knex; logger: LoggerService },
) {
  const { clock } = options;
  await scheduler.scheduleTask({
    id: TASK_ID,
    frequency: config.frequency,
    timeout: config.timeout,
    initialDelay: config.initialDelay,
    scope: 'global',
    fn: async signal => {
      // A late second claim of the same cycle (see isTaskDue) skips.
      if (!(await isTaskDue(options.knex, TASK_ID))) {
        options.logger.info(
          'Skipped a scorecard run that another replica has run',
        );
        return;
      }
      try {
        await feature.evaluator.runAll(signal);
      } finally {
        await feature.store.deleteSnapshotsOlderThan(
          config.snapshotRetentionDays,
          clock(),
        );
      }
    },
  });
}
