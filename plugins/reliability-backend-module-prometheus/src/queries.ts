import { InputError } from '@backstage/errors';
import {
  OpenSloInlineIndicator,
  OpenSloMetricSource,
} from '@reliability-kit/plugin-reliability-common';
import { promDuration } from './PrometheusClient';

/** Sloth's window placeholder, with the spacing Go templates allow. */
const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;
const HAS_WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/;
/** `name`, `name{…}` or `{…}`: a plain series selector. */
const SELECTOR = /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})$/;
const INCREASE = /\bincrease\s*\(/;
const RATE = /\b(?:rate|irate)\s*\(/;

/**
 * How one metric of an indicator is read: a PromQL query for a bucket size,
 * and the factor turning each value into a count for the bucket.
 */
export interface CountQuery {
  /** The PromQL for a bucket of `stepMs`. */
  promql(stepMs: number): string;
  /** Multiplier of each value: step seconds for per-second rates, else 1. */
  scale(stepMs: number): number;
}

/** A parsed Prometheus metric source: its instance and query text. */
export interface PrometheusMetric {
  /** `metricSourceRef`, or undefined for the default instance. */
  instance?: string;
  query: string;
}

/** The query of a metric source, or an InputError saying what is wrong. */
export function prometheusMetric(
  role: string,
  source: OpenSloMetricSource | undefined,
): PrometheusMetric {
  if (!source) throw new InputError(`${role} has no metricSource`);
  if (source.type !== undefined && source.type.toLowerCase() !== 'prometheus') {
    throw new InputError(
      `${role} has metric source type "${source.type}", not Prometheus`,
    );
  }
  const spec = source.spec ?? {};
  const query = spec.query ?? spec.promql;
  if (typeof query !== 'string' || query.trim() === '') {
    throw new InputError(`${role} has no Prometheus spec.query`);
  }
  return { instance: source.metricSourceRef, query: query.trim() };
}

function withWindow(query: string, stepMs: number): string {
  return query.replace(WINDOW_PLACEHOLDER, promDuration(stepMs));
}

/**
 * The count query of a ratio metric (good, bad or total).
 *
 * @remarks
 * - A plain selector such as `http_requests_total{code!~"5.."}` is a
 *   counter: read as `sum(increase(<selector>[<step>]))`.
 * - A query with Sloth's `{{.window}}` placeholder gets the bucket size in
 *   its place. When it uses `increase(` its values are counts; otherwise,
 *   when it uses `rate(` or `irate(`, they are per-second rates and are
 *   multiplied by the bucket length in seconds; otherwise they are counts.
 * - Anything else is refused: a single value cannot be split into buckets.
 */
export function countQuery(role: string, query: string): CountQuery {
  if (HAS_WINDOW_PLACEHOLDER.test(query)) {
    if (query.replace(WINDOW_PLACEHOLDER, '5m').includes('{{')) {
      throw new InputError(
        `${role} spec.query uses a template placeholder other than {{.window}}`,
      );
    }
    const perSecond = !INCREASE.test(query) && RATE.test(query);
    return {
      promql: stepMs => withWindow(query, stepMs),
      scale: stepMs => (perSecond ? stepMs / 1000 : 1),
    };
  }
  if (SELECTOR.test(query)) {
    return {
      promql: stepMs => `sum(increase(${query}[${promDuration(stepMs)}]))`,
      scale: () => 1,
    };
  }
  throw new InputError(
    `${role} spec.query must be a counter selector such as http_requests_total{code!~"5.."} or contain a {{.window}} placeholder such as sum(rate(http_requests_total[{{.window}}])); got ${query}`,
  );
}

/** A threshold metric's query: `{{.window}}` becomes the step. */
export function valueQuery(query: string): (stepMs: number) => string {
  if (query.replace(WINDOW_PLACEHOLDER, '5m').includes('{{')) {
    throw new InputError(
      'thresholdMetric spec.query uses a template placeholder other than {{.window}}',
    );
  }
  return stepMs => withWindow(query, stepMs);
}

/** The metrics of a ratio indicator, good or bad with total. */
export interface RatioMetrics {
  kind: 'good' | 'bad';
  counted: PrometheusMetric;
  total: PrometheusMetric;
}

/** Reads a Prometheus ratio indicator's good (or bad) and total metrics. */
export function ratioMetrics(indicator: OpenSloInlineIndicator): RatioMetrics {
  const ratio = indicator.spec.ratioMetric;
  if (!ratio) throw new InputError('the indicator has no ratioMetric');
  if (ratio.raw) {
    throw new InputError(
      'raw ratioMetric indicators are precomputed ratios, which cannot be turned into event counts; use good/total or bad/total queries',
    );
  }
  const total = prometheusMetric(
    'ratioMetric.total',
    ratio.total?.metricSource,
  );
  if (ratio.good) {
    return {
      kind: 'good',
      counted: prometheusMetric('ratioMetric.good', ratio.good.metricSource),
      total,
    };
  }
  if (ratio.bad) {
    return {
      kind: 'bad',
      counted: prometheusMetric('ratioMetric.bad', ratio.bad.metricSource),
      total,
    };
  }
  throw new InputError('ratioMetric has neither good nor bad');
}
