/**
 * Result of an annotation parser: the value, or a message naming the
 * annotation, the value found and what was expected.
 *
 * @public
 */
export type AnnotationParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string };

/**
 * Builds a failed result whose message starts with the annotation key.
 *
 * @internal
 */
export function annotationError<T>(
  key: string,
  message: string,
): AnnotationParseResult<T> {
  return { ok: false, message: `${key}: ${message}` };
}
