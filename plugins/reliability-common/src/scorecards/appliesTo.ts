import { ANNOTATION_RELIABILITY_TIER } from '../annotations/constants';
import type { ScorecardAppliesTo } from './types';

/**
 * The parts of a catalog entity a scorecard looks at.
 *
 * @public
 */
export interface ScorecardEntity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
}

/**
 * Tier of an entity for scorecards: its `reliability/tier` in lower case, or
 * `untiered`.
 *
 * @public
 */
export function scorecardTierOf(entity: ScorecardEntity): string {
  const tier = entity.metadata.annotations?.[ANNOTATION_RELIABILITY_TIER];
  return typeof tier === 'string' && tier.trim()
    ? tier.trim().toLowerCase()
    : 'untiered';
}

const lower = (value: unknown) =>
  typeof value === 'string' ? value.toLowerCase() : undefined;

function matches(value: unknown, wanted: string | string[] | undefined) {
  if (wanted === undefined) return true;
  const list = Array.isArray(wanted) ? wanted : [wanted];
  if (list.includes('*')) return value !== undefined && value !== null;
  const actual = lower(value);
  return actual !== undefined && list.some(w => lower(w) === actual);
}

/**
 * The value at a dot path such as `metadata.annotations.backstage.io/x`:
 * when a key itself holds dots, the remaining segments are joined.
 */
function valueAt(root: unknown, path: string): unknown {
  const parts = path.split('.');
  let node: unknown = root;
  let i = 0;
  while (i < parts.length) {
    if (node === null || typeof node !== 'object') return undefined;
    const record = node as Record<string, unknown>;
    let found = false;
    // Longest key first, so "backstage.io/techdocs-ref" wins over "backstage".
    for (let j = parts.length; j > i; j--) {
      const key = parts.slice(i, j).join('.');
      if (Object.prototype.hasOwnProperty.call(record, key)) {
        node = record[key];
        i = j;
        found = true;
        break;
      }
    }
    if (!found) return undefined;
  }
  return node;
}

/**
 * Whether a scorecard with `appliesTo` grades `entity`.
 *
 * @public
 */
export function scorecardAppliesTo(
  appliesTo: ScorecardAppliesTo,
  entity: ScorecardEntity,
): boolean {
  return (
    matches(entity.kind, appliesTo.kind) &&
    matches(entity.spec?.type, appliesTo.type) &&
    matches(scorecardTierOf(entity), appliesTo.tier) &&
    matches(entity.spec?.lifecycle, appliesTo.lifecycle) &&
    Object.entries(appliesTo.filter ?? {}).every(([path, wanted]) =>
      matches(valueAt(entity, path), wanted),
    )
  );
}
