import { openSloValidationError, type OpenSloValidationError } from './errors';
import { parseOpenSloDuration } from './duration';
import type { OpenSloDocument } from './types';

/**
 * Things that are valid OpenSLO but probably not what the author meant.
 *
 * @public
 */
export function openSloWarnings(
  doc: OpenSloDocument,
): OpenSloValidationError[] {
  if (doc.kind !== 'SLO') return [];
  const warnings: OpenSloValidationError[] = [];
  const [window] = doc.spec.timeWindow;
  const duration = parseOpenSloDuration(window.duration);
  if (
    !window.isRolling &&
    duration.ok &&
    (duration.value.unit === 'm' || duration.value.unit === 'h')
  ) {
    const { value, unit } = duration.value;
    warnings.push(
      openSloValidationError(
        'spec.timeWindow[0].duration',
        `${window.duration} is ${value} ${unit === 'm' ? 'minute' : 'hour'}${
          value === 1 ? '' : 's'
        } (m = minute, M = month); a calendar window that short is unusual${
          unit === 'm' ? `: did you mean ${value}M?` : ''
        }`,
      ),
    );
  }
  if (window.isRolling && window.calendar) {
    warnings.push(
      openSloValidationError(
        'spec.timeWindow[0].calendar',
        'is ignored because isRolling is true',
      ),
    );
  }
  doc.spec.objectives.forEach((o, i) => {
    if (
      doc.spec.budgetingMethod === 'Occurrences' &&
      (o.timeSliceTarget !== undefined || o.timeSliceWindow !== undefined)
    ) {
      warnings.push(
        openSloValidationError(
          `spec.objectives[${i}]`,
          'timeSliceTarget and timeSliceWindow are ignored with budgetingMethod Occurrences',
        ),
      );
    }
    if (
      doc.spec.budgetingMethod === 'RatioTimeslices' &&
      o.timeSliceTarget !== undefined
    ) {
      warnings.push(
        openSloValidationError(
          `spec.objectives[${i}].timeSliceTarget`,
          'is ignored with budgetingMethod RatioTimeslices (slices are averaged, not counted)',
        ),
      );
    }
  });
  return warnings;
}
