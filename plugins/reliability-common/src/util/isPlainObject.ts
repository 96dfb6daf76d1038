/**
 * True for `{...}` mappings, false for null, lists, dates and other objects.
 * A mapping made in another realm (a `vm` context, or what the global
 * `fetch` parses under Jest) counts too: its prototype is that realm's
 * `Object.prototype`, which has no prototype itself.
 *
 * @internal
 */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
