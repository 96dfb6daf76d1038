import {
  ServiceAlertState,
  ServiceReliabilityRow,
  SloStatus,
} from '@reliability-kit/plugin-reliability-common';
import { worstStatus } from '../slo/evaluateRecord';
import { SloHeadline } from '../slo/StatusStore';
import { ServiceEntry } from './ServiceCatalog';

/** A row before its last deployment is attached. */
export type ServiceRow = Omit<ServiceReliabilityRow, 'lastDeployment'>;

const ALERT_SEVERITY: Record<ServiceAlertState, number> = {
  none: 0,
  ticket: 1,
  page: 2,
};

/** Joins components with the headline numbers of their SLOs. */
export function serviceRows(
  services: ReadonlyArray<ServiceEntry>,
  headlines: ReadonlyArray<SloHeadline>,
): ServiceRow[] {
  const byService = new Map<string, SloHeadline[]>();
  for (const h of headlines) {
    if (!h.service) continue;
    const list = byService.get(h.service) ?? [];
    list.push(h);
    byService.set(h.service, list);
  }
  return services.map(service => {
    const slos = byService.get(service.ref) ?? [];
    const budgets = slos.flatMap(s =>
      s.budgetRemaining === null ? [] : [s.budgetRemaining],
    );
    const row: ServiceRow = {
      entity: service.ref,
      title: service.title,
      type: service.type,
      owner: service.owner,
      system: service.system,
      domain: service.domain,
      tier: service.tier,
      lifecycle: service.lifecycle,
      sloCount: slos.length,
      status: worstStatus(slos.map(s => s.status)),
      budgetRemaining: budgets.length ? Math.min(...budgets) : null,
      alertState: slos.reduce<ServiceAlertState>(
        (worst, s) =>
          ALERT_SEVERITY[s.alertState] > ALERT_SEVERITY[worst]
            ? s.alertState
            : worst,
        'none',
      ),
      stale: slos.some(s => s.stale),
    };
    for (const key of Object.keys(row) as Array<keyof ServiceRow>) {
      if (row[key] === undefined) delete row[key];
    }
    return row;
  });
}

/**
 * Risk rank, most at risk first: exhausted budgets, then paging (fast burn)
 * alerts, breaching, ticket (slow burn) alerts, warnings, healthy, no data.
 */
export function riskRank(row: ServiceRow): number {
  if (row.status === 'exhausted') return 0;
  if (row.alertState === 'page') return 1;
  if (row.status === 'breaching') return 2;
  if (row.alertState === 'ticket') return 3;
  const rest: Partial<Record<SloStatus, number>> = {
    warning: 4,
    healthy: 5,
  };
  return rest[row.status] ?? 6;
}

/** Filters of the service list; each matches any of its values. */
export interface ServiceQuery {
  owner?: string[];
  system?: string[];
  domain?: string[];
  tier?: string[];
  type?: string[];
  status?: string[];
  q?: string;
  order: 'risk' | 'name' | 'budget';
  offset: number;
  limit: number;
}

const FACETS = ['owner', 'system', 'domain', 'tier'] as const;

/** Filters, sorts and pages rows; facets come from all rows. */
export function queryServiceRows(rows: ServiceRow[], query: ServiceQuery) {
  const q = query.q?.toLocaleLowerCase('en-US');
  const matches = (values: string[] | undefined, value: string | undefined) =>
    !values?.length || (value !== undefined && values.includes(value));
  const filtered = rows.filter(
    row =>
      matches(query.owner, row.owner) &&
      matches(query.system, row.system) &&
      matches(query.domain, row.domain) &&
      matches(query.tier, row.tier) &&
      matches(query.type, row.type) &&
      matches(query.status, row.status) &&
      (!q ||
        row.entity.includes(q) ||
        row.title.toLocaleLowerCase('en-US').includes(q)),
  );
  const byName = (a: ServiceRow, b: ServiceRow) =>
    a.entity.localeCompare(b.entity);
  // Rows without data sort after rows with data.
  const byBudget = (a: ServiceRow, b: ServiceRow) =>
    (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity) ||
    byName(a, b);
  const compare = {
    name: byName,
    budget: byBudget,
    risk: (a: ServiceRow, b: ServiceRow) =>
      riskRank(a) - riskRank(b) || byBudget(a, b),
  }[query.order];
  const sorted = [...filtered].sort(compare);
  const facets = Object.fromEntries(
    FACETS.map(facet => [
      facet,
      [
        ...new Set(rows.flatMap(row => (row[facet] ? [row[facet]!] : []))),
      ].sort(),
    ]),
  ) as Record<(typeof FACETS)[number], string[]>;
  return {
    items: sorted.slice(query.offset, query.offset + query.limit),
    totalCount: sorted.length,
    facets,
  };
}
