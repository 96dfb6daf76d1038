import type {
  EntityReliabilitySummary,
  ServiceAlertState,
  SloStatus,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';

const SEVERITY: Record<SloStatus, number> = {
  exhausted: 4,
  breaching: 3,
  warning: 2,
  healthy: 1,
  'no-data': 0,
};

/** The most severe status; `no-data` only when every SLO has none. */
export function worstStatus(statuses: SloStatus[]): SloStatus {
  let worst: SloStatus = 'no-data';
  for (const s of statuses) if (SEVERITY[s] > SEVERITY[worst]) worst = s;
  return worst;
}

/** Severity rank of a status, higher is worse; for sorting. */
export function statusSeverity(status: SloStatus): number {
  return SEVERITY[status] ?? 0;
}

/** The most severe firing alert of some SLOs. */
export function sloAlertState(
  slos: ReadonlyArray<SloStatusSnapshot>,
): ServiceAlertState {
  const states = slos.flatMap(s => s.objectives.map(o => o.alerts?.state));
  if (states.includes('page')) return 'page';
  if (states.includes('ticket')) return 'ticket';
  return 'none';
}

/** Lowest remaining budget of some SLOs; null when none has data. */
export function lowestBudget(
  slos: ReadonlyArray<Pick<SloStatusSnapshot, 'budgetRemaining'>>,
): number | null {
  const values = slos
    .map(s => s.budgetRemaining)
    .filter((v): v is number => typeof v === 'number');
  return values.length ? Math.min(...values) : null;
}

/**
 * Fills the fields of an entity summary that an older backend leaves out
 * (it answered only `{ entity, slos }`), from its SLOs.
 */
export function normalizeSummary(
  raw: Partial<EntityReliabilitySummary> & { entity: string },
): EntityReliabilitySummary {
  const slos = raw.slos ?? [];
  return {
    entity: raw.entity,
    slos,
    status: raw.status ?? worstStatus(slos.map(s => s.status)),
    budgetRemaining:
      raw.budgetRemaining !== undefined
        ? raw.budgetRemaining
        : lowestBudget(slos),
    alertState: raw.alertState ?? sloAlertState(slos),
    stale: raw.stale ?? slos.some(s => s.stale),
    latestDeployments: raw.latestDeployments ?? [],
    deployMarkers: raw.deployMarkers ?? [],
  };
}
