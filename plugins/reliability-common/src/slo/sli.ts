import { sanitizeSample } from './sanitize';
import { isGoodSlice, toTimeSlices } from './slices';
import type { SliMeasurement, SliSample, SloDefinition } from './types';

function requireSliceWindow(slo: SloDefinition): number {
  if (!(slo.timeSliceWindowMs && slo.timeSliceWindowMs > 0)) {
    throw new RangeError(
      `${slo.budgetingMethod} needs a positive timeSliceWindowMs`,
    );
  }
  return slo.timeSliceWindowMs;
}

/**
 * The SLI over the given samples, by the SLO's budgeting method.
 *
 * @remarks
 * - Occurrences: Σgood / Σtotal.
 * - Timeslices: good slices / slices with traffic, where a slice is good when
 *   its ratio ≥ timeSliceTarget.
 * - RatioTimeslices: mean of the per-slice ratios of slices with traffic.
 *
 * With no traffic the value is null (no data), never NaN. Filter the samples
 * to the window first, see {@link samplesInRange}.
 *
 * @public
 */
export function measureSli(
  samples: ReadonlyArray<SliSample>,
  slo: SloDefinition,
): SliMeasurement {
  let goodEvents = 0;
  let totalEvents = 0;
  for (const raw of samples) {
    const s = sanitizeSample(raw);
    goodEvents += s.good;
    totalEvents += s.total;
  }
  goodEvents = Math.min(goodEvents, totalEvents);
  const events = {
    goodEvents,
    badEvents: totalEvents - goodEvents,
    totalEvents,
  };

  if (slo.budgetingMethod === 'Occurrences') {
    return {
      value: totalEvents > 0 ? goodEvents / totalEvents : null,
      ...events,
    };
  }

  const sliceMs = requireSliceWindow(slo);
  const slices = toTimeSlices(samples, sliceMs);
  if (slo.budgetingMethod === 'Timeslices') {
    if (slo.timeSliceTarget === undefined) {
      throw new RangeError('Timeslices needs a timeSliceTarget');
    }
    const target = slo.timeSliceTarget;
    const good = slices.filter(s => isGoodSlice(s, target)).length;
    const bad = slices.length - good;
    return {
      value: slices.length > 0 ? good / slices.length : null,
      ...events,
      slices: { count: slices.length, good, bad, badTimeMs: bad * sliceMs },
    };
  }

  const ratioSum = slices.reduce((sum, s) => sum + s.ratio, 0);
  const badSlices = slices.reduce((sum, s) => sum + (1 - s.ratio), 0);
  return {
    value: slices.length > 0 ? Math.min(1, ratioSum / slices.length) : null,
    ...events,
    // Per-slice good/bad is not defined for RatioTimeslices.
    slices: { count: slices.length, badTimeMs: badSlices * sliceMs },
  };
}
