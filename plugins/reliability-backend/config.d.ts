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
    /** Who owns an entity and how to reach them. */
    ownership?: {
      /**
       * Base URL of your PagerDuty account; the `pagerduty.com/service-id`
       * annotation becomes `<base>/service-directory/<id>`. Default
       * https://app.pagerduty.com (use https://<account>.pagerduty.com).
       */
      pagerDutyBaseUrl?: string;
      /**
       * Base URL of your Opsgenie account; the `opsgenie.com/team` annotation
       * becomes a link to `<base>/teams/list`. Default https://app.opsgenie.com
       * (use https://<account>.app.opsgenie.com, or app.eu.opsgenie.com).
       */
      opsgenieBaseUrl?: string;
    };
    /** Runbooks: entity links of type runbook and SLO runbook annotations. */
    runbooks?: {
      /**
       * A runbook whose last review (front matter `last_reviewed`, else the
       * file's last change) is older than this many days is stale. Default 180.
       */
      maxAgeDays?: number;
      /**
       * How long a markdown runbook read through the URL reader is kept
       * before it is read again (with its ETag). Default 5 minutes.
       */
      cacheTtl?: HumanDuration;
      /** How many runbooks the cache holds at most. Default 500. */
      cacheSize?: number;
    };
    /**
     * Production-readiness scorecards (docs/scorecards.md). The built-in
     * `production-readiness` scorecard works with no configuration.
     */
    scorecards?: {
      /** Grade entities on the built-in production-readiness scorecard. Default true. */
      includeDefault?: boolean;
      /** The scheduled run over every entity, once per cycle across replicas. */
      schedule?: {
        /** Default 1 hour. */
        frequency?: HumanDuration;
        /** Default 10 minutes. */
        timeout?: HumanDuration;
        /** Default 30 seconds after start. */
        initialDelay?: HumanDuration;
      };
      /** Daily snapshots older than this are deleted. Default 400 days. */
      snapshotRetentionDays?: number;
      /**
       * How long a runbook's review date is reused between runs before the
       * file is read again. Default 1 hour.
       */
      runbookReviewTtl?: HumanDuration;
      /** Scorecards of your own, next to the default one. */
      definitions?: Array<{
        /** Unique id: letters, digits and . _ / - */
        id: string;
        title: string;
        description?: string;
        /**
         * Which entities it grades; every field set must match, lists match
         * any value (case-insensitive). Default: kind Component.
         */
        appliesTo?: {
          kind?: string[];
          /** spec.type */
          type?: string[];
          /** reliability/tier; `untiered` for entities without one. */
          tier?: string[];
          /** spec.lifecycle */
          lifecycle?: string[];
          /** Dot paths into the entity; `'*'` means "is set". */
          filter?: { [path: string]: string | string[] };
        };
        /** Lowest level first; an entity reaches a level when it and every level below pass. */
        levels: Array<{
          id: string;
          title: string;
          description?: string;
          checks: Array<{
            /** Unique within the scorecard; exemptions name it. */
            id: string;
            title: string;
            description?: string;
            /** A fact id such as `slo.count` (docs/scorecards.md lists them). */
            fact: string;
            /** equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn */
            operator: string;
            threshold:
              | boolean
              | number
              | string
              | null
              | Array<string | number>;
            /** What to do when the check fails. */
            howToFix: string;
            /** Lines to copy, such as catalog-info.yaml. */
            snippet?: string;
            /** Only these tiers; others are not-applicable. */
            tiers?: string[];
          }>;
        }>;
      }>;
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
