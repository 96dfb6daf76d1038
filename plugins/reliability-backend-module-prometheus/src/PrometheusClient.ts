import { DEFAULT_LIMITS, PrometheusInstance } from './config';

/** One point of a range query: epoch ms and value. */
export interface RangePoint {
  at: number;
  value: number;
}

/** One series of a range query answer. */
export interface RangeSeries {
  metric: Record<string, string>;
  points: RangePoint[];
}

/** Counters of the client, for benchmarks and logs. */
export interface PrometheusClientStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Range queries answered (one per query, however many attempts). */
  queries: number;
  retries: number;
  cacheHits: number;
  /** Most requests in flight at once since the last reset. */
  peakConcurrent: number;
}

/** Prometheus refuses range queries of more than 11,000 points. */
export const MAX_POINTS_PER_QUERY = 11_000;

/** A query that failed; the message includes Prometheus's error text. */
export class PrometheusQueryError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

interface PrometheusAnswer {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{
      metric?: Record<string, string>;
      values?: Array<[number, string]>;
    }>;
  };
}

/** A counting semaphore. */
class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  peak = 0;

  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    this.peak = Math.max(this.peak, this.active);
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter.
      if (next) next();
      else this.active--;
    }
  }
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** What to do about an answer over a limit, naming the config key. */
function tooLarge(where: string, what: string, key: string): string {
  return `${where} answered ${what}: result too large; narrow the query (aggregate with sum() or by fewer labels) or raise reliability.prometheus.${key} (or the instance's ${key})`;
}

/**
 * The body as text, read up to `maxBytes`: a larger one is refused from its
 * Content-Length before any of it is read, or cancelled once `maxBytes`
 * have come in.
 */
async function readBody(
  response: Response,
  maxBytes: number,
  where: string,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new PrometheusQueryError(
      tooLarge(where, `${declared} bytes`, 'maxResponseBytes'),
      false,
    );
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new PrometheusQueryError(
        tooLarge(where, `more than ${maxBytes} bytes`, 'maxResponseBytes'),
        false,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function seconds(ms: number): string {
  return String(ms / 1000);
}

/** Step as a Prometheus duration (`5m`, `1h`, `90s`). */
export function promDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/**
 * Runs PromQL range queries against configured instances with a shared
 * concurrency limit, a timeout per attempt, retries with exponential backoff
 * for transient failures, and a short-lived answer cache.
 */
export class PrometheusClient {
  private readonly limiter: Limiter;
  private readonly cache = new Map<
    string,
    { expires: number; answer: Promise<RangeSeries[]> }
  >();
  private counters = { requests: 0, queries: 0, retries: 0, cacheHits: 0 };

  constructor(
    private readonly options: {
      maxConcurrentQueries: number;
      cacheTtlMs: number;
      fetch?: typeof fetch;
      clock?: () => number;
    },
  ) {
    this.limiter = new Limiter(options.maxConcurrentQueries);
  }

  stats(): PrometheusClientStats {
    return { ...this.counters, peakConcurrent: this.limiter.peak };
  }

  resetStats(): void {
    this.counters = { requests: 0, queries: 0, retries: 0, cacheHits: 0 };
    this.limiter.peak = 0;
  }

  /**
   * Range query with points at `start + k × step` up to `end` (inclusive),
   * split into several requests when it would exceed
   * {@link MAX_POINTS_PER_QUERY} points.
   */
  async queryRange(
    instance: PrometheusInstance,
    query: string,
    range: { start: number; end: number; stepMs: number },
  ): Promise<RangeSeries[]> {
    const { start, end, stepMs } = range;
    if (end < start) return [];
    const chunkMs = (MAX_POINTS_PER_QUERY - 1) * stepMs;
    const parts: Array<Promise<RangeSeries[]>> = [];
    for (let from = start; from <= end; from += chunkMs + stepMs) {
      parts.push(
        this.cached(
          instance,
          query,
          from,
          Math.min(end, from + chunkMs),
          stepMs,
        ),
      );
    }
    const answers = await Promise.all(parts);
    if (answers.length === 1) return answers[0];
    const byKey = new Map<string, RangeSeries>();
    for (const series of answers.flat()) {
      const key = JSON.stringify(
        Object.entries(series.metric).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
      const existing = byKey.get(key);
      if (existing) existing.points.push(...series.points);
      else
        byKey.set(key, { metric: series.metric, points: [...series.points] });
    }
    return [...byKey.values()];
  }

  private cached(
    instance: PrometheusInstance,
    query: string,
    start: number,
    end: number,
    stepMs: number,
  ): Promise<RangeSeries[]> {
    const ttl = this.options.cacheTtlMs;
    if (ttl <= 0) return this.fetchRange(instance, query, start, end, stepMs);
    const now = (this.options.clock ?? Date.now)();
    const key = `${instance.name}\u0000${query}\u0000${start}\u0000${end}\u0000${stepMs}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) {
      this.counters.cacheHits++;
      return hit.answer;
    }
    if (this.cache.size > 10_000) {
      for (const [k, v] of this.cache)
        if (v.expires <= now) this.cache.delete(k);
    }
    const answer = this.fetchRange(instance, query, start, end, stepMs);
    this.cache.set(key, { expires: now + ttl, answer });
    // Failures are not cached.
    answer.catch(() => this.cache.delete(key));
    return answer;
  }

  private async fetchRange(
    instance: PrometheusInstance,
    query: string,
    start: number,
    end: number,
    stepMs: number,
  ): Promise<RangeSeries[]> {
    const body = new URLSearchParams({
      query,
      start: seconds(start),
      end: seconds(end),
      step: seconds(stepMs),
      timeout: seconds(instance.timeoutMs),
    });
    this.counters.queries++;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.limiter.run(() => this.post(instance, body));
      } catch (error) {
        const retryable =
          !(error instanceof PrometheusQueryError) || error.retryable;
        if (!retryable || attempt >= instance.retries) {
          const message =
            error instanceof Error ? error.message : String(error);
          throw new PrometheusQueryError(
            `${message}${
              attempt > 0 ? ` (after ${attempt + 1} attempts)` : ''
            }; query: ${query}`,
            false,
          );
        }
        this.counters.retries++;
        await sleep(instance.retryBackoffMs * 2 ** attempt);
      }
    }
  }

  private async post(
    instance: PrometheusInstance,
    body: URLSearchParams,
  ): Promise<RangeSeries[]> {
    this.counters.requests++;
    const where = `Prometheus instance "${instance.name}"`;
    const limits = {
      maxResponseBytes:
        instance.maxResponseBytes ?? DEFAULT_LIMITS.maxResponseBytes,
      maxSeries: instance.maxSeries ?? DEFAULT_LIMITS.maxSeries,
      maxSamples: instance.maxSamples ?? DEFAULT_LIMITS.maxSamples,
    };
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(
        `${instance.url}/api/v1/query_range`,
        {
          method: 'POST',
          headers: {
            ...instance.headers,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body,
          // The instance's credentials and tenant go to its URL only.
          redirect: 'manual',
          // Covers reading the body too: a server that trickles its answer
          // is cut off as well.
          signal: AbortSignal.timeout(instance.timeoutMs),
        },
      );
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => {});
        throw new PrometheusQueryError(
          `${where} answered ${response.status} redirecting to ${
            response.headers.get('location') ?? '(nowhere)'
          }; redirects are not followed: configure the URL that answers`,
          false,
        );
      }
      text = await readBody(response, limits.maxResponseBytes, where);
    } catch (error) {
      if (error instanceof PrometheusQueryError) throw error;
      const failure = error as {
        name?: string;
        message?: string;
        cause?: { message?: string };
      };
      const timedOut =
        failure?.name === 'TimeoutError' || failure?.name === 'AbortError';
      throw new PrometheusQueryError(
        timedOut
          ? `${where} did not answer within ${instance.timeoutMs} ms`
          : `${where} could not be reached: ${
              failure?.cause?.message ?? failure?.message ?? String(error)
            }`,
        true,
      );
    }
    let answer: PrometheusAnswer | undefined;
    try {
      answer = JSON.parse(text) as PrometheusAnswer;
    } catch {
      answer = undefined;
    }
    if (!response.ok || answer?.status !== 'success') {
      const detail = answer?.error
        ? `${answer.errorType ? `${answer.errorType}: ` : ''}${answer.error}`
        : text.trim().slice(0, 300) || response.statusText;
      const retryable = response.status === 429 || response.status >= 500;
      throw new PrometheusQueryError(
        `${where} answered ${response.status}: ${detail}`,
        retryable,
      );
    }
    if (answer.data?.resultType !== 'matrix') {
      throw new PrometheusQueryError(
        `${where} answered a ${answer.data?.resultType} instead of a range vector (matrix)`,
        false,
      );
    }
    const result = answer.data.result ?? [];
    if (result.length > limits.maxSeries) {
      throw new PrometheusQueryError(
        tooLarge(
          where,
          `${result.length} series, more than ${limits.maxSeries}`,
          'maxSeries',
        ),
        false,
      );
    }
    const samples = result.reduce((n, s) => n + (s.values?.length ?? 0), 0);
    if (samples > limits.maxSamples) {
      throw new PrometheusQueryError(
        tooLarge(
          where,
          `${samples} samples, more than ${limits.maxSamples}`,
          'maxSamples',
        ),
        false,
      );
    }
    return result.map(series => ({
      metric: series.metric ?? {},
      points: (series.values ?? []).map(([at, value]) => ({
        at: Math.round(at * 1000),
        value: Number(value),
      })),
    }));
  }
}
