import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useReliabilityData } from '../../hooks/useReliabilityData';

/** The current entity's ref and its reliability summary. */
export function useEntitySummary() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const summary = useReliabilityData(
    api => api.getEntitySummary(entityRef),
    [entityRef],
  );
  return { entity, entityRef, summary };
}
