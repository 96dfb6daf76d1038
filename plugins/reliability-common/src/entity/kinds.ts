/**
 * The `apiVersion` of OpenSLO v1 documents, which the catalog admits as
 * entities.
 *
 * @public
 */
export const OPENSLO_API_VERSION = 'openslo/v1';

/**
 * Catalog kind of an OpenSLO `SLO` document.
 *
 * @public
 */
export const SLO_KIND = 'SLO';

/**
 * Catalog kind of an OpenSLO `SLI` document.
 *
 * @public
 */
export const SLI_KIND = 'SLI';

/**
 * True for catalog entities that are OpenSLO documents of a kind the
 * reliability plugins understand.
 *
 * @public
 */
export function isOpenSloEntity(entity: {
  apiVersion: string;
  kind: string;
}): boolean {
  return (
    entity.apiVersion === OPENSLO_API_VERSION &&
    (entity.kind === SLO_KIND || entity.kind === SLI_KIND)
  );
}
