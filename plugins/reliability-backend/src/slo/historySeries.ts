import {
  evaluateSlo,
  SloHistoryPoint,
  sloDefinitionFromOpenSlo,
  timeWindowBounds,
} from '@reliability-kit/plugin-reliability-common';
import { SliSource } from '@reliability-kit/plugin-reliability-node';
import { SloRecord } from './SloCatalog';

const HOUR = 3_600_000;

/**
 * The SLI, remaining budget and burn rate of an SLO's first objective at
 * each step of a range, computed from its source: complete from the first
 * stored data, unlike the history of evaluations.
 */
export async function historySeries(
  record: SloRecord,
  source: SliSource,
  range: { start: number; end: number; stepMs: number },
): Promise<SloHistoryPoint[]> {
  const definition = sloDefinitionFromOpenSlo(record.slo, 0);
  if (!definition || !record.indicator) return [];
  const timeWindow = record.slo.spec.timeWindow[0];
  const firstWindow = timeWindowBounds(timeWindow, range.start);
  const sliced = definition.budgetingMethod !== 'Occurrences';
  const samples = await source.readSamples({
    entity: record.entity,
    slo: record.slo,
    indicator: record.indicator,
    objectiveIndex: 0,
    start: Math.min(firstWindow.start, range.start - range.stepMs),
    end: range.end,
    resolutionMs:
      sliced && definition.timeSliceWindowMs
        ? Math.min(definition.timeSliceWindowMs, HOUR)
        : HOUR,
  });
  const points: SloHistoryPoint[] = [];
  for (let at = range.start; at <= range.end; at += range.stepMs) {
    const evaluation = evaluateSlo(samples, definition, {
      now: at,
      window: timeWindowBounds(timeWindow, at),
      forecastBurnWindowMs: range.stepMs,
    });
    points.push({
      at,
      sli: evaluation.sli.value,
      budgetRemaining: evaluation.errorBudget?.remaining ?? null,
      burnRate: evaluation.currentBurnRate,
    });
  }
  return points;
}
