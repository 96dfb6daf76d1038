import {
  OpenSloInlineIndicator,
  OpenSloMetric,
} from '@reliability-kit/plugin-reliability-common';

/** Sloth's window placeholder, with the spacing Go templates allow. */
const WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/g;
const HAS_WINDOW_PLACEHOLDER = /\{\{\s*\.window\s*\}\}/;

/**
 * The error ratio of a Prometheus-backed indicator, as a PromQL expression
 * for a given rate window, or why the indicator cannot be exported.
 */
export type PrometheusSliResult =
  | { ok: true; errorRatioExpr: (window: string) => string }
  | { ok: false; reason: string };

type QueryResult = { ok: true; query: string } | { ok: false; reason: string };

function prometheusQuery(
  role: 'good' | 'bad' | 'total',
  metric: OpenSloMetric | undefined,
): QueryResult {
  const source = metric?.metricSource;
  if (!source) {
    return { ok: false, reason: `ratioMetric.${role} has no metricSource` };
  }
  if (source.metricSourceRef !== undefined && source.type === undefined) {
    return {
      ok: false,
      reason: `ratioMetric.${role} uses metricSourceRef "${source.metricSourceRef}"; only inline metric sources of type Prometheus are exported`,
    };
  }
  if (source.type?.toLowerCase() !== 'prometheus') {
    return {
      ok: false,
      reason: `ratioMetric.${role} has metric source type "${
        source.type ?? ''
      }"; only Prometheus metric sources can become Prometheus rules`,
    };
  }
  const query = source.spec?.query;
  if (typeof query !== 'string' || query.trim() === '') {
    return {
      ok: false,
      reason: `ratioMetric.${role} has no Prometheus spec.query`,
    };
  }
  const text = query.trim();
  if (!HAS_WINDOW_PLACEHOLDER.test(text)) {
    return {
      ok: false,
      reason: `ratioMetric.${role} spec.query has no {{.window}} placeholder, so every alert window would record the same ratio`,
    };
  }
  if (text.replace(WINDOW_PLACEHOLDER, '5m').includes('{{')) {
    return {
      ok: false,
      reason: `ratioMetric.${role} spec.query uses a template placeholder other than {{.window}}`,
    };
  }
  return { ok: true, query: text };
}

function withWindow(query: string, window: string): string {
  return query.replace(WINDOW_PLACEHOLDER, window);
}

/**
 * Reads a ratio indicator whose metrics are Prometheus queries.
 *
 * @remarks
 * good/total becomes Sloth's OpenSLO expression `1 - (good / total)`;
 * bad/total becomes Sloth's events expression `(bad) / (total)`, both with
 * Sloth's exact layout. `{{.window}}` in the queries is replaced by each
 * rate window, as Sloth does. Threshold metrics and raw ratios are refused.
 */
export function prometheusSli(
  indicator: OpenSloInlineIndicator,
): PrometheusSliResult {
  const spec = indicator.spec;
  if (spec.thresholdMetric) {
    return {
      ok: false,
      reason:
        'thresholdMetric indicators compare a value with a threshold per objective; Sloth-style rules need a ratio of good (or bad) to total events',
    };
  }
  const ratio = spec.ratioMetric;
  if (!ratio) {
    return { ok: false, reason: 'the indicator has no ratioMetric' };
  }
  if (ratio.raw) {
    return {
      ok: false,
      reason:
        'raw ratioMetric indicators are precomputed ratios, which cannot be re-aggregated over the alert windows; use good/total or bad/total queries',
    };
  }
  const total = prometheusQuery('total', ratio.total);
  if (!total.ok) return total;
  if (ratio.good) {
    const good = prometheusQuery('good', ratio.good);
    if (!good.ok) return good;
    return {
      ok: true,
      errorRatioExpr: window =>
        `(\n  1 - (\n    (\n      ${withWindow(
          good.query,
          window,
        )}\n    )\n    /\n    (\n      ${withWindow(
          total.query,
          window,
        )}\n    )\n  )\n)`,
    };
  }
  if (ratio.bad) {
    const bad = prometheusQuery('bad', ratio.bad);
    if (!bad.ok) return bad;
    return {
      ok: true,
      errorRatioExpr: window =>
        `(${withWindow(bad.query, window)})\n/\n(${withWindow(
          total.query,
          window,
        )})\n`,
    };
  }
  return {
    ok: false,
    reason: 'ratioMetric has neither good nor bad',
  };
}
