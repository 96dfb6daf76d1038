import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Backstage Reliability backend. */
  reliability?: {
    /** Scheduled evaluation of every SLO entity in the catalog. */
    evaluation?: {
      /**
       * How often every SLO is evaluated. Runs once per cycle across all
       * backend replicas. Default 5 minutes.
       */
      frequency?: HumanDuration;
      /** How long one cycle may take before it is abandoned. Default 4 minutes. */
      timeout?: HumanDuration;
      /** Wait after start-up before the first cycle. Default 10 seconds. */
      initialDelay?: HumanDuration;
    };
    /** The built-in SLI store (`metricSource.type: BuiltIn`). */
    store?: {
      /**
       * How long SLI events are kept. Events older than this are rejected
       * and deleted. Must cover the longest SLO window. Default 35 days.
       */
      retention?: HumanDuration;
    };
    /**
     * Remaining error-budget share under which an SLO's status is warning.
     * Default 0.25.
     */
    warningThreshold?: number;
    /** The release gate for pipelines. */
    releaseGate?: {
      /** The error-budget policy; entities override it with the `reliability/error-budget-policy` annotation. */
      policy?: {
        /** Block releases while any budget of the entity is exhausted. Default true. */
        blockWhenExhausted?: boolean;
        /** Warn when a remaining budget share is below this. Default 0.25. */
        warnBelow?: number;
        /** Block when a remaining budget share is below this. Default: unset. */
        blockBelow?: number;
      };
      /**
       * Policies per environment name (the `environment` query parameter),
       * replacing keys of `policy`, e.g. a staging environment that never
       * blocks.
       */
      environments?: {
        [environment: string]: {
          blockWhenExhausted?: boolean;
          warnBelow?: number;
          blockBelow?: number;
        };
      };
    };
    /** Demo portal only. */
    demo?: {
      /**
       * Static token the demo seeder sends with its SLI events; it must also
       * be listed under backend.auth.externalAccess.
       * @visibility secret
       */
      seedToken?: string;
    };
  };
}
