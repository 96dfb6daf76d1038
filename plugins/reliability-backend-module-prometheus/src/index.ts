/**
 * Prometheus SLI source for the Backstage Reliability backend.
 *
 * @packageDocumentation
 */
export { reliabilityModulePrometheus as default } from './module';
export {
  PrometheusSliSource,
  PROMETHEUS_SLI_SOURCE_TYPE,
} from './PrometheusSliSource';
export { PrometheusClient, PrometheusQueryError } from './PrometheusClient';
export type {
  PrometheusClientStats,
  RangePoint,
  RangeSeries,
} from './PrometheusClient';
export { readPrometheusConfig } from './config';
export type { PrometheusInstance, PrometheusSourceConfig } from './config';
