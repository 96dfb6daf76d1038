import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** One configured Prometheus-compatible server. */
export interface PrometheusInstance {
  name: string;
  /** Base URL without a trailing slash. */
  url: string;
  /** Headers sent with every query: auth, tenant and extra headers. */
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  retryBackoffMs: number;
  /** Largest answer body read; default {@link DEFAULT_LIMITS}. */
  maxResponseBytes?: number;
  /** Most series in one answer. */
  maxSeries?: number;
  /** Most points (samples) over all series of one answer. */
  maxSamples?: number;
}

/**
 * Limits of one answer. PromQL comes from catalog files, so a query may ask
 * for far more than an SLI needs; these keep one query from filling the
 * backend's memory.
 */
export const DEFAULT_LIMITS = {
  maxResponseBytes: 10 * 1024 * 1024,
  maxSeries: 1000,
  maxSamples: 500_000,
} as const;

type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

/** The module's configuration, read and checked. */
export interface PrometheusSourceConfig {
  instances: Map<string, PrometheusInstance>;
  defaultInstance?: string;
  maxConcurrentQueries: number;
  cacheTtlMs: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 500;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_CACHE_TTL_MS = 30_000;

/** A whole number ≥ 1 from `config.key`, or `fallback`. */
function positiveInteger(
  config: Config,
  key: string,
  fallback: number,
  where: string,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${where}.${key} must be a whole number ≥ 1`);
  }
  return value;
}

function limitsOf(config: Config, fallback: Limits, where: string): Limits {
  return {
    maxResponseBytes: positiveInteger(
      config,
      'maxResponseBytes',
      fallback.maxResponseBytes,
      where,
    ),
    maxSeries: positiveInteger(config, 'maxSeries', fallback.maxSeries, where),
    maxSamples: positiveInteger(
      config,
      'maxSamples',
      fallback.maxSamples,
      where,
    ),
  };
}

function durationMs(config: Config, key: string, fallback: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallback;
}

/** Reads `reliability.prometheus`; no instances when the key is absent. */
export function readPrometheusConfig(root: Config): PrometheusSourceConfig {
  const config = root.getOptionalConfig('reliability.prometheus');
  const instances = new Map<string, PrometheusInstance>();
  if (!config) {
    return {
      instances,
      maxConcurrentQueries: DEFAULT_CONCURRENCY,
      cacheTtlMs: DEFAULT_CACHE_TTL_MS,
    };
  }
  const limits = limitsOf(config, DEFAULT_LIMITS, 'reliability.prometheus');
  for (const entry of config.getOptionalConfigArray('instances') ?? []) {
    const name = entry.getString('name');
    if (instances.has(name)) {
      throw new Error(
        `reliability.prometheus.instances: the name "${name}" is used twice`,
      );
    }
    const headers: Record<string, string> = {};
    const extra = entry.getOptionalConfig('headers');
    for (const key of extra?.keys() ?? []) {
      headers[key] = extra!.getString(key);
    }
    const token = entry.getOptionalString('bearerToken');
    if (token) headers.Authorization = `Bearer ${token}`;
    const tenant = entry.getOptionalString('tenant');
    if (tenant) headers['X-Scope-OrgID'] = tenant;
    const retries = entry.getOptionalNumber('retries') ?? DEFAULT_RETRIES;
    if (!Number.isInteger(retries) || retries < 0) {
      throw new Error(
        `reliability.prometheus.instances "${name}": retries must be a whole number ≥ 0`,
      );
    }
    instances.set(name, {
      name,
      url: entry.getString('url').replace(/\/+$/, ''),
      headers,
      timeoutMs: durationMs(entry, 'timeout', DEFAULT_TIMEOUT_MS),
      retries,
      retryBackoffMs: durationMs(entry, 'retryBackoff', DEFAULT_BACKOFF_MS),
      ...limitsOf(entry, limits, `reliability.prometheus.instances "${name}"`),
    });
  }
  const defaultInstance =
    config.getOptionalString('defaultInstance') ?? [...instances.keys()][0];
  if (defaultInstance !== undefined && !instances.has(defaultInstance)) {
    throw new Error(
      `reliability.prometheus.defaultInstance "${defaultInstance}" is not one of the instances`,
    );
  }
  const maxConcurrentQueries =
    config.getOptionalNumber('maxConcurrentQueries') ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(maxConcurrentQueries) || maxConcurrentQueries < 1) {
    throw new Error(
      'reliability.prometheus.maxConcurrentQueries must be a whole number ≥ 1',
    );
  }
  return {
    instances,
    defaultInstance,
    maxConcurrentQueries,
    cacheTtlMs: durationMs(config, 'cacheTtl', DEFAULT_CACHE_TTL_MS),
  };
}
