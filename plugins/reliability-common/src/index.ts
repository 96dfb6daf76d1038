/**
 * Isomorphic model of the Backstage Reliability plugins.
 *
 * @packageDocumentation
 */
export {};
