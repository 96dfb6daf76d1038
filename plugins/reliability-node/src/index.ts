/**
 * Extension points of the Backstage Reliability backend.
 *
 * @packageDocumentation
 */
export * from './sliSource';
export * from './extensions';
export * from './deploymentSource';
export * from './scorecards';
