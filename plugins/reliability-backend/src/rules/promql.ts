/**
 * A PromQL string literal (double quoted, with `"`, `\` and control
 * characters escaped).
 */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/**
 * A label matcher list such as `{sloth_id="a", sloth_service="b"}`, keys
 * sorted like Sloth's `labelsToPromFilter`.
 */
export function promLabelFilter(labels: Record<string, string>): string {
  const matchers = Object.keys(labels)
    .sort()
    .map(key => `${key}=${promString(labels[key])}`);
  return `{${matchers.join(', ')}}`;
}

/**
 * A number as a PromQL literal, with floating point noise rounded away (12
 * significant digits): 0.1 × 28 / 3 is written 0.933333333333.
 */
export function promNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new Error(`cannot write ${value} as a PromQL number`);
  }
  return String(Number(value.toPrecision(12)));
}

/** Labels with their keys in alphabetical order, as Sloth (Go YAML) writes. */
export function sortedLabels(
  labels: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.keys(labels)
      .sort()
      .map(key => [key, labels[key]] as const),
  );
}

/**
 * Makes free text safe inside an alert annotation, which Prometheus expands
 * as a Go template: a literal `{{` is written `{{ "{{" }}`.
 */
export function escapeAnnotationText(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/**
 * An alert name Prometheus accepts (`[a-zA-Z_:][a-zA-Z0-9_:]*`), in
 * PascalCase like Sloth's examples: `checkout-service-availability` gives
 * `CheckoutServiceAvailabilitySLO`.
 */
export function alertNameFor(slothId: string): string {
  const pascal = slothId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(part => part[0].toUpperCase() + part.slice(1))
    .join('');
  const name = `${pascal}SLO`;
  return /^[0-9]/.test(name) ? `SLO${name}` : name;
}
