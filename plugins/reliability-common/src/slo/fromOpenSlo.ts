import { parseOpenSloDuration } from '../openslo/duration';
import {
  objectiveTarget,
  timeSliceWindowMilliseconds,
} from '../openslo/objectiveTarget';
import type { OpenSloSlo } from '../openslo/types';
import type { SloDefinition } from './types';

/**
 * The {@link SloDefinition} of one objective of a validated OpenSLO SLO.
 *
 * @remarks
 * windowMs is the fixed length of the window's duration (see
 * {@link OPENSLO_DURATION_UNIT_MILLISECONDS}); for calendar windows pass the
 * real period from {@link timeWindowBounds} to {@link evaluateSlo}.
 * Returns undefined when the objective does not exist.
 *
 * @public
 */
export function sloDefinitionFromOpenSlo(
  slo: OpenSloSlo,
  objectiveIndex = 0,
): SloDefinition | undefined {
  const objective = slo.spec.objectives[objectiveIndex];
  const target = objective && objectiveTarget(objective);
  const duration = parseOpenSloDuration(slo.spec.timeWindow[0]?.duration);
  if (target === undefined || !duration.ok) return undefined;
  return {
    budgetingMethod: slo.spec.budgetingMethod,
    target,
    windowMs: duration.value.milliseconds,
    timeSliceTarget: objective.timeSliceTarget,
    timeSliceWindowMs: timeSliceWindowMilliseconds(objective),
  };
}
