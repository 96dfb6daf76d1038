import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
} from './bands';
import { median } from './median';
import { deploymentTime, finishedInEnvironment, inWindow } from './scope';
import type { DeploymentRecord, DoraBand, DoraScope } from './types';

const DAY = 86_400_000;

const isFailure = (r: DeploymentRecord) =>
  r.status === 'failed' || r.status === 'rolled_back';

/**
 * Deployment frequency over a window.
 *
 * @public
 */
export interface DeploymentFrequency {
  /** Succeeded production deployments finished in the window. */
  deployments: number;
  /** deployments / window length in days. */
  perDay: number;
  band: DoraBand;
}

/**
 * How often changes reach production: succeeded deployments per day.
 *
 * @public
 */
export function deploymentFrequency(
  records: ReadonlyArray<DeploymentRecord>,
  scope: DoraScope,
): DeploymentFrequency {
  const deployments = finishedInEnvironment(records, scope).filter(
    r => r.status === 'succeeded' && inWindow(deploymentTime(r), scope),
  ).length;
  const days = (scope.window.end - scope.window.start) / DAY;
  const perDay = days > 0 ? deployments / days : 0;
  return { deployments, perDay, band: deploymentFrequencyBand(perDay) };
}

/**
 * Lead time for changes over a window.
 *
 * @public
 */
export interface LeadTimeForChanges {
  /** Median of finishedAt − commitTime; null without data. */
  medianMs: number | null;
  /** Deployments measured (succeeded, with commitTime and finishedAt). */
  deployments: number;
  band: DoraBand | null;
}

/**
 * Median time from commit to the production deployment that shipped it
 * finishing. Deployments without commitTime, or finishing before their
 * commit (clock skew), are left out.
 *
 * @public
 */
export function leadTimeForChanges(
  records: ReadonlyArray<DeploymentRecord>,
  scope: DoraScope,
): LeadTimeForChanges {
  const leadTimes = finishedInEnvironment(records, scope)
    .filter(r => r.status === 'succeeded' && inWindow(deploymentTime(r), scope))
    .filter(r => r.commitTime !== undefined && r.finishedAt !== undefined)
    .map(r => r.finishedAt! - r.commitTime!)
    .filter(ms => Number.isFinite(ms) && ms >= 0);
  const medianMs = median(leadTimes);
  return {
    medianMs,
    deployments: leadTimes.length,
    band: medianMs === null ? null : leadTimeBand(medianMs),
  };
}

/**
 * Change failure rate over a window.
 *
 * @public
 */
export interface ChangeFailureRate {
  /** failed / total in [0, 1]; null without deployments. */
  rate: number | null;
  /** Failed or rolled back. */
  failed: number;
  /** All finished production deployments in the window. */
  total: number;
  band: DoraBand | null;
}

/**
 * Share of finished production deployments that failed or were rolled back.
 *
 * @public
 */
export function changeFailureRate(
  records: ReadonlyArray<DeploymentRecord>,
  scope: DoraScope,
): ChangeFailureRate {
  const finished = finishedInEnvironment(records, scope).filter(r =>
    inWindow(deploymentTime(r), scope),
  );
  const failed = finished.filter(isFailure).length;
  const total = finished.length;
  const rate = total > 0 ? failed / total : null;
  return {
    rate,
    failed,
    total,
    band: rate === null ? null : changeFailureRateBand(rate),
  };
}

/**
 * Time to restore (failed deployment recovery time) over a window.
 *
 * @public
 */
export interface TimeToRestore {
  /** Median recovery time; null when nothing was restored. */
  medianMs: number | null;
  /** Failures (runs of consecutive failures) that were restored. */
  restored: number;
  /** Failures with no later successful deployment yet. */
  unrestored: number;
  band: DoraBand | null;
}

/**
 * Median time from a failed (or rolled back) deployment to the next
 * successful deployment to the same environment.
 *
 * @remarks
 * Consecutive failures before a success are one outage, timed from the
 * first failure. Outages starting in the window count; the success may come
 * after the window ends.
 *
 * @public
 */
export function timeToRestore(
  records: ReadonlyArray<DeploymentRecord>,
  scope: DoraScope,
): TimeToRestore {
  const durations: number[] = [];
  let unrestored = 0;
  let failedSince: number | undefined;
  for (const r of finishedInEnvironment(records, scope)) {
    const time = deploymentTime(r);
    if (isFailure(r)) {
      failedSince ??= time;
    } else if (r.status === 'succeeded' && failedSince !== undefined) {
      if (inWindow(failedSince, scope)) durations.push(time - failedSince);
      failedSince = undefined;
    }
  }
  if (failedSince !== undefined && inWindow(failedSince, scope)) unrestored++;
  const medianMs = median(durations);
  return {
    medianMs,
    restored: durations.length,
    unrestored,
    band: medianMs === null ? null : timeToRestoreBand(medianMs),
  };
}

/**
 * All four DORA metrics for one scope.
 *
 * @public
 */
export interface DoraMetrics {
  deploymentFrequency: DeploymentFrequency;
  leadTimeForChanges: LeadTimeForChanges;
  changeFailureRate: ChangeFailureRate;
  timeToRestore: TimeToRestore;
}

/**
 * Computes the four DORA metrics over a window.
 *
 * @public
 */
export function doraMetrics(
  records: ReadonlyArray<DeploymentRecord>,
  scope: DoraScope,
): DoraMetrics {
  return {
    deploymentFrequency: deploymentFrequency(records, scope),
    leadTimeForChanges: leadTimeForChanges(records, scope),
    changeFailureRate: changeFailureRate(records, scope),
    timeToRestore: timeToRestore(records, scope),
  };
}
