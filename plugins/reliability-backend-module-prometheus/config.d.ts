import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Backstage Reliability backend. */
  reliability?: {
    /**
     * The Prometheus SLI source (`metricSource.type: Prometheus`), from
     * `@reliability-kit/plugin-reliability-backend-module-prometheus`.
     * Backend only: nothing here reaches the frontend.
     */
    prometheus?: {
      /**
       * The instance used by metric sources without `metricSourceRef`.
       * Default: the first instance in `instances`.
       */
      defaultInstance?: string;
      /**
       * Most queries in flight at once, over all instances. Default 8.
       */
      maxConcurrentQueries?: number;
      /**
       * How long an answer is reused for the same query, range and step
       * (e.g. the objectives of one threshold SLI in one evaluation).
       * Default 30 seconds; 0 turns the cache off.
       */
      cacheTtl?: HumanDuration;
      /**
       * Largest answer of one query that is read, in bytes. PromQL comes
       * from catalog files; a bigger answer is cut off and the SLO is marked
       * stale with "result too large". Default 10485760 (10 MiB). An
       * instance may set its own.
       */
      maxResponseBytes?: number;
      /**
       * Most series in the answer of one query (SLI queries usually
       * aggregate to one). Default 1000. An instance may set its own.
       */
      maxSeries?: number;
      /**
       * Most points over all series in the answer of one query. Default
       * 500000. An instance may set its own.
       */
      maxSamples?: number;
      /** Prometheus-compatible servers (Prometheus, Thanos, Mimir, Cortex). */
      instances: Array<{
        /** Name that OpenSLO `metricSourceRef` refers to. */
        name: string;
        /**
         * Base URL of the HTTP API, without `/api/v1`, e.g.
         * `http://prometheus:9090` or `https://mimir.example.com/prometheus`.
         */
        url: string;
        /**
         * Bearer token sent as `Authorization: Bearer <token>`.
         * @visibility secret
         */
        bearerToken?: string;
        /**
         * Extra request headers, e.g. basic auth or an API gateway key.
         * Every value is secret (`@visibility` would only mark the map).
         * @deepVisibility secret
         */
        headers?: { [name: string]: string };
        /**
         * Tenant of a multi-tenant backend (Mimir, Cortex), sent as
         * `X-Scope-OrgID`.
         * @visibility secret
         */
        tenant?: string;
        /**
         * Time limit of one query attempt, reading the answer included; also
         * sent to Prometheus as the query's `timeout` parameter, so that it
         * stops evaluating too. Default 30 seconds.
         */
        timeout?: HumanDuration;
        /**
         * Retries of a query after a network error, a timeout, 429 or a 5xx
         * answer, with exponential backoff. Bad queries (4xx) are not
         * retried. Default 2.
         */
        retries?: number;
        /** First backoff delay; doubled on each retry. Default 500 ms. */
        retryBackoff?: HumanDuration;
        /** `maxResponseBytes` for this instance. */
        maxResponseBytes?: number;
        /** `maxSeries` for this instance. */
        maxSeries?: number;
        /** `maxSamples` for this instance. */
        maxSamples?: number;
      }>;
    };
  };
}
