import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { JsonValue } from '@backstage/types';

/** `reliability.scorecards.*` with its defaults. */
export interface ScorecardConfig {
  includeDefault: boolean;
  frequency: HumanDuration;
  timeout: HumanDuration;
  initialDelay: HumanDuration;
  snapshotRetentionDays: number;
  runbookReviewTtlMs: number;
  /** Raw definitions, validated once the facts of all modules are known. */
  definitions: JsonValue | undefined;
}

function duration(
  config: Config | undefined,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config?.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

export function readScorecardConfig(root: Config): ScorecardConfig {
  const config = root.getOptionalConfig('reliability.scorecards');
  const schedule = config?.getOptionalConfig('schedule');
  const retention = config?.getOptionalNumber('snapshotRetentionDays') ?? 400;
  if (!Number.isInteger(retention) || retention < 1) {
    throw new Error(
      `Invalid reliability.scorecards.snapshotRetentionDays: expected a whole number of days ≥ 1, got ${retention}`,
    );
  }
  return {
    includeDefault: config?.getOptionalBoolean('includeDefault') ?? true,
    frequency: duration(schedule, 'frequency', { hours: 1 }),
    timeout: duration(schedule, 'timeout', { minutes: 10 }),
    initialDelay: duration(schedule, 'initialDelay', { seconds: 30 }),
    snapshotRetentionDays: retention,
    runbookReviewTtlMs: durationToMilliseconds(
      duration(config, 'runbookReviewTtl', { hours: 1 }),
    ),
    definitions: config?.getOptional('definitions'),
  };
}
