import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { ErrorBudgetPolicy } from './gate/releaseGate';

export interface ReliabilityConfig {
  frequency: HumanDuration;
  timeout: HumanDuration;
  initialDelay: HumanDuration;
  retentionMs: number;
  warningThreshold: number;
  policy: ErrorBudgetPolicy;
  environments: Record<string, Partial<ErrorBudgetPolicy>>;
  ownership: { pagerDutyBaseUrl: string; opsgenieBaseUrl: string };
  runbooks: { maxAgeDays: number; cacheTtlMs: number; cacheSize: number };
}

function duration(
  config: Config | undefined,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config?.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

/** An http(s) base URL without a trailing slash. */
function baseUrl(
  config: Config | undefined,
  key: string,
  fallback: string,
): string {
  const value = config?.getOptionalString(key) ?? fallback;
  if (!/^https?:\/\/[^/]/.test(value)) {
    throw new Error(
      `Invalid reliability.ownership.${key}: expected an http(s) URL such as ${fallback}, got "${value}"`,
    );
  }
  return value.replace(/\/+$/, '');
}

function policyAt(config: Config | undefined): Partial<ErrorBudgetPolicy> {
  return {
    blockWhenExhausted: config?.getOptionalBoolean('blockWhenExhausted'),
    warnBelow: config?.getOptionalNumber('warnBelow'),
    blockBelow: config?.getOptionalNumber('blockBelow'),
  };
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** Reads `reliability.*` with its defaults. */
export function readReliabilityConfig(root: Config): ReliabilityConfig {
  const config = root.getOptionalConfig('reliability');
  const evaluation = config?.getOptionalConfig('evaluation');
  const gate = config?.getOptionalConfig('releaseGate');
  const environments = gate?.getOptionalConfig('environments');
  const ownership = config?.getOptionalConfig('ownership');
  const runbooks = config?.getOptionalConfig('runbooks');
  return {
    frequency: duration(evaluation, 'frequency', { minutes: 5 }),
    timeout: duration(evaluation, 'timeout', { minutes: 4 }),
    initialDelay: duration(evaluation, 'initialDelay', { seconds: 10 }),
    retentionMs: durationToMilliseconds(
      duration(config?.getOptionalConfig('store'), 'retention', { days: 35 }),
    ),
    warningThreshold: config?.getOptionalNumber('warningThreshold') ?? 0.25,
    policy: {
      blockWhenExhausted: true,
      warnBelow: 0.25,
      ...defined(policyAt(gate?.getOptionalConfig('policy'))),
    },
    environments: Object.fromEntries(
      (environments?.keys() ?? []).map(env => [
        env,
        defined(policyAt(environments!.getConfig(env))),
      ]),
    ),
    ownership: {
      pagerDutyBaseUrl: baseUrl(
        ownership,
        'pagerDutyBaseUrl',
        'https://app.pagerduty.com',
      ),
      opsgenieBaseUrl: baseUrl(
        ownership,
        'opsgenieBaseUrl',
        'https://app.opsgenie.com',
      ),
    },
    runbooks: {
      maxAgeDays: runbooks?.getOptionalNumber('maxAgeDays') ?? 180,
      cacheTtlMs: durationToMilliseconds(
        duration(runbooks, 'cacheTtl', { minutes: 5 }),
      ),
      cacheSize: runbooks?.getOptionalNumber('cacheSize') ?? 500,
    },
  };
}
