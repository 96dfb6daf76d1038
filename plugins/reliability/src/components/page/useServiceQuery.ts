import type { SloStatus } from '@reliability-kit/plugin-reliability-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ServiceListQuery, ServiceOrder } from '../../api/ReliabilityApi';

export type ServiceView = 'all' | 'at-risk';

/** Statuses of the "at risk" view. */
export const AT_RISK_STATUSES: SloStatus[] = [
  'exhausted',
  'breaching',
  'warning',
];

export const PAGE_SIZES = [25, 50, 100];

export interface ServiceQueryState {
  view: ServiceView;
  owner: string[];
  system: string[];
  domain: string[];
  tier: string[];
  status: SloStatus[];
  q: string;
  order: ServiceOrder;
  page: number;
  pageSize: number;
}

/** Risk first in the at-risk view, name first otherwise. */
export function defaultOrder(view: ServiceView): ServiceOrder {
  return view === 'at-risk' ? 'risk' : 'name';
}

/** The at-risk view shows only at-risk statuses, filtered further if asked. */
function statusFilter(state: ServiceQueryState): SloStatus[] {
  if (state.view !== 'at-risk') return state.status;
  const chosen = state.status.filter(s => AT_RISK_STATUSES.includes(s));
  return chosen.length ? chosen : AT_RISK_STATUSES;
}

const LIST_KEYS = ['owner', 'system', 'domain', 'tier', 'status'] as const;

function list(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap(v => v.split(','))
    .filter(Boolean);
}

/**
 * The Reliability page's filters, view, order and page, kept in the URL so
 * that a view can be shared and the back button works.
 */
export function useServiceQuery() {
  const [params, setParams] = useSearchParams();
  const state = useMemo<ServiceQueryState>(() => {
    const view: ServiceView =
      params.get('view') === 'at-risk' ? 'at-risk' : 'all';
    const order = params.get('order');
    const pageSize = Number(params.get('pageSize'));
    return {
      view,
      owner: list(params, 'owner'),
      system: list(params, 'system'),
      domain: list(params, 'domain'),
      tier: list(params, 'tier'),
      status: list(params, 'status') as SloStatus[],
      q: params.get('q') ?? '',
      order:
        order === 'name' || order === 'budget' || order === 'risk'
          ? order
          : defaultOrder(view),
      page: Math.max(0, Number(params.get('page')) || 0),
      pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : PAGE_SIZES[0],
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<ServiceQueryState>) => {
      const next = { ...state, page: 0, ...change };
      const out = new URLSearchParams();
      if (next.view !== 'all') out.set('view', next.view);
      for (const key of LIST_KEYS) {
        if (next[key].length) out.set(key, next[key].join(','));
      }
      if (next.q) out.set('q', next.q);
      if (next.order !== defaultOrder(next.view)) out.set('order', next.order);
      if (next.page) out.set('page', String(next.page));
      if (next.pageSize !== PAGE_SIZES[0])
        out.set('pageSize', String(next.pageSize));
      setParams(out, { replace: true });
    },
    [state, setParams],
  );

  const apiQuery = useMemo<ServiceListQuery>(
    () => ({
      owner: state.owner,
      system: state.system,
      domain: state.domain,
      tier: state.tier,
      status: statusFilter(state),
      q: state.q || undefined,
      order: state.order,
      offset: state.page * state.pageSize,
      limit: state.pageSize,
    }),
    [state],
  );

  return { state, update, apiQuery };
}
