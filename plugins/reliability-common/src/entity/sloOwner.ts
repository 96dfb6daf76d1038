/**
 * Annotation on an SLO entity naming its owner when that is not the owner of
 * the service it measures, e.g. `group:default/sre`. A bare name means a
 * group in the SLO's namespace.
 *
 * @public
 */
export const ANNOTATION_SLO_OWNER = 'reliability/owner';
