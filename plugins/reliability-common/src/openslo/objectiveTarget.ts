import { parseOpenSloDuration } from './duration';
import type { OpenSloObjective } from './types';

/**
 * The objective's target as a ratio in (0, 1], from `target` or
 * `targetPercent` (99.9 gives 0.999).
 *
 * @remarks
 * Returns undefined when neither is set; a validated objective has one.
 *
 * @public
 */
export function objectiveTarget(
  objective: Pick<OpenSloObjective, 'target' | 'targetPercent'>,
): number | undefined {
  if (objective.target !== undefined) return objective.target;
  if (objective.targetPercent !== undefined) {
    // Round away float noise: 99.9 / 100 is 0.9990000000000001.
    return Number((objective.targetPercent / 100).toPrecision(15));
  }
  return undefined;
}

/**
 * Length of an objective's time slice in milliseconds, from a duration
 * shorthand (`1m`) or a number of seconds; undefined when not set or invalid.
 *
 * @public
 */
export function timeSliceWindowMilliseconds(
  objective: Pick<OpenSloObjective, 'timeSliceWindow'>,
): number | undefined {
  const window = objective.timeSliceWindow;
  if (typeof window === 'number') {
    return Number.isFinite(window) && window > 0 ? window * 1000 : undefined;
  }
  if (typeof window !== 'string') return undefined;
  const parsed = parseOpenSloDuration(window);
  return parsed.ok ? parsed.value.milliseconds : undefined;
}
