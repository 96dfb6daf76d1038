import { describeValue } from '../util/describeValue';
import { ANNOTATION_SLO_RUNBOOK } from './constants';
import { annotationError, type AnnotationParseResult } from './result';

/**
 * Where an SLO's runbook is: an absolute http(s) URL, or a path relative to
 * the entity's source location (resolve it with the catalog's
 * source-location annotation).
 *
 * @public
 */
export type SloRunbookLocation =
  | { kind: 'url'; url: string }
  | { kind: 'path'; path: string };

const EXPECTED =
  'an http(s) URL or a path relative to the entity file, such as ./runbooks/checkout-latency.md';

/**
 * Parses `reliability/slo-runbook`.
 *
 * @remarks
 * Other URL schemes (javascript:, file:, …) are refused because the value
 * ends up in a link. Absolute paths are refused because they would point
 * outside the repository.
 *
 * @public
 */
export function parseSloRunbookAnnotation(
  value: string,
): AnnotationParseResult<SloRunbookLocation> {
  const text = String(value).trim();
  const fail = (why: string) =>
    annotationError<SloRunbookLocation>(
      ANNOTATION_SLO_RUNBOOK,
      `expected ${EXPECTED}, got ${describeValue(value)}${why}`,
    );
  if (!text) return fail('');
  // URL parsers drop leading control characters and ignore tabs and newlines
  // inside a scheme, so "\u0001javascript:…" would resolve to a script URL.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) {
    return fail(' (control characters are not allowed)');
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail(' (not a valid URL)');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return fail(` (${url.protocol} links are not allowed)`);
    }
    return { ok: true, value: { kind: 'url', url: url.toString() } };
  }
  if (text.startsWith('/') || text.startsWith('\\')) {
    return fail(' (absolute paths are not allowed; start with ./)');
  }
  if (/\s/.test(text)) return fail(' (paths must not contain spaces)');
  return { ok: true, value: { kind: 'path', path: text } };
}
