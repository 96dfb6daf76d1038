import type { z } from 'zod/v4';
import { describeValue } from '../util/describeValue';
import { didYouMean } from '../util/didYouMean';
import { isPlainObject } from '../util/isPlainObject';
import {
  formatOpenSloPath,
  openSloValidationError,
  type OpenSloValidationError,
} from './errors';
import { sliDocumentSchema, sloDocumentSchema } from './schema';
import type { OpenSloDocument } from './types';
import { openSloWarnings } from './warnings';

/**
 * Result of {@link validateOpenSloDocument}.
 *
 * @public
 */
export type OpenSloValidationResult =
  | {
      ok: true;
      /** The document, normalised (see the field docs on the types). */
      value: OpenSloDocument;
      /** Valid but probably unintended things, such as a 1m calendar window. */
      warnings: OpenSloValidationError[];
    }
  | { ok: false; errors: OpenSloValidationError[] };

const SUPPORTED_KINDS = ['SLO', 'SLI'];

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
};

function expectedName(expected: unknown): string {
  return TYPE_NAMES[String(expected)] ?? String(expected);
}

// Turns zod's issues into messages that say what was expected and what came.
function issueMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) {
        return `is required (expected ${expectedName(iss.expected)})`;
      }
      return `expected ${expectedName(iss.expected)}, got ${describeValue(
        iss.input,
      )}`;
    case 'invalid_value': {
      const values = iss.values.map(String);
      const suggestion =
        typeof iss.input === 'string'
          ? didYouMean(iss.input, values)
          : undefined;
      const expected =
        values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      return `expected ${expected}, got ${describeValue(iss.input)}${
        suggestion ? ` (did you mean ${suggestion}?)` : ''
      }`;
    }
    case 'too_small':
      if (iss.origin === 'string') return 'must not be empty';
      if (iss.origin === 'array') {
        return `must be a list with at least ${iss.minimum} item${
          Number(iss.minimum) === 1 ? '' : 's'
        }`;
      }
      return undefined;
    default:
      return undefined;
  }
}

function apiVersionError(apiVersion: unknown): string | undefined {
  if (apiVersion === 'openslo/v1') return undefined;
  if (apiVersion === undefined) return 'is required (expected openslo/v1)';
  if (typeof apiVersion === 'string' && /^openslo\//i.test(apiVersion)) {
    return `only openslo/v1 is supported, got ${describeValue(
      apiVersion,
    )} (convert the document to openslo/v1)`;
  }
  return `expected openslo/v1, got ${describeValue(apiVersion)}`;
}

function kindError(kind: unknown): string | undefined {
  if (typeof kind === 'string' && SUPPORTED_KINDS.includes(kind)) {
    return undefined;
  }
  if (kind === undefined) return 'is required (expected SLO or SLI)';
  const suggestion =
    typeof kind === 'string' ? didYouMean(kind, SUPPORTED_KINDS) : undefined;
  return `expected SLO or SLI, got ${describeValue(kind)}${
    suggestion
      ? ` (did you mean ${suggestion}?)`
      : ' (only SLO and SLI documents are validated)'
  }`;
}

/** Names of the members every object has, such as `constructor` and `toString`. */
const OBJECT_MEMBERS: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype),
);

/**
 * The path of the first own key that shadows a member of every object
 * (`constructor`, `toString`, `valueOf`, `__proto__`, …). zod's checks use
 * those members: `constructor: ~` makes its mapping check throw a
 * TypeError, a `toString` key under a `length` key makes its length check
 * throw, and other values give misleading messages. No OpenSLO field is
 * named so; such a document is refused before zod sees it, with the path.
 */
function shadowingKeyPath(
  value: unknown,
  path: Array<string | number> = [],
): Array<string | number> | undefined {
  if (typeof value !== 'object' || value === null || path.length > 64) {
    return undefined;
  }
  const entries = Object.entries(value);
  if (!Array.isArray(value)) {
    const shadowing = entries.find(([key]) => OBJECT_MEMBERS.has(key));
    if (shadowing) return [...path, shadowing[0]];
  }
  for (const [key, child] of entries) {
    const found = shadowingKeyPath(child, [
      ...path,
      Array.isArray(value) ? Number(key) : key,
    ]);
    if (found) return found;
  }
  return undefined;
}

function dedupe(errors: OpenSloValidationError[]): OpenSloValidationError[] {
  const seen = new Set<string>();
  return errors.filter(e => {
    if (seen.has(e.formatted)) return false;
    seen.add(e.formatted);
    return true;
  });
}

/**
 * Validates an OpenSLO v1 `SLO` or `SLI` document, as parsed from YAML or
 * JSON.
 *
 * @remarks
 * Errors carry the YAML path (`spec.objectives[0].target`), what was
 * expected and what was found, with a hint for common mistakes, for example
 * `spec.objectives[0].target: must be between 0 and 1, got 99 (did you mean targetPercent: 99?)`.
 * Metric source types are not restricted: `type: Any` is valid.
 *
 * @public
 */
export function validateOpenSloDocument(doc: unknown): OpenSloValidationResult {
  if (!isPlainObject(doc)) {
    return {
      ok: false,
      errors: [
        openSloValidationError(
          '',
          `expected an OpenSLO document (a mapping with apiVersion, kind, metadata and spec), got ${describeValue(
            doc,
          )}`,
        ),
      ],
    };
  }
  const errors: OpenSloValidationError[] = [];
  const versionMessage = apiVersionError(doc.apiVersion);
  if (versionMessage) {
    errors.push(openSloValidationError('apiVersion', versionMessage));
  }
  const kindMessage = kindError(doc.kind);
  if (kindMessage) {
    errors.push(openSloValidationError('kind', kindMessage));
    return { ok: false, errors };
  }
  const shadowing = shadowingKeyPath(doc);
  if (shadowing) {
    errors.push(
      openSloValidationError(
        formatOpenSloPath(shadowing),
        `a key named ${String(
          shadowing[shadowing.length - 1],
        )} is not allowed in an OpenSLO document (every object has a member of that name)`,
      ),
    );
    return { ok: false, errors };
  }
  const schema = doc.kind === 'SLO' ? sloDocumentSchema : sliDocumentSchema;
  let result: ReturnType<typeof schema.safeParse>;
  try {
    result = schema.safeParse(doc, { error: issueMessage });
  } catch (error) {
    // A last line of defence: hostile input must give a validation error,
    // not a TypeError from inside zod.
    errors.push(
      openSloValidationError(
        '',
        `could not be checked: ${describeValue(String(error))}`,
      ),
    );
    return { ok: false, errors };
  }
  if (result.success && errors.length === 0) {
    return {
      ok: true,
      value: result.data,
      warnings: openSloWarnings(result.data),
    };
  }
  for (const issue of result.error?.issues ?? []) {
    // apiVersion was already explained above, with a better message.
    if (issue.path.length === 1 && issue.path[0] === 'apiVersion') continue;
    errors.push(
      openSloValidationError(formatOpenSloPath(issue.path), issue.message),
    );
  }
  return { ok: false, errors: dedupe(errors) };
}
