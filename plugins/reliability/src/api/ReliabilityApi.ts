import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  DeploymentMarker,
  DeploymentPage,
  DoraReport,
  EntityReliabilitySummary,
  EntityScorecards,
  OwnershipInfo,
  ReleaseGateDecision,
  RunbookDocument,
  RunbookList,
  ScorecardLeaderboard,
  ScorecardLevels,
  ScorecardList,
  ScorecardRollup,
  ScorecardScopeType,
  ScorecardTrend,
  ServiceReliabilityPage,
  SloHistoryPoint,
  SloStatus,
  SloStatusPage,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';

/**
 * An entity, as an entity ref string (`component:default/payments-api`) or
 * its parts.
 *
 * @public
 */
export type EntityRefInput =
  | string
  | { kind: string; namespace?: string; name: string };

/**
 * Query of {@link ReliabilityApi.listSlos}.
 *
 * @public
 */
export interface SloListQuery {
  owner?: string[];
  system?: string[];
  domain?: string[];
  service?: string[];
  status?: SloStatus[];
  order?: 'budget-asc' | 'budget-desc' | 'name';
  offset?: number;
  limit?: number;
}

/**
 * Sort orders of the service list. `risk` puts exhausted and fast-burning
 * budgets first.
 *
 * @public
 */
export type ServiceOrder = 'risk' | 'name' | 'budget';

/**
 * Query of {@link ReliabilityApi.listServices}.
 *
 * @public
 */
export interface ServiceListQuery {
  owner?: string[];
  system?: string[];
  domain?: string[];
  tier?: string[];
  status?: SloStatus[];
  /** Free text matched against name and title. */
  q?: string;
  order?: ServiceOrder;
  offset?: number;
  limit?: number;
}

/**
 * Answer of `GET /v1/slos/:namespace/:name/history`.
 *
 * @public
 */
export interface SloHistory {
  slo: string;
  from: number;
  to: number;
  step: number;
  points: SloHistoryPoint[];
  /** Deployments of the SLO's service in the range; missing on older backends. */
  deployments?: DeploymentMarker[];
}

/**
 * What a scorecard rollup, trend or export covers: everything, or one team
 * (with its sub-teams), system or domain by entity ref.
 *
 * @public
 */
export interface ScorecardScope {
  type: ScorecardScopeType;
  /** Entity ref of the team, system or domain; not for `all`. */
  ref?: string;
}

/**
 * A downloaded scorecard export.
 *
 * @public
 */
export interface ScorecardExportFile {
  /** From the answer's Content-Disposition, or made up from the scope. */
  filename: string;
  blob: Blob;
}

/**
 * Client of the reliability backend (`/api/reliability`).
 *
 * @public
 */
export interface ReliabilityApi {
  /** SLO statuses, filtered and paged. */
  listSlos(query?: SloListQuery): Promise<SloStatusPage>;
  /** One SLO's status, by its entity ref (`slo:default/x`) or name. */
  getSlo(slo: EntityRefInput): Promise<SloStatusSnapshot>;
  /** One SLO's SLI, budget and burn-rate series, with deployment markers. */
  getSloHistory(
    slo: EntityRefInput,
    range?: { from?: number; to?: number; step?: number },
  ): Promise<SloHistory>;
  /** SLOs, worst status, alert state and latest deployments of an entity. */
  getEntitySummary(entity: EntityRefInput): Promise<EntityReliabilitySummary>;
  /** One row per service, for the Reliability page and team views. */
  listServices(query?: ServiceListQuery): Promise<ServiceReliabilityPage>;
  /** May this entity ship now, and why. */
  getReleaseGate(
    entity: EntityRefInput,
    environment?: string,
  ): Promise<ReleaseGateDecision>;
  /** Deployments of an entity, newest first. */
  listDeployments(
    entity: EntityRefInput,
    query?: { environment?: string; offset?: number; limit?: number },
  ): Promise<DeploymentPage>;
  /** The four DORA keys of an entity. */
  getDora(
    entity: EntityRefInput,
    query?: { environment?: string; days?: number },
  ): Promise<DoraReport>;
  /** Owner, parent chain, contacts and ownership problems of an entity. */
  getOwnership(entity: EntityRefInput): Promise<OwnershipInfo>;
  /** The runbooks of an entity with their freshness. */
  listRunbooks(entity: EntityRefInput): Promise<RunbookList>;
  /** One runbook with its markdown. */
  getRunbook(entity: EntityRefInput, id: string): Promise<RunbookDocument>;
  /** Every scorecard with its levels and checks. */
  listScorecards(): Promise<ScorecardList>;
  /** The grades of an entity, one per scorecard that applies to it. */
  getEntityScorecards(entity: EntityRefInput): Promise<EntityScorecards>;
  /** Grades an entity again now, and answers its new grades. */
  refreshEntityScorecards(entity: EntityRefInput): Promise<EntityScorecards>;
  /** Level counts and check pass rates of a scorecard over a scope. */
  getScorecardRollup(
    scorecardId: string,
    scope?: ScorecardScope,
  ): Promise<ScorecardRollup>;
  /** Teams, systems or domains ranked by their score. */
  getScorecardLeaderboard(
    scorecardId: string,
    by?: 'team' | 'system' | 'domain',
  ): Promise<ScorecardLeaderboard>;
  /** Daily rollups of a scope, oldest first. */
  getScorecardTrend(
    scorecardId: string,
    scope?: ScorecardScope,
    days?: number,
  ): Promise<ScorecardTrend>;
  /** The level of each entity the scorecard grades, for table columns. */
  getScorecardLevels(
    scorecardId: string,
    entities: string[],
  ): Promise<ScorecardLevels>;
  /** One row per entity of a scope, as a CSV or JSON file. */
  exportScorecard(
    scorecardId: string,
    format: 'csv' | 'json',
    scope?: ScorecardScope,
  ): Promise<ScorecardExportFile>;
}

/**
 * The {@link ReliabilityApi}.
 *
 * @public
 */
export const reliabilityApiRef = createApiRef<ReliabilityApi>().with({
  id: 'plugin.reliability.service',
  pluginId: 'reliability',
});
