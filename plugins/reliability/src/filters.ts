import type { Entity } from '@backstage/catalog-model';
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
      r =>
        r.type.toLocaleLowerCase('en-US') ===
        RELATION_MEASURED_BY.toLocaleLowerCase('en-US'),
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
  return (
    entity.kind.toLocaleLowerCase('en-US') ===
    SLO_KIND.toLocaleLowerCase('en-US')
  );
}
