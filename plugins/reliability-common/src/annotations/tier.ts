import { describeValue } from '../util/describeValue';
import { ANNOTATION_RELIABILITY_TIER } from './constants';
import { annotationError, type AnnotationParseResult } from './result';

/**
 * Reliability tiers, most critical first.
 *
 * @public
 */
export const RELIABILITY_TIERS = Object.freeze([
  'critical',
  'high',
  'medium',
  'low',
] as const);

/**
 * One of {@link RELIABILITY_TIERS}.
 *
 * @public
 */
export type ReliabilityTier = (typeof RELIABILITY_TIERS)[number];

/**
 * Parses `reliability/tier`. Case and surrounding spaces are ignored.
 *
 * @example `critical` gives `{ ok: true, value: 'critical' }`; `gold` gives
 * `reliability/tier: expected one of critical, high, medium, low, got "gold"`.
 *
 * @public
 */
export function parseTierAnnotation(
  value: string,
): AnnotationParseResult<ReliabilityTier> {
  const normalised = String(value).trim().toLowerCase();
  const tier = RELIABILITY_TIERS.find(t => t === normalised);
  if (tier) return { ok: true, value: tier };
  return annotationError(
    ANNOTATION_RELIABILITY_TIER,
    `expected one of ${RELIABILITY_TIERS.join(', ')}, got ${describeValue(
      value,
    )}`,
  );
}
