import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, isError } from '@backstage/errors';
import { DeploymentSource } from '@reliability-kit/plugin-reliability-node';
import { Knex } from 'knex';
import { KnownEntities } from '../service/KnownEntities';
import { DeploymentStore } from './DeploymentStore';
import {
  MAX_DEPLOYMENTS_PER_REQUEST,
  ParsedDeployment,
  parseDeploymentEvents,
} from './parseDeploymentEvents';

const CURSORS = 'deployment_source_cursors';

/** What one pull did. */
export interface PullOutcome {
  pulled: number;
  stored: number;
  /** Invalid deployments, unknown entities and id conflicts, each logged. */
  skipped: number;
}

/**
 * Pulls a source once from its stored cursor, validates what it returns
 * like the ingestion API does, stores it and moves the cursor on. A failing
 * pull leaves the cursor, so the next run asks again.
 */
export async function pullDeploymentSource(
  source: DeploymentSource,
  deps: {
    knex: Knex;
    store: DeploymentStore;
    knownEntities: KnownEntities;
    logger: LoggerService;
    clock: () => number;
  },
  signal: AbortSignal,
): Promise<PullOutcome> {
  const { knex, store, knownEntities, logger } = deps;
  const row = await knex(CURSORS).where({ source_id: source.id }).first();
  const result = await source.pull({
    cursor: row?.cursor ?? undefined,
    signal,
  });
  let skipped = 0;
  const skip = (why: string) => {
    skipped++;
    logger.warn(`Deployment source ${source.id}: skipped ${why}`);
  };

  const valid: ParsedDeployment[] = [];
  result.deployments.forEach((deployment, index) => {
    try {
      valid.push(...parseDeploymentEvents(deployment));
    } catch (error) {
      skip(`deployment ${index}: ${isError(error) ? error.message : error}`);
    }
  });
  const missing = new Set(
    await knownEntities.missing(valid.map(d => d.entity)),
  );
  const known = valid.filter(d => {
    if (!missing.has(d.entity)) return true;
    skip(`deployment ${d.id}: ${d.entity} is not in the catalog`);
    return false;
  });

  let stored = 0;
  const now = deps.clock();
  for (let i = 0; i < known.length; i += MAX_DEPLOYMENTS_PER_REQUEST) {
    const chunk = known.slice(i, i + MAX_DEPLOYMENTS_PER_REQUEST);
    try {
      await store.upsert(chunk, now);
      stored += chunk.length;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Find the offenders one by one; store the rest.
      for (const deployment of chunk) {
        try {
          await store.upsert([deployment], now);
          stored++;
        } catch (single) {
          if (!(single instanceof ConflictError)) throw single;
          skip(single.message);
        }
      }
    }
  }

  await knex(CURSORS)
    .insert({
      source_id: source.id,
      cursor: result.cursor ?? row?.cursor ?? null,
      pulled_at: now,
      pulled: result.deployments.length,
    })
    .onConflict('source_id')
    .merge();
  return { pulled: result.deployments.length, stored, skipped };
}
