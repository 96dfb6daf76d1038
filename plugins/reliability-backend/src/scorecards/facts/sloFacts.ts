import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  RELATION_MEASURED_BY,
  SCORECARD_FACTS as F,
  ScorecardFactValue,
} from '@reliability-kit/plugin-reliability-common';
import { ScorecardFactProvider } from '@reliability-kit/plugin-reliability-node';
import { StatusStore } from '../../slo/StatusStore';

const MET = new Set(['healthy', 'warning']);

/**
 * Facts from SLO status: how many SLOs measure the entity (its `measuredBy`
 * relations), whether all meet their objective, how many are exhausted.
 * One read of every stored status serves all entities.
 */
export function sloFacts(statusStore: StatusStore): ScorecardFactProvider {
  return {
    id: 'reliability.slo',
    facts: [
      { id: F.sloCount, title: 'SLOs', type: 'number' },
      {
        id: F.slosMeetObjective,
        title: 'All SLOs meet their objective',
        type: 'boolean',
      },
      {
        id: F.slosExhausted,
        title: 'SLOs with an exhausted budget',
        type: 'number',
      },
    ],
    async retrieve({ entities }) {
      const statusOf = new Map(
        (await statusStore.headlines()).map(h => [h.slo, h.status]),
      );
      const result = new Map<string, Record<string, ScorecardFactValue>>();
      for (const entity of entities) {
        const slos = [
          ...new Set(
            (entity.relations ?? [])
              .filter(r => r.type === RELATION_MEASURED_BY)
              .map(r => r.targetRef),
          ),
        ];
        const statuses = slos.map(ref => statusOf.get(ref) ?? 'no-data');
        result.set(stringifyEntityRef(entity), {
          [F.sloCount]: slos.length,
          [F.slosMeetObjective]:
            statuses.length > 0 && statuses.every(s => MET.has(s)),
          [F.slosExhausted]: statuses.filter(s => s === 'exhausted').length,
        });
      }
      return result;
    },
  };
}
