import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  DeploymentMarker,
  DeploymentPage,
  DoraReport,
  EntityReliabilitySummary,
  OwnershipInfo,
  ReleaseGateDecision,
  RunbookDocument,
  RunbookList,
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
