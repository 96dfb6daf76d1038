import {
  burnRateOver,
  evaluateSlo,
  ObjectiveStatus,
  SliSample,
  sloDefinitionFromOpenSlo,
  SloStatus,
  SloStatusSnapshot,
  timeWindowBounds,
} from '@reliability-kit/plugin-reliability-common';
import { SliSource } from '@reliability-kit/plugin-reliability-node';
import { BURN_RATE_WINDOWS, LONGEST_BURN_WINDOW_MS } from './burnWindows';
import { SloRecord } from './SloCatalog';

const HOUR = 3_600_000;
const SEVERITY: Record<SloStatus, number> = {
  'no-data': 0,
  healthy: 1,
  warning: 2,
  breaching: 3,
  exhausted: 4,
};

/** The worst status among objectives; no-data only when all are. */
export function worstStatus(statuses: SloStatus[]): SloStatus {
  return statuses.reduce<SloStatus>(
    (worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst),
    'no-data',
  );
}

function baseSnapshot(
  record: SloRecord,
  now: number,
): Omit<SloStatusSnapshot, 'status' | 'budgetRemaining' | 'objectives'> {
  const timeWindow = record.slo.spec.timeWindow[0];
  const window = timeWindowBounds(timeWindow, now);
  return {
    slo: record.ref,
    title: record.title,
    description: record.slo.spec.description,
    service: record.serviceRef,
    owner: record.ownerRef,
    system: record.systemRef,
    domain: record.domainRef,
    sourceType: record.sourceType,
    budgetingMethod: record.slo.spec.budgetingMethod,
    window: {
      duration: timeWindow.duration,
      rolling: timeWindow.isRolling,
      start: window.start,
      end: window.end,
    },
    stale: false,
    evaluatedAt: now,
    checkedAt: now,
  };
}

/** A no-data snapshot that says why. */
export function noDataSnapshot(
  record: SloRecord,
  now: number,
  reason: string,
): SloStatusSnapshot {
  return {
    ...baseSnapshot(record, now),
    status: 'no-data',
    budgetRemaining: null,
    objectives: [],
    reason,
  };
}

/**
 * Evaluates one SLO with the source for its metric type. Throws when the
 * source fails, so the caller can keep the last good snapshot.
 */
export async function evaluateRecord(
  record: SloRecord,
  sources: ReadonlyMap<string, SliSource>,
  now: number,
  options: { warningThreshold?: number } = {},
): Promise<SloStatusSnapshot> {
  if (!record.indicator) {
    return noDataSnapshot(
      record,
      now,
      record.indicatorProblem ?? 'the SLO has no indicator',
    );
  }
  const source = record.sourceType ? sources.get(record.sourceType) : undefined;
  if (!source) {
    return noDataSnapshot(
      record,
      now,
      `no data source installed for type ${record.sourceType ?? '(none)'}`,
    );
  }
  const base = baseSnapshot(record, now);
  const window = { start: base.window.start, end: base.window.end };
  const isThreshold = Boolean(record.indicator.spec.thresholdMetric);
  const samplesByKey = new Map<string, Promise<SliSample[]>>();

  const objectives: ObjectiveStatus[] = [];
  for (const [index, objective] of record.slo.spec.objectives.entries()) {
    const definition = sloDefinitionFromOpenSlo(record.slo, index);
    if (!definition) continue;
    const sliced = definition.budgetingMethod !== 'Occurrences';
    const resolutionMs =
      sliced && definition.timeSliceWindowMs
        ? Math.min(definition.timeSliceWindowMs, HOUR)
        : HOUR;
    // Ratio SLIs share one series across objectives: read it once.
    const key = `${isThreshold ? index : 0}/${resolutionMs}`;
    if (!samplesByKey.has(key)) {
      samplesByKey.set(
        key,
        source.readSamples({
          entity: record.entity,
          slo: record.slo,
          indicator: record.indicator,
          objectiveIndex: index,
          start: Math.min(window.start, now - LONGEST_BURN_WINDOW_MS),
          end: now,
          resolutionMs,
        }),
      );
    }
    const samples = await samplesByKey.get(key)!;
    const evaluation = evaluateSlo(samples, definition, {
      now,
      window,
      warningThreshold: options.warningThreshold,
    });
    objectives.push({
      index,
      displayName: objective.displayName,
      target: definition.target,
      op: objective.op,
      value: objective.value,
      status: evaluation.status,
      sli: evaluation.sli,
      errorBudget: evaluation.errorBudget,
      burnRate: evaluation.burnRate,
      currentBurnRate: evaluation.currentBurnRate,
      burnRates: Object.fromEntries(
        BURN_RATE_WINDOWS.map(([label, ms]) => [
          label,
          burnRateOver(samples, definition, { start: now - ms, end: now }),
        ]),
      ),
      alerts: evaluation.alerts,
      forecast: evaluation.forecast,
      coverage: evaluation.coverage,
    });
  }

  const remaining = objectives.flatMap(o =>
    o.errorBudget ? [o.errorBudget.remaining] : [],
  );
  return {
    ...base,
    status: worstStatus(objectives.map(o => o.status)),
    budgetRemaining: remaining.length ? Math.min(...remaining) : null,
    objectives,
  };
}
