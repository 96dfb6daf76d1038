import type { DoraMetrics } from '../dora/metrics';

/**
 * Deployment status, as a CI/CD system reports it.
 *
 * @public
 */
export type DeploymentStatus =
  | 'started'
  | 'succeeded'
  | 'failed'
  | 'rolled_back';

/**
 * How a deployment rolled out.
 *
 * @public
 */
export type DeploymentStrategy = 'rolling' | 'canary' | 'blue-green';

/**
 * One step of a canary rollout.
 *
 * @public
 */
export interface CanaryStep {
  /** Share of traffic on the new version during the step, 0 to 100. */
  weight: number;
  status: 'pending' | 'running' | 'passed' | 'failed' | 'aborted';
  /** What the analysis of the step found, for example "error rate 0.2 % < 1 %". */
  analysis?: string;
}

/**
 * Body of `POST /api/reliability/v1/deployments` (or one item of its
 * `deployments` array). Times are ISO 8601 strings or epoch milliseconds.
 *
 * @public
 */
export interface DeploymentEvent {
  /** Client-supplied id: sending it again updates the same deployment. */
  id: string;
  /** Entity ref of the deployed service, for example `component:default/payments-api`. */
  entity: string;
  environment: string;
  status: DeploymentStatus;
  version?: string;
  commit?: string;
  strategy?: DeploymentStrategy;
  canarySteps?: CanaryStep[];
  startedAt: string | number;
  finishedAt?: string | number;
  /** Time of the oldest commit shipped, for lead time. */
  commitTime?: string | number;
  /** Link to the pipeline run. */
  pipelineUrl?: string;
}

/**
 * Answer to `POST /api/reliability/v1/deployments`.
 *
 * @public
 */
export interface DeploymentIngestResult {
  /** Deployments seen for the first time. */
  created: number;
  /** Deployments that existed and were updated (or repeated). */
  updated: number;
}

/**
 * The error budget one SLO consumed around a deployment.
 *
 * @public
 */
export interface SloBurnAroundDeployment {
  slo: string;
  /** Burn rate in the hour before the deployment; null without data. */
  burnRateBefore: number | null;
  /** Burn rate in the hour after the deployment; null without data. */
  burnRateAfter: number | null;
  /** Share of the window's budget consumed in the hour before. */
  budgetConsumedBefore: number | null;
  /** Share of the window's budget consumed in the hour after. */
  budgetConsumedAfter: number | null;
  likelyCausedBurn: boolean;
}

/**
 * What a deployment did to its entity's error budgets. `pending` until the
 * hour after the deployment is over and evaluated.
 *
 * @public
 */
export interface DeploymentBudgetImpact {
  state: 'pending' | 'evaluated';
  likelyCausedBurn: boolean;
  slos: SloBurnAroundDeployment[];
  /** Epoch ms of the computation. */
  evaluatedAt?: number;
}

/**
 * A stored deployment. Times are epoch milliseconds.
 *
 * @public
 */
export interface Deployment {
  id: string;
  entity: string;
  environment: string;
  status: DeploymentStatus;
  version?: string;
  commit?: string;
  strategy?: DeploymentStrategy;
  canarySteps?: CanaryStep[];
  startedAt: number;
  finishedAt?: number;
  commitTime?: number;
  pipelineUrl?: string;
  /** Epoch ms of the last update received. */
  updatedAt: number;
  impact: DeploymentBudgetImpact;
}

/**
 * A page of deployments, newest first.
 *
 * @public
 */
export interface DeploymentPage {
  items: Deployment[];
  totalCount: number;
  offset: number;
  limit: number;
}

/**
 * A deployment drawn on an SLO chart.
 *
 * @public
 */
export interface DeploymentMarker {
  id: string;
  entity: string;
  environment: string;
  /** Epoch ms: when the deployment finished, or started while running. */
  at: number;
  status: DeploymentStatus;
  version?: string;
  likelyCausedBurn: boolean;
}

/**
 * The four DORA keys of an entity over a window, with their bands.
 *
 * @public
 */
export interface DoraReport extends DoraMetrics {
  entity: string;
  environment: string;
  /** Epoch ms. */
  from: number;
  to: number;
}
