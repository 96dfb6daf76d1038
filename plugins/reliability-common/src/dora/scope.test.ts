import { deploymentTime, finishedInEnvironment, inWindow } from './scope';
import type { DeploymentRecord } from './types';

const r = (
  id: string,
  environment: string,
  status: DeploymentRecord['status'],
  startedAt: number,
  finishedAt?: number,
): DeploymentRecord => ({ id, environment, status, startedAt, finishedAt });

describe('scope helpers', () => {
  it('uses finishedAt, else startedAt', () => {
    expect(deploymentTime(r('a', 'production', 'failed', 1, 5))).toBe(5);
    expect(deploymentTime(r('a', 'production', 'failed', 1))).toBe(1);
  });

  it('keeps finished deployments to the environment, sorted', () => {
    const records = [
      r('late', 'production', 'succeeded', 0, 20),
      r('staging', 'staging', 'succeeded', 0, 5),
      r('running', 'production', 'started', 0),
      r('early', 'production', 'failed', 0, 10),
    ];
    expect(
      finishedInEnvironment(records, { window: { start: 0, end: 100 } }).map(
        x => x.id,
      ),
    ).toEqual(['early', 'late']);
    expect(
      finishedInEnvironment(records, {
        window: { start: 0, end: 100 },
        environment: 'staging',
      }).map(x => x.id),
    ).toEqual(['staging']);
  });

  it('uses a half-open window', () => {
    const scope = { window: { start: 10, end: 20 } };
    expect(inWindow(10, scope)).toBe(true);
    expect(inWindow(20, scope)).toBe(false);
  });
});
