import { SloHeadline } from '../slo/StatusStore';
import { queryServiceRows, serviceRows } from './serviceRows';
import { ServiceEntry } from './ServiceCatalog';

const service = (
  name: string,
  extra: Partial<ServiceEntry> = {},
): ServiceEntry => ({
  ref: `component:default/${name}`,
  name,
  title: name,
  ...extra,
});
const headline = (
  svc: string,
  slo: string,
  extra: Partial<SloHeadline>,
): SloHeadline => ({
  slo: `slo:default/${slo}`,
  service: `component:default/${svc}`,
  status: 'healthy',
  budgetRemaining: 0.9,
  stale: false,
  alertState: 'none',
  ...extra,
});

describe('service rows', () => {
  const rows = serviceRows(
    [
      service('quiet'),
      service('healthy', { owner: 'group:default/a', tier: 'low' }),
      service('slow-burn', { owner: 'group:default/b' }),
      service('fast-burn', { owner: 'group:default/a', tier: 'critical' }),
      service('exhausted', { owner: 'group:default/b' }),
      service('warning'),
    ],
    [
      headline('healthy', 'h', { budgetRemaining: 0.8 }),
      headline('slow-burn', 's', {
        alertState: 'ticket',
        budgetRemaining: 0.7,
      }),
      headline('fast-burn', 'f1', { alertState: 'page', budgetRemaining: 0.6 }),
      headline('fast-burn', 'f2', {
        status: 'warning',
        budgetRemaining: 0.2,
        stale: true,
      }),
      headline('exhausted', 'e', { status: 'exhausted', budgetRemaining: 0 }),
      headline('warning', 'w', { status: 'warning', budgetRemaining: 0.1 }),
    ],
  );
  const query = { order: 'risk' as const, offset: 0, limit: 50 };

  it('rolls SLOs up per service: worst status, lowest budget, worst alert, any stale', () => {
    expect(rows.find(r => r.entity.endsWith('fast-burn'))).toMatchObject({
      sloCount: 2,
      status: 'warning',
      budgetRemaining: 0.2,
      alertState: 'page',
      stale: true,
    });
    expect(rows.find(r => r.entity.endsWith('quiet'))).toMatchObject({
      sloCount: 0,
      status: 'no-data',
      budgetRemaining: null,
      alertState: 'none',
    });
  });

  it('puts exhausted and fast-burning budgets first in the risk order', () => {
    const { items } = queryServiceRows(rows, query);
    expect(items.map(r => r.entity.split('/')[1])).toEqual([
      'exhausted',
      'fast-burn',
      'slow-burn',
      'warning',
      'healthy',
      'quiet',
    ]);
  });

  it('filters, searches, pages and reports facets of all rows', () => {
    const owned = queryServiceRows(rows, {
      ...query,
      owner: ['group:default/a'],
    });
    expect(owned.items.map(r => r.title)).toEqual(['fast-burn', 'healthy']);
    expect(owned.facets.tier).toEqual(['critical', 'low']);
    expect(queryServiceRows(rows, { ...query, q: 'BURN' }).totalCount).toBe(2);
    const page = queryServiceRows(rows, {
      ...query,
      order: 'name',
      offset: 2,
      limit: 2,
    });
    expect(page.items.map(r => r.title)).toEqual(['healthy', 'quiet']);
    expect(page.totalCount).toBe(6);
    const byBudget = queryServiceRows(rows, { ...query, order: 'budget' });
    expect(byBudget.items.map(r => r.title).slice(-1)).toEqual(['quiet']);
  });
});
