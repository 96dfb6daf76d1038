/**
 * Catalog module of Backstage Reliability: OpenSLO documents as catalog
 * entities, and validation of the reliability annotations.
 *
 * @packageDocumentation
 */

export { catalogModuleReliability as default } from './module';
export { OpenSloEntityProcessor } from './processors/OpenSloEntityProcessor';
export { ReliabilityAnnotationsProcessor } from './processors/ReliabilityAnnotationsProcessor';
