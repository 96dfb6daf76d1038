/**
 * A Prometheus recording rule, as written in a rule file.
 *
 * @public
 */
export interface PrometheusRecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/**
 * A Prometheus alerting rule, as written in a rule file.
 *
 * @public
 */
export interface PrometheusAlertingRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * A recording or alerting rule.
 *
 * @public
 */
export type PrometheusRule = PrometheusRecordingRule | PrometheusAlertingRule;

/**
 * One group of a Prometheus rule file (`groups:` entry).
 *
 * @public
 */
export interface PrometheusRuleGroup {
  name: string;
  rules: PrometheusRule[];
}
