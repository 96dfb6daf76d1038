import type { DoraBand } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Band thresholds after the 2023 Accelerate State of DevOps Report (DORA),
 * turned into cut-offs as documented in docs/slo-math.md.
 *
 * @public
 */
export const DORA_2023_THRESHOLDS = Object.freeze({
  /** Minimum deployments per day for elite, high, medium. */
  deploymentsPerDay: { elite: 1, high: 1 / 7, medium: 1 / 30 },
  /** Maximum median lead time (ms) for elite (exclusive), high, medium. */
  leadTimeMs: { elite: DAY, high: 7 * DAY, medium: 30 * DAY },
  /** Maximum change failure rate for elite, high, medium. */
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  /** Maximum median recovery time (ms) for elite (exclusive), high (exclusive), medium. */
  timeToRestoreMs: { elite: HOUR, high: DAY, medium: 7 * DAY },
});

const t = DORA_2023_THRESHOLDS;

/**
 * Band of a deployment frequency in deployments per day.
 *
 * @public
 */
export function deploymentFrequencyBand(perDay: number): DoraBand {
  if (perDay >= t.deploymentsPerDay.elite) return 'elite';
  if (perDay >= t.deploymentsPerDay.high) return 'high';
  if (perDay >= t.deploymentsPerDay.medium) return 'medium';
  return 'low';
}

/**
 * Band of a median lead time for changes (ms).
 *
 * @public
 */
export function leadTimeBand(ms: number): DoraBand {
  if (ms < t.leadTimeMs.elite) return 'elite';
  if (ms <= t.leadTimeMs.high) return 'high';
  if (ms <= t.leadTimeMs.medium) return 'medium';
  return 'low';
}

/**
 * Band of a change failure rate in [0, 1].
 *
 * @public
 */
export function changeFailureRateBand(rate: number): DoraBand {
  if (rate <= t.changeFailureRate.elite) return 'elite';
  if (rate <= t.changeFailureRate.high) return 'high';
  if (rate <= t.changeFailureRate.medium) return 'medium';
  return 'low';
}

/**
 * Band of a median time to restore (failed deployment recovery time, ms).
 *
 * @public
 */
export function timeToRestoreBand(ms: number): DoraBand {
  if (ms < t.timeToRestoreMs.elite) return 'elite';
  if (ms < t.timeToRestoreMs.high) return 'high';
  if (ms <= t.timeToRestoreMs.medium) return 'medium';
  return 'low';
}
