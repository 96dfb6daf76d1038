/**
 * Isomorphic model of the Backstage Reliability plugins: OpenSLO v1
 * validation, reliability annotations, SLO math and DORA metrics.
 *
 * @packageDocumentation
 */
export * from './openslo';
export * from './annotations';
export * from './slo';
export * from './dora';
export * from './entity';
export * from './scorecards';
export * from './api';
