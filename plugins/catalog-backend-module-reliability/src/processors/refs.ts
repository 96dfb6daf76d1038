import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const validator = makeValidator();

/**
 * Resolves a reference written in an OpenSLO document: a bare name means
 * `defaultKind` in the entity's own namespace; `kind:namespace/name` is used
 * as written. Throws a TypeError for a malformed reference, including parts
 * that the catalog would never accept as a kind, namespace or name.
 */
export function resolveRef(
  ref: string,
  from: Entity,
  defaultKind: string,
): CompoundEntityRef {
  const parsed = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: from.metadata.namespace ?? DEFAULT_NAMESPACE,
  });
  if (
    !validator.isValidKind(parsed.kind) ||
    !validator.isValidNamespace(parsed.namespace) ||
    !validator.isValidEntityName(parsed.name)
  ) {
    throw new TypeError(`Malformed entity reference "${ref}"`);
  }
  return parsed;
}

/** The reference to an entity, in the catalog's lower-case string form. */
export function refOf(entity: Entity | CompoundEntityRef): string {
  return stringifyEntityRef(entity);
}

/**
 * A value in double quotes for an error message, cut after 200 characters
 * (with its length) so that a megabyte of YAML is not repeated back.
 */
export function quoted(text: string): string {
  return text.length > 200
    ? `"${text.slice(0, 200)}…" (${text.length} characters)`
    : `"${text}"`;
}
