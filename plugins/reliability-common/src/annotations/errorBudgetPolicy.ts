import { describeValue } from '../util/describeValue';
import { didYouMean } from '../util/didYouMean';
import { ANNOTATION_ERROR_BUDGET_POLICY } from './constants';
import { annotationError, type AnnotationParseResult } from './result';

/**
 * A per-entity override of the release-gate error budget policy. Fields left
 * out keep the gate's defaults.
 *
 * @public
 */
export interface ErrorBudgetPolicyOverride {
  /** Block releases when the budget is exhausted (remaining ≤ 0). */
  blockWhenExhausted?: boolean;
  /** Warn when the remaining budget share is below this, in [0, 1]. */
  warnBelow?: number;
  /** Block releases already when the remaining share is below this, in [0, 1]. */
  blockBelow?: number;
}

const KEYS = ['block-when-exhausted', 'warn-below', 'block-below'] as const;
const FORMAT =
  'comma-separated key=value pairs such as block-when-exhausted=true,warn-below=0.25 (keys: block-when-exhausted, warn-below, block-below)';

/**
 * Parses `reliability/error-budget-policy`.
 *
 * @remarks
 * Format: comma-separated `key=value` pairs; spaces around them are ignored.
 * `block-when-exhausted` is `true` or `false`; `warn-below` and
 * `block-below` are shares of the budget between 0 and 1, and warn-below
 * must not be below block-below.
 *
 * @example `block-when-exhausted=true,warn-below=0.25`
 *
 * @public
 */
export function parseErrorBudgetPolicyAnnotation(
  value: string,
): AnnotationParseResult<ErrorBudgetPolicyOverride> {
  const fail = (message: string) =>
    annotationError<ErrorBudgetPolicyOverride>(
      ANNOTATION_ERROR_BUDGET_POLICY,
      message,
    );
  const text = String(value).trim();
  if (!text) return fail(`expected ${FORMAT}, got an empty value`);

  const policy: ErrorBudgetPolicyOverride = {};
  const seen = new Set<string>();
  for (const rawPair of text.split(',')) {
    const pair = rawPair.trim();
    const eq = pair.indexOf('=');
    if (eq < 0) {
      return fail(`expected ${FORMAT}, got ${describeValue(pair)} without =`);
    }
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    if (!(KEYS as readonly string[]).includes(key)) {
      const suggestion = didYouMean(key, KEYS);
      return fail(
        `unknown key ${describeValue(key)}, expected one of ${KEYS.join(', ')}${
          suggestion ? ` (did you mean ${suggestion}?)` : ''
        }`,
      );
    }
    if (seen.has(key)) return fail(`${key} is given twice`);
    seen.add(key);
    if (key === 'block-when-exhausted') {
      if (raw !== 'true' && raw !== 'false') {
        return fail(
          `${key}: expected true or false, got ${describeValue(raw)}`,
        );
      }
      policy.blockWhenExhausted = raw === 'true';
    } else {
      const share = raw === '' ? NaN : Number(raw);
      if (!(share >= 0 && share <= 1)) {
        const hint =
          share > 1 && share <= 100
            ? ` (a share of the budget: did you mean ${share / 100}?)`
            : '';
        return fail(
          `${key}: expected a number between 0 and 1, got ${describeValue(
            raw,
          )}${hint}`,
        );
      }
      if (key === 'warn-below') policy.warnBelow = share;
      else policy.blockBelow = share;
    }
  }
  if (
    policy.warnBelow !== undefined &&
    policy.blockBelow !== undefined &&
    policy.warnBelow < policy.blockBelow
  ) {
    return fail(
      `warn-below (${policy.warnBelow}) must not be below block-below (${policy.blockBelow}), or the warning would come after the block`,
    );
  }
  return { ok: true, value: policy };
}
