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
/** Keys longer than this are cut in paths, as values are in messages. */
const MAX_KEY = 100;
/** Paths longer than this are cut: a message names a field, not a dump. */
const MAX_PATH = 500;

/**
 * Turns a path of keys and list indexes into `spec.objectives[0].target`.
 *
 * @remarks
 * Keys that are not plain words, such as annotation keys with dots and
 * slashes, are written in brackets: `metadata.annotations["openslo.com/x"]`.
 * A key longer than 100 characters is cut (`["xxx…"]`), and so is a path
 * longer than 500, so that hostile input cannot make a huge message.
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
      if (PLAIN_KEY.test(key) && key.length <= MAX_KEY) {
        out += out ? `.${key}` : key;
      } else {
        const shown = key.length > MAX_KEY ? `${key.slice(0, MAX_KEY)}…` : key;
        out += `[${JSON.stringify(shown)}]`;
      }
    }
    if (out.length > MAX_PATH) return `${out.slice(0, MAX_PATH)}…`;
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
