import type { DeploymentRecord, DoraScope } from './types';

/**
 * When a deployment ended: finishedAt, or startedAt if it was not recorded.
 *
 * @public
 */
export function deploymentTime(record: DeploymentRecord): number {
  return record.finishedAt ?? record.startedAt;
}

/**
 * Finished deployments to the scope's environment, sorted by end time.
 *
 * @internal
 */
export function finishedInEnvironment(
  records: ReadonlyArray<DeploymentRecord>,
  scope: DoraScope,
): DeploymentRecord[] {
  const environment = scope.environment ?? 'production';
  return records
    .filter(r => r.environment === environment && r.status !== 'started')
    .filter(r => Number.isFinite(deploymentTime(r)))
    .sort((a, b) => deploymentTime(a) - deploymentTime(b));
}

/**
 * Whether an instant lies in the scope's window.
 *
 * @internal
 */
export function inWindow(time: number, scope: DoraScope): boolean {
  return time >= scope.window.start && time < scope.window.end;
}
