import { RELIABILITY_LINK_TYPES, type ReliabilityLinkType } from './constants';

/**
 * The parts of a catalog entity link this package reads.
 *
 * @public
 */
export interface EntityLinkLike {
  url: string;
  title?: string;
  type?: string;
}

/**
 * True for the link types in {@link RELIABILITY_LINK_TYPES}.
 *
 * @public
 */
export function isReliabilityLinkType(
  type: string | undefined,
): type is ReliabilityLinkType {
  return Object.values<string>(RELIABILITY_LINK_TYPES).includes(type ?? '');
}

/**
 * Links of one type, in their original order. Types compare
 * case-insensitively, since people write `Runbook` as often as `runbook`.
 *
 * @public
 */
export function linksOfType<T extends EntityLinkLike>(
  links: ReadonlyArray<T> | undefined,
  type: ReliabilityLinkType,
): T[] {
  return (links ?? []).filter(l => l.type?.toLowerCase() === type);
}
