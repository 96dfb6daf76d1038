import type { TimeRange } from '../openslo/windowBounds';

/**
 * One deployment, as recorded by a CI/CD system.
 *
 * @public
 */
export interface DeploymentRecord {
  id: string;
  environment: string;
  status: 'started' | 'succeeded' | 'failed' | 'rolled_back';
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms; missing while running. */
  finishedAt?: number;
  /** Epoch ms of the (oldest) commit shipped, for lead time. */
  commitTime?: number;
}

/**
 * DORA performance band.
 *
 * @public
 */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

/**
 * Which deployments a DORA metric looks at.
 *
 * @public
 */
export interface DoraScope {
  /** Deployments finishing inside this range count. */
  window: TimeRange;
  /** Production environment name; default `production`. */
  environment?: string;
}
