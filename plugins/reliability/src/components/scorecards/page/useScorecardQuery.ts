import type { ScorecardScopeType } from '@reliability-kit/plugin-reliability-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ScorecardScope } from '../../../api/ReliabilityApi';

export type LeaderboardBy = 'team' | 'system' | 'domain';

export const TREND_DAYS = [30, 90, 180];
const SCOPES: ScorecardScopeType[] = ['all', 'team', 'system', 'domain'];
const BY: LeaderboardBy[] = ['team', 'system', 'domain'];

export interface ScorecardQueryState {
  /** Chosen scorecard id; undefined means the first one listed. */
  scorecard?: string;
  scopeType: ScorecardScopeType;
  ref?: string;
  by: LeaderboardBy;
  days: number;
}

function search(state: ScorecardQueryState): URLSearchParams {
  const out = new URLSearchParams();
  if (state.scorecard) out.set('scorecard', state.scorecard);
  if (state.scopeType !== 'all') out.set('scope', state.scopeType);
  if (state.scopeType !== 'all' && state.ref) out.set('ref', state.ref);
  if (state.by !== 'team') out.set('by', state.by);
  if (state.days !== 90) out.set('days', String(state.days));
  return out;
}

/**
 * The Scorecards page's choices (scorecard, scope, leaderboard grouping,
 * trend length), kept in the URL so a view can be shared.
 */
export function useScorecardQuery() {
  const [params, setParams] = useSearchParams();
  const state = useMemo<ScorecardQueryState>(() => {
    const scopeType = params.get('scope') as ScorecardScopeType;
    const by = params.get('by') as LeaderboardBy;
    const days = Number(params.get('days'));
    return {
      scorecard: params.get('scorecard') || undefined,
      scopeType: SCOPES.includes(scopeType) ? scopeType : 'all',
      ref: params.get('ref') || undefined,
      by: BY.includes(by) ? by : 'team',
      days: TREND_DAYS.includes(days) ? days : 90,
    };
  }, [params]);

  const update = useCallback(
    (change: Partial<ScorecardQueryState>) =>
      setParams(search({ ...state, ...change }), { replace: true }),
    [state, setParams],
  );

  /** The query string of the page with `change` applied, for links. */
  const hrefFor = useCallback(
    (change: Partial<ScorecardQueryState>) =>
      `?${search({ ...state, ...change }).toString()}`,
    [state],
  );

  /** The scope to ask for; undefined while a team, system or domain is unchosen. */
  const scope = useMemo<ScorecardScope | undefined>(() => {
    if (state.scopeType === 'all') return { type: 'all' };
    return state.ref ? { type: state.scopeType, ref: state.ref } : undefined;
  }, [state.scopeType, state.ref]);

  return { state, update, hrefFor, scope };
}
