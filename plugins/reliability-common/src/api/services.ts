import type { BurnRateAlertEvaluation } from '../slo/alerts';
import type { SloStatus } from '../slo/status';
import type { Deployment, DeploymentMarker } from './deployments';
import type { SloStatusSnapshot } from './status';

/**
 * Alert state of a service: the most severe firing alert of its SLOs.
 *
 * @public
 */
export type ServiceAlertState = 'page' | 'ticket' | 'none';

/**
 * Answer of `GET /api/reliability/v1/entities/:kind/:namespace/:name/summary`.
 *
 * @public
 */
export interface EntityReliabilitySummary {
  entity: string;
  slos: SloStatusSnapshot[];
  /** Worst SLO status; `no-data` without SLOs. */
  status: SloStatus;
  /** Lowest remaining budget share of its SLOs; null without data. */
  budgetRemaining: number | null;
  alertState: ServiceAlertState;
  /** True when any SLO status is stale. */
  stale: boolean;
  /** Latest deployment per environment. */
  latestDeployments: Deployment[];
  /** Deployments of the last 30 days, for chart markers. */
  deployMarkers: DeploymentMarker[];
}

/**
 * One row of the Reliability page.
 *
 * @public
 */
export interface ServiceReliabilityRow {
  /** `component:<namespace>/<name>` */
  entity: string;
  title: string;
  type?: string;
  owner?: string;
  system?: string;
  domain?: string;
  /** The `reliability/tier` annotation. */
  tier?: string;
  lifecycle?: string;
  sloCount: number;
  /** Worst SLO status; `no-data` without SLOs. */
  status: SloStatus;
  budgetRemaining: number | null;
  alertState: ServiceAlertState;
  stale: boolean;
  lastDeployment?: Pick<
    Deployment,
    'id' | 'environment' | 'status' | 'version' | 'startedAt' | 'finishedAt'
  >;
}

/**
 * Answer of `GET /api/reliability/v1/services`.
 *
 * @public
 */
export interface ServiceReliabilityPage {
  items: ServiceReliabilityRow[];
  totalCount: number;
  offset: number;
  limit: number;
  /** Values present in the whole result, for filter pickers. */
  facets: {
    owner: string[];
    system: string[];
    domain: string[];
    tier: string[];
  };
}

/**
 * The most severe alert state among some alert evaluations.
 *
 * @public
 */
export function worstAlertState(
  alerts: ReadonlyArray<Pick<BurnRateAlertEvaluation, 'state'>>,
): ServiceAlertState {
  if (alerts.some(a => a.state === 'page')) return 'page';
  if (alerts.some(a => a.state === 'ticket')) return 'ticket';
  return 'none';
}
