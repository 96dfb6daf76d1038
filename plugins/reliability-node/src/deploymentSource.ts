import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { DeploymentEvent } from '@reliability-kit/plugin-reliability-common';

/**
 * What a deployment source is asked: deployments since its last cursor.
 *
 * @public
 */
export interface DeploymentPullRequest {
  /**
   * The cursor the previous pull returned, or undefined on the first pull
   * (and after the stored cursor was reset).
   */
  cursor?: string;
  /** Aborted when the backend shuts down or the pull times out. */
  signal: AbortSignal;
}

/**
 * Deployments a pull found, and where to continue next time.
 *
 * @public
 */
export interface DeploymentPullResult {
  /**
   * Deployments as the ingestion API takes them. Ids must be stable: the
   * same deployment pulled again updates the stored one.
   */
  deployments: DeploymentEvent[];
  /** Stored and handed to the next pull; undefined keeps the previous one. */
  cursor?: string;
}

/**
 * A system that is asked for deployments instead of pushing them, such as
 * GitHub Deployments or Argo CD.
 *
 * @public
 */
export interface DeploymentSource {
  /** Unique id, used for the scheduled task and the stored cursor. */
  readonly id: string;
  /** How often to pull; default every 5 minutes. */
  readonly schedule?: Partial<SchedulerServiceTaskScheduleDefinition>;
  pull(request: DeploymentPullRequest): Promise<DeploymentPullResult>;
}
