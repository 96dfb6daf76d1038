import { Entity } from '@backstage/catalog-model';
import {
  OpenSloMetric,
  OpenSloSlo,
  OpenSloSloSpec,
} from '@reliability-kit/plugin-reliability-common';
import type { RuleExportInput } from '../exportPrometheusRules';

export const GOOD_QUERY =
  'sum(rate(http_requests_total{job="checkout",code!~"5.."}[{{.window}}]))';
export const BAD_QUERY =
  'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))';
export const TOTAL_QUERY =
  'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))';

export function promMetric(query: string, type = 'Prometheus'): OpenSloMetric {
  return { metricSource: { type, spec: { query } } };
}

export interface SloInputOptions {
  name?: string;
  service?: string;
  namespace?: string;
  title?: string;
  displayName?: string;
  annotations?: Record<string, string>;
  links?: Entity['metadata']['links'];
  spec?: Partial<OpenSloSloSpec>;
}

/**
 * A Prometheus-backed good/total SLO: 99.9% over a rolling 30 days unless
 * `spec` says otherwise.
 */
export function sloInput(options: SloInputOptions = {}): RuleExportInput {
  const name = options.name ?? 'availability';
  const service = options.service ?? 'checkout-service';
  const namespace = options.namespace ?? 'default';
  const slo: OpenSloSlo = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name,
      displayName: options.displayName ?? 'Checkout availability',
    },
    spec: {
      service,
      indicator: {
        metadata: { name: `${name}-ratio` },
        spec: {
          ratioMetric: {
            counter: true,
            good: promMetric(GOOD_QUERY),
            total: promMetric(TOTAL_QUERY),
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: '99.9% succeed', target: 0.999 }],
      ...options.spec,
    },
  };
  const entity: Entity = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name,
      namespace,
      ...(options.title ? { title: options.title } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
      ...(options.links ? { links: options.links } : {}),
    },
    spec: slo.spec as unknown as Entity['spec'],
  };
  return {
    entity,
    slo,
    serviceRef: `component:${namespace}/${service}`,
  };
}
