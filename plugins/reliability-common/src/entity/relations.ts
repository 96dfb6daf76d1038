/**
 * Relation from an SLO entity to the entity it measures (`spec.service`).
 *
 * @public
 */
export const RELATION_MEASURES = 'measures';

/**
 * Relation from a service to each SLO that measures it; the reverse of
 * {@link RELATION_MEASURES}.
 *
 * @public
 */
export const RELATION_MEASURED_BY = 'measuredBy';

/**
 * Relation from an SLO entity to the SLI entity named by its `indicatorRef`.
 *
 * @public
 */
export const RELATION_USES_INDICATOR = 'usesIndicator';

/**
 * Relation from an SLI entity to each SLO that uses it; the reverse of
 * {@link RELATION_USES_INDICATOR}.
 *
 * @public
 */
export const RELATION_INDICATOR_OF = 'indicatorOf';
