import type { SloStatus } from '@reliability-kit/plugin-reliability-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ServiceListQuery, ServiceOrder } from '../../api/ReliabilityApi';

export type ServiceView = 'all' | 'at-risk';

/** Statuses of the "at risk" view. */
export const AT_RISK_STATUSES: SloStatus[] = ['exhausted', 'breaching', 'warning'];

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
    const view: ServiceView = params.get('view') === 'at-risk' ? 'at-risk' : 'all';
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
          : view === 'at-risk'
          ? 'risk'
          : 'name',
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
      const defaultOrder = next.view === 'at-risk' ? 'risk' : 'name';
      if (next.order !== defaultOrder) out.set('order', next.order);
      if (next.page) out.set('page', String(next.page));
      if (next.pageSize !== PAGE_SIZES[0]) out.set('pageSize', String(next.pageSize));
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
      status:
        state.view === 'at-risk'
          ? state.status.length
            ? state.status.filter(s => AT_RISK_STATUSES.includes(s))
            : AT_RISK_STATUSES
          : state.status,
      q: state.q || undefined,
      order: state.order,
      offset: state.page * state.pageSize,
      limit: state.pageSize,
    }),
    [state],
  );

  return { state, update, apiQuery };
}
