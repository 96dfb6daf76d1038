/**
 * One problem found in an OpenSLO document.
 *
 * @public
 */
export interface OpenSloValidationError {
  /** YAML path such as `spec.objectives[0].target`; empty for the document. */
  path: string;
  /** What is wrong and what was expected, with a hint where one helps. */
  message: string;
  /** `"<path>: <message>"`, ready to show to a person. */
  formatted: string;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Turns a path of keys and list indexes into `spec.objectives[0].target`.
 *
 * @remarks
 * Keys that are not plain words, such as annotation keys with dots and
 * slashes, are written in brackets: `metadata.annotations["openslo.com/x"]`.
 *
 * @public
 */
export function formatOpenSloPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const key = String(segment);
      if (PLAIN_KEY.test(key)) {
        out += out ? `.${key}` : key;
      } else {
        out += `[${JSON.stringify(key)}]`;
      }
    }
  }
  return out;
}

/**
 * Builds an {@link OpenSloValidationError} with its formatted form.
 *
 * @public
 */
export function openSloValidationError(
  path: string,
  message: string,
): OpenSloValidationError {
  return {
    path,
    message,
    formatted: `${path || '(document)'}: ${message}`,
  };
}

/**
 * Formats a list of errors as one line each.
 *
 * @public
 */
export function formatOpenSloValidationErrors(
  errors: ReadonlyArray<OpenSloValidationError>,
): string {
  return errors.map(e => e.formatted).join('\n');
}
