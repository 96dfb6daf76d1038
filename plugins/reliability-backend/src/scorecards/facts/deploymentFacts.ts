import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  SCORECARD_FACTS as F,
  ScorecardFactValue,
} from '@reliability-kit/plugin-reliability-common';
import { ScorecardFactProvider } from '@reliability-kit/plugin-reliability-node';
import { Knex } from 'knex';

const DAY = 86_400_000;

/**
 * Facts from production deployments: days since the last successful one,
 * and the change failure rate over 90 days (failed or rolled back among
 * finished ones), as the DORA math counts it. One grouped query serves all
 * entities.
 */
export function deploymentFacts(
  knex: Knex,
  environment = 'production',
): ScorecardFactProvider {
  return {
    id: 'reliability.deployments',
    facts: [
      {
        id: F.daysSinceDeploy,
        title: 'Days since the last production deployment',
        type: 'number',
      },
      {
        id: F.deploymentCount90d,
        title: 'Production deployments in 90 days',
        type: 'number',
      },
      {
        id: F.changeFailureRate90d,
        title: 'Change failure rate over 90 days',
        type: 'number',
      },
    ],
    async retrieve({ entities, now }) {
      const since = now - 90 * DAY;
      const query = knex('deployments')
        .where('environment', environment)
        .groupBy('entity_ref')
        .select(
          'entity_ref',
          knex.raw(
            "max(case when status = 'succeeded' then deployed_at end) as last_success",
          ),
          knex.raw(
            "sum(case when deployed_at >= ? and status in ('succeeded', 'failed', 'rolled_back') then 1 else 0 end) as finished",
            [since],
          ),
          knex.raw(
            "sum(case when deployed_at >= ? and status in ('failed', 'rolled_back') then 1 else 0 end) as failed",
            [since],
          ),
        );
      // A single entity (an on-demand refresh) reads only its own rows.
      if (entities.length === 1) {
        query.where('entity_ref', stringifyEntityRef(entities[0]));
      }
      const rows: Array<{
        entity_ref: string;
        last_success: string | number | null;
        finished: string | number | null;
        failed: string | number | null;
      }> = await query;
      const byRef = new Map(rows.map(r => [r.entity_ref, r]));
      const result = new Map<string, Record<string, ScorecardFactValue>>();
      for (const entity of entities) {
        const ref = stringifyEntityRef(entity);
        const row = byRef.get(ref);
        const last =
          row?.last_success === null || row?.last_success === undefined
            ? null
            : Number(row.last_success);
        const finished = Number(row?.finished ?? 0);
        const failed = Number(row?.failed ?? 0);
        result.set(ref, {
          [F.daysSinceDeploy]:
            last === null ? null : Math.max(0, Math.floor((now - last) / DAY)),
          [F.deploymentCount90d]: finished,
          [F.changeFailureRate90d]: finished ? failed / finished : null,
        });
      }
      return result;
    },
  };
}
