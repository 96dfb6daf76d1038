import { LoggerService } from '@backstage/backend-plugin-api';
import {
  burnAroundDeployment,
  Deployment,
  DEPLOYMENT_BURN_SPAN_MS,
  DeploymentBudgetImpact,
  SloBurnAroundDeployment,
  sloDefinitionFromOpenSlo,
} from '@reliability-kit/plugin-reliability-common';
import { SliSource } from '@reliability-kit/plugin-reliability-node';
import { SloCatalog, SloRecord } from '../slo/SloCatalog';
import { DeploymentStore } from './DeploymentStore';

/** Deployments evaluated per cycle at most, newest first. */
const PER_CYCLE = 200;

/**
 * Sets each deployment against the error budget its entity's SLOs burned in
 * the hour after it, compared with the hour before, once that hour is over.
 */
export class DeploymentImpactEvaluator {
  constructor(
    private readonly options: {
      store: DeploymentStore;
      catalog: SloCatalog;
      sources: ReadonlyMap<string, SliSource>;
      logger: LoggerService;
      /**
       * Environments whose deployments the SLOs measure; deployments to
       * others (staging) are recorded with no SLO impact. Default production.
       */
      environments?: string[];
    },
  ) {}

  /** Evaluates pending deployments; resolves to how many were stored. */
  async runCycle(now: number): Promise<number> {
    const { store, catalog } = this.options;
    const pending = await store.pendingImpacts({
      until: now - DEPLOYMENT_BURN_SPAN_MS,
      limit: PER_CYCLE,
    });
    if (pending.length === 0) return 0;
    const slosByService = new Map<string, SloRecord[]>();
    for (const record of await catalog.list()) {
      if (!record.serviceRef) continue;
      const list = slosByService.get(record.serviceRef) ?? [];
      list.push(record);
      slosByService.set(record.serviceRef, list);
    }
    let saved = 0;
    for (const deployment of pending) {
      try {
        const impact = await this.impactOf(
          deployment,
          slosByService.get(deployment.entity) ?? [],
          now,
        );
        await store.saveImpact(deployment.id, deployedAt(deployment), impact);
        saved++;
      } catch (error) {
        // Left pending: the next cycle tries again.
        this.options.logger.warn(
          `Could not evaluate the budget impact of deployment ${deployment.id}: ${error}`,
        );
      }
    }
    return saved;
  }

  private async impactOf(
    deployment: Deployment,
    slos: SloRecord[],
    now: number,
  ): Promise<DeploymentBudgetImpact> {
    const at = deployedAt(deployment);
    const results: SloBurnAroundDeployment[] = [];
    const environments = this.options.environments ?? ['production'];
    const measured = environments.includes(deployment.environment);
    for (const record of measured ? slos : []) {
      const burn = await this.burnOf(record, at);
      if (burn) results.push(burn);
    }
    return {
      state: 'evaluated',
      likelyCausedBurn: results.some(r => r.likelyCausedBurn),
      slos: results,
      evaluatedAt: now,
    };
  }

  /** The objective that burned most after the deployment speaks for the SLO. */
  private async burnOf(
    record: SloRecord,
    at: number,
  ): Promise<SloBurnAroundDeployment | undefined> {
    const source = record.sourceType
      ? this.options.sources.get(record.sourceType)
      : undefined;
    if (!source || !record.indicator) return undefined;
    let worst: SloBurnAroundDeployment | undefined;
    for (const index of record.slo.spec.objectives.keys()) {
      const definition = sloDefinitionFromOpenSlo(record.slo, index);
      if (!definition) continue;
      const samples = await source.readSamples({
        entity: record.entity,
        slo: record.slo,
        indicator: record.indicator,
        objectiveIndex: index,
        start: at - DEPLOYMENT_BURN_SPAN_MS,
        end: at + DEPLOYMENT_BURN_SPAN_MS,
        resolutionMs: 60_000,
      });
      const burn = {
        slo: record.ref,
        ...burnAroundDeployment(samples, definition, at),
      };
      if (!worst || (burn.burnRateAfter ?? -1) > (worst.burnRateAfter ?? -1)) {
        worst = burn;
      }
    }
    return worst;
  }
}

/** When a deployment counts as happened: when it finished, else started. */
export function deployedAt(deployment: Deployment): number {
  return deployment.finishedAt ?? deployment.startedAt;
}
