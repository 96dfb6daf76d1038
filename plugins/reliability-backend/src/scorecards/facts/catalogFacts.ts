import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  SCORECARD_FACTS as F,
  ScorecardFactValue,
  scorecardTierOf,
} from '@reliability-kit/plugin-reliability-common';
import { ScorecardFactProvider } from '@reliability-kit/plugin-reliability-node';
import { ON_CALL_TYPES } from '../../ownership/buildOwnershipInfo';
import { OwnershipService } from '../../ownership/OwnershipService';

const filled = (value: unknown) =>
  typeof value === 'string' && value.trim().length > 0;

/**
 * Facts from the entity itself and its owner: owned by a team that exists,
 * lifecycle and description set, tier, on-call and escalation contacts.
 * Owners and their parent groups are read in batches for all entities.
 */
export function catalogFacts(
  ownership: OwnershipService,
): ScorecardFactProvider {
  return {
    id: 'reliability.catalog',
    facts: [
      {
        id: F.ownerIsTeam,
        title: 'Owned by a team that exists',
        type: 'boolean',
      },
      { id: F.hasLifecycle, title: 'Lifecycle set', type: 'boolean' },
      { id: F.hasDescription, title: 'Description set', type: 'boolean' },
      { id: F.tier, title: 'Reliability tier', type: 'string' },
      {
        id: F.hasOnCall,
        title: 'On-call or escalation contact',
        type: 'boolean',
      },
      { id: F.hasEscalation, title: 'Escalation contact', type: 'boolean' },
    ],
    async retrieve({ entities }) {
      const flags = await ownership.contactFlagsOf(entities);
      const result = new Map<string, Record<string, ScorecardFactValue>>();
      entities.forEach((entity, i) => {
        const { ownerIsTeam, contactTypes } = flags[i];
        result.set(stringifyEntityRef(entity), {
          [F.ownerIsTeam]: ownerIsTeam,
          [F.hasLifecycle]: filled(entity.spec?.lifecycle),
          [F.hasDescription]: filled(entity.metadata.description),
          [F.tier]: scorecardTierOf(entity),
          [F.hasOnCall]: [...contactTypes].some(t => ON_CALL_TYPES.has(t)),
          [F.hasEscalation]: contactTypes.has('escalation'),
        });
      });
      return result;
    },
  };
}
