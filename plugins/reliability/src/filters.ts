import type { Entity } from '@backstage/catalog-model';
import type { FilterPredicate } from '@backstage/filter-predicates';
import {
  RELATION_MEASURED_BY,
  SLO_KIND,
} from '@reliability-kit/plugin-reliability-common';

const RUNNING_TYPES = ['service', 'website'];

/**
 * True when an OpenSLO SLO measures the entity (the catalog module adds a
 * `measuredBy` relation to the service).
 *
 * @public
 */
export function hasSlos(entity: Entity): boolean {
  return (
    entity.relations?.some(
      r => r.type.toLocaleLowerCase('en-US') === RELATION_MEASURED_BY.toLocaleLowerCase('en-US'),
    ) ?? false
  );
}

/**
 * True for components that run (services, websites) or have SLOs: those
 * the Reliability tab is for.
 *
 * @public
 */
export function isReliabilityAvailable(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return false;
  const type = String(entity.spec?.type ?? '').toLocaleLowerCase('en-US');
  return RUNNING_TYPES.includes(type) || hasSlos(entity);
}

/**
 * True for OpenSLO `SLO` entities.
 *
 * @public
 */
export function isSloEntity(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === SLO_KIND.toLocaleLowerCase('en-US');
}

/** {@link hasSlos} as a filter predicate, which app config can override. */
export const hasSlosPredicate: FilterPredicate = {
  $all: [
    { kind: 'component' },
    { relations: { $contains: { type: RELATION_MEASURED_BY } } },
  ],
};

/** {@link isReliabilityAvailable} as a filter predicate. */
export const reliabilityAvailablePredicate: FilterPredicate = {
  $all: [
    { kind: 'component' },
    {
      $any: [
        { 'spec.type': { $in: RUNNING_TYPES } },
        { relations: { $contains: { type: RELATION_MEASURED_BY } } },
      ],
    },
  ],
};

/** {@link isSloEntity} as a filter predicate. */
export const sloEntityPredicate: FilterPredicate = { kind: SLO_KIND };
