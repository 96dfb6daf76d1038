import type {
  ObjectiveStatus,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';

/** The objective that decides the SLO's status: the least budget left. */
export function worstObjective(
  slo: SloStatusSnapshot,
): ObjectiveStatus | undefined {
  let worst: ObjectiveStatus | undefined;
  for (const o of slo.objectives) {
    const remaining = o.errorBudget?.remaining ?? Infinity;
    const worstRemaining = worst?.errorBudget?.remaining ?? Infinity;
    if (!worst || remaining < worstRemaining) worst = o;
  }
  return worst;
}

/** `slo:default/x` → `{ namespace, name }`. */
export function sloRefParts(ref: string): { namespace: string; name: string } {
  const match = /^(?:[^:]+:)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  return { namespace: match?.[1] ?? 'default', name: match?.[2] ?? ref };
}

/** The objective's name for people: its display name or target. */
export function objectiveLabel(o: ObjectiveStatus): string {
  if (o.displayName) return o.displayName;
  const threshold =
    o.op && o.value !== undefined ? ` of values ${o.op} ${o.value}` : '';
  return `${(o.target * 100).toFixed(2)}%${threshold}`;
}
