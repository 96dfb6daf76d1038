import type {
  CanaryStep,
  DeploymentEvent,
  DeploymentStrategy,
} from '@reliability-kit/plugin-reliability-common';
import { demoHistoryEnd } from './chunks';
import {
  DAY_MS,
  DEMO_INCIDENTS,
  EXHAUSTED_DAYS,
  FAST_BURN_MS,
  HOUR_MS,
  MINUTE_MS,
  hashString,
  incidentRange,
  mulberry32,
} from './history';

// Synthetic deployment history of the Acme Shop demo services. Pure and
// deterministic: the deployments of a calendar day depend only on the
// service and the day (and, for the story, on the day of `now`), so a
// restart sends the same ids with the same content and the ingestion API
// updates them instead of adding new ones.

/** Days of deployments the demo seeds, today included. */
export const DEMO_DEPLOYMENT_DAYS = 90;

/** How often a service ships to production. */
export type DemoCadence =
  | {
      kind: 'daily';
      /** Releases on each weekday, at least and at most. */
      min: number;
      max: number;
    }
  | {
      kind: 'weekly';
      /** Day of the week it ships on: 1 Monday to 5 Friday. */
      weekday: number;
    };

/** A demo service that deploys. */
export interface DemoDeployingService {
  /** Component name in catalog/components. */
  service: string;
  cadence: DemoCadence;
  strategy: DeploymentStrategy;
  /** Whether each release goes to staging before production. */
  staging: boolean;
  /** Share of production releases that fail or are rolled back. */
  failureRate: number;
  /** Major version. */
  major: number;
}

/**
 * The services of catalog/components that deploy (not the libraries, not the
 * deprecated back office), and how.
 */
export const DEMO_DEPLOYING_SERVICES: ReadonlyArray<DemoDeployingService> =
  Object.freeze([
    daily('storefront-web', 2, 5, 'blue-green', false, 0.05, 5),
    daily('checkout-service', 1, 4, 'canary', true, 0.06, 3),
    daily('search-api', 2, 4, 'rolling', true, 0.05, 2),
    daily('payments-api', 1, 2, 'canary', true, 0.08, 4),
    daily('cart-service', 1, 3, 'rolling', false, 0.05, 2),
    daily('catalog-service', 1, 2, 'rolling', false, 0.04, 1),
    weekly('auth-gateway', 2, 'blue-green', 0.1, 7),
    weekly('orders-service', 3, 'rolling', 0.1, 3),
    weekly('inventory-service', 4, 'rolling', 0.08, 1),
    weekly('notifications-service', 1, 'rolling', 0.08, 2),
    weekly('search-indexer', 3, 'rolling', 0.08, 1),
    weekly('fraud-detector', 2, 'canary', 0.1, 0),
    weekly('feature-flags-service', 5, 'rolling', 0.08, 1),
  ]);

function daily(
  service: string,
  min: number,
  max: number,
  strategy: DeploymentStrategy,
  staging: boolean,
  failureRate: number,
  major: number,
): DemoDeployingService {
  const cadence: DemoCadence = { kind: 'daily', min, max };
  return { service, cadence, strategy, staging, failureRate, major };
}

function weekly(
  service: string,
  weekday: number,
  strategy: DeploymentStrategy,
  failureRate: number,
  major: number,
): DemoDeployingService {
  const cadence: DemoCadence = { kind: 'weekly', weekday };
  return { service, cadence, strategy, staging: false, failureRate, major };
}

/** The deployment that starts the orders database incident. */
export const BURNING_DEPLOYMENT = Object.freeze({
  service: 'checkout-service',
  incident: 'orders-db-failover',
  /** Minutes after the incident starts that it was rolled back. */
  rollbackAfterMinutes: 40,
});

/** The canary whose 25 % step failed its analysis. */
export const ABORTED_CANARY = Object.freeze({
  service: 'payments-api',
  /** At least this many days ago, on the first weekday from there back. */
  minDaysAgo: 3,
});

/** Canary steps: share of traffic on the new version. */
export const CANARY_WEIGHTS = Object.freeze([10, 25, 50]);

/**
 * No deployment of a service lands this close to the start of a burn in its
 * SLI history (see history.ts): the impact evaluation compares the hour
 * after a deployment with the hour before, and only the story's deployment
 * should be blamed.
 */
export const ONSET_CLEARANCE_MS = 75 * MINUTE_MS;

/** Monday 2024-01-01: minor versions count weeks from there. */
const VERSION_EPOCH_DAY = Date.UTC(2024, 0, 1) / DAY_MS;

function utcDay(at: number): number {
  return Math.floor(at / DAY_MS);
}

/** 0 Sunday to 6 Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Id of a deployment: `demo:<service>:<environment>:<YYYY-MM-DD>:<n>`, from
 * the calendar day of the release and its number on that day.
 */
export function demoDeploymentId(
  service: string,
  environment: string,
  day: number,
  n: number | string,
): string {
  return `demo:${service}:${environment}:${isoDate(day)}:${n}`;
}

/** `major.minor.patch`: minor counts weeks, patch 10-minute slots in it. */
export function demoVersion(major: number, releasedAt: number): string {
  const day = utcDay(releasedAt);
  const monday = day - ((weekdayOf(day) + 6) % 7);
  const minor = Math.floor((monday - VERSION_EPOCH_DAY) / 7);
  const patch = Math.floor((releasedAt - monday * DAY_MS) / (10 * MINUTE_MS));
  return `${major}.${minor}.${patch}`;
}

/** 40 hex digits, fixed for a key. */
export function demoCommit(key: string): string {
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += hashString(`commit:${i}:${key}`).toString(16).padStart(8, '0');
  }
  return out;
}

function pipelineUrl(service: string, run: number): string {
  return `https://ci.example.com/acme/${service}/runs/${run}`;
}

/** Run numbers: 20 a day per service, from the version epoch. */
function runNumber(day: number, slot: number): number {
  return (day - VERSION_EPOCH_DAY) * 20 + slot;
}

/** When the SLI history of a service starts to burn (see history.ts). */
export function burnOnsets(service: string, anchor: number): number[] {
  const onsets = DEMO_INCIDENTS.map(i => incidentRange(i, anchor).start);
  const today = utcDay(anchor) * DAY_MS;
  if (service === 'payments-api') onsets.push(today - EXHAUSTED_DAYS * DAY_MS);
  if (service === 'search-api') onsets.push(anchor - FAST_BURN_MS);
  return onsets;
}

/** The start of the incident the burning deployment sets off. */
export function burningDeploymentAt(now: number): number {
  const incident = DEMO_INCIDENTS.find(
    i => i.id === BURNING_DEPLOYMENT.incident,
  )!;
  return incidentRange(incident, demoHistoryEnd(now)).start;
}

/** The day of the aborted canary. */
function abortedCanaryDay(today: number): number {
  let day = today - ABORTED_CANARY.minDaysAgo;
  while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day -= 1;
  return day;
}

/** An event before it is cut at `now`. */
type Draft = DeploymentEvent & {
  startedAt: number;
  finishedAt: number;
  commitTime: number;
};

function stepStatus(step: number, current: number) {
  if (step < current) return 'passed' as const;
  return step === current ? ('running' as const) : ('pending' as const);
}

function durationMs(strategy: DeploymentStrategy, u: number): number {
  const [base, spread] = {
    canary: [30, 25],
    'blue-green': [8, 10],
    rolling: [5, 9],
  }[strategy];
  return Math.round(base + spread * u) * MINUTE_MS;
}

function passedSteps(): CanaryStep[] {
  return CANARY_WEIGHTS.map(weight => ({
    weight,
    status: 'passed',
    analysis: `error rate below 1 % at ${weight} % of traffic`,
  }));
}

/** Release times of a service on a day, epoch ms, in order. */
function releaseTimes(svc: DemoDeployingService, day: number): number[] {
  const weekday = weekdayOf(day);
  const rng = mulberry32(hashString(`deploy:${svc.service}:${day}`));
  let count = 0;
  if (svc.cadence.kind === 'daily') {
    if (weekday >= 1 && weekday <= 5) {
      const { min, max } = svc.cadence;
      count = min + Math.floor(rng() * (max - min + 1));
    }
  } else if (weekday === svc.cadence.weekday) {
    count = 1;
  }
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    // Working hours in central Europe: 08:00 to 17:30 local.
    times.push(Math.floor(7 * 60 + rng() * 9.5 * 60));
  }
  times.sort((a, b) => a - b);
  for (let i = 1; i < times.length; i++) {
    times[i] = Math.max(times[i], times[i - 1] + 45);
  }
  return times.map(minute => day * DAY_MS + minute * MINUTE_MS);
}

/**
 * The demo deployments for `now`: {@link DEMO_DEPLOYMENT_DAYS} calendar days
 * up to `now`, oldest first, for the given services.
 *
 * @remarks
 * Daily services ship a few releases each weekday, weekly ones once a week;
 * services with staging deploy each release there 90 minutes before
 * production. Some production releases fail or are rolled back and are
 * followed by a fix. The story adds two deployments: checkout-service's
 * release that set off the orders database failover (finished when the
 * incident starts, rolled back 40 minutes later) and payments-api's canary
 * whose 25 % step failed its analysis. Deployments still running at `now`
 * have status `started`; later ones are left out.
 */
export function demoDeployments(
  now: number,
  services: ReadonlyArray<DemoDeployingService> = DEMO_DEPLOYING_SERVICES,
): DeploymentEvent[] {
  const anchor = demoHistoryEnd(now);
  const today = utcDay(now);
  const canaryDay = abortedCanaryDay(today);
  const burningAt = burningDeploymentAt(now);
  const drafts: Draft[] = [];

  for (const svc of services) {
    const onsets = burnOnsets(svc.service, anchor);
    const clear = (at: number) =>
      onsets.every(onset => Math.abs(at - onset) >= ONSET_CLEARANCE_MS);
    const { service, strategy, major } = svc;
    for (let day = today - DEMO_DEPLOYMENT_DAYS + 1; day <= today; day++) {
      const times = releaseTimes(svc, day);
      times.forEach((releasedAt, index) => {
        const n = index + 1;
        const rng = mulberry32(hashString(`release:${service}:${day}:${n}`));
        // A fixed number of draws, whatever the branch.
        const u = Array.from({ length: 10 }, () => rng());
        const version = demoVersion(major, releasedAt);
        const commit = demoCommit(`${service}:${day}:${n}`);
        const run = runNumber(day, n);
        const stagingAt = releasedAt - (90 + Math.floor(10 * u[0])) * MINUTE_MS;
        const commitTime =
          (svc.staging ? stagingAt : releasedAt) -
          Math.round((60 + 300 * u[1]) / 5) * 5 * MINUTE_MS;
        const duration = durationMs(strategy, u[2]);
        const isAbortedCanary =
          service === ABORTED_CANARY.service && day === canaryDay && n === 1;
        const fails = isAbortedCanary || u[3] < svc.failureRate;
        const stagingFails = !isAbortedCanary && svc.staging && u[4] < 0.05;
        const common = {
          entity: `component:default/${service}`,
          version,
          commit,
          strategy,
          commitTime,
          pipelineUrl: pipelineUrl(service, run),
        };
        const release: Draft[] = [];
        if (svc.staging) {
          const stagingDuration = durationMs(
            strategy === 'canary' ? 'rolling' : strategy,
            u[5],
          );
          release.push({
            ...common,
            id: demoDeploymentId(service, 'staging', day, n),
            environment: 'staging',
            // Staging is not canaried.
            strategy: strategy === 'canary' ? 'rolling' : strategy,
            status: stagingFails ? 'failed' : 'succeeded',
            startedAt: stagingAt,
            finishedAt: stagingAt + stagingDuration,
          });
        }
        let fix: Draft | undefined;
        if (!stagingFails) {
          const production: Draft = {
            ...common,
            id: demoDeploymentId(service, 'production', day, n),
            environment: 'production',
            status: 'succeeded',
            startedAt: releasedAt,
            finishedAt: releasedAt + duration,
          };
          if (strategy === 'canary') production.canarySteps = passedSteps();
          if (isAbortedCanary) {
            // 10 % passed, 25 % failed its analysis, the rest never ran.
            production.status = 'rolled_back';
            production.finishedAt = releasedAt + 26 * MINUTE_MS;
            production.canarySteps = [
              {
                weight: 10,
                status: 'passed',
                analysis:
                  'error rate 0.31 % < 1 %, p99 latency 412 ms < 800 ms',
              },
              {
                weight: 25,
                status: 'failed',
                analysis:
                  'error rate 2.7 % > 1 % (card authorisations timing out)',
              },
              { weight: 50, status: 'aborted' },
            ];
          } else if (fails) {
            const rolledBack = u[6] < 0.5;
            production.status = rolledBack ? 'rolled_back' : 'failed';
            production.finishedAt =
              releasedAt + Math.round(duration * (0.3 + 0.5 * u[7]));
            if (strategy === 'canary') {
              production.canarySteps = CANARY_WEIGHTS.map((weight, i) => ({
                weight,
                status: i === 0 ? 'failed' : 'aborted',
                ...(i === 0
                  ? { analysis: 'error rate 1.8 % > 1 % at 10 % of traffic' }
                  : {}),
              }));
            }
          }
          release.push(production);
          if (production.status !== 'succeeded') {
            // The fix: straight to production, unless the next release is
            // about to ship it anyway.
            const fixAt =
              production.finishedAt + (30 + Math.floor(60 * u[8])) * MINUTE_MS;
            const fixDuration = durationMs(
              strategy === 'canary' ? 'rolling' : strategy,
              u[9],
            );
            const next = times[index + 1];
            if (
              next === undefined ||
              fixAt + fixDuration + 10 * MINUTE_MS < next
            ) {
              fix = {
                ...common,
                id: demoDeploymentId(service, 'production', day, `${n}-fix`),
                environment: 'production',
                strategy: strategy === 'canary' ? 'rolling' : strategy,
                status: 'succeeded',
                version: demoVersion(major, fixAt),
                commit: demoCommit(`${service}:${day}:${n}:fix`),
                commitTime: fixAt - (20 + Math.floor(30 * u[9])) * MINUTE_MS,
                pipelineUrl: pipelineUrl(service, runNumber(day, 10 + n)),
                startedAt: fixAt,
                finishedAt: fixAt + fixDuration,
              };
            }
          }
        }
        // Keep every release clear of the burns the SLI history tells.
        if (!release.every(d => clear(d.finishedAt))) return;
        drafts.push(...release);
        if (fix && clear(fix.finishedAt)) drafts.push(fix);
      });
    }
  }

  // The story: a checkout-service release, finished as the orders database
  // incident starts, that burns checkout's budget; rolled back 40 minutes
  // later to the release before.
  const burning = services.find(s => s.service === BURNING_DEPLOYMENT.service);
  if (burning) {
    const day = utcDay(burningAt);
    const startedAt = burningAt - 14 * MINUTE_MS;
    const previous = drafts
      .filter(
        d =>
          d.entity === `component:default/${burning.service}` &&
          d.environment === 'production' &&
          d.status === 'succeeded' &&
          d.startedAt < startedAt,
      )
      .reduce<Draft | undefined>(
        (latest, d) => (!latest || d.startedAt > latest.startedAt ? d : latest),
        undefined,
      );
    const common = {
      entity: `component:default/${burning.service}`,
      version: demoVersion(burning.major, startedAt),
      commit: demoCommit(`${burning.service}:${day}:failover`),
      // A connection pool change: rolled out as a config release, no canary.
      strategy: 'rolling' as const,
      commitTime: startedAt - 3 * HOUR_MS - 150 * MINUTE_MS,
      pipelineUrl: pipelineUrl(burning.service, runNumber(day, 19)),
    };
    if (burning.staging) {
      drafts.push({
        ...common,
        id: demoDeploymentId(burning.service, 'staging', day, 'failover'),
        environment: 'staging',
        status: 'succeeded',
        startedAt: startedAt - 150 * MINUTE_MS,
        finishedAt: startedAt - 139 * MINUTE_MS,
      });
    }
    drafts.push({
      ...common,
      id: demoDeploymentId(burning.service, 'production', day, 'failover'),
      environment: 'production',
      status: 'rolled_back',
      startedAt,
      finishedAt: burningAt,
    });
    const rollbackAt =
      burningAt + (BURNING_DEPLOYMENT.rollbackAfterMinutes - 8) * MINUTE_MS;
    drafts.push({
      ...common,
      id: demoDeploymentId(
        burning.service,
        'production',
        day,
        'failover-rollback',
      ),
      environment: 'production',
      status: 'succeeded',
      version: previous?.version ?? demoVersion(burning.major, rollbackAt),
      commit: previous?.commit ?? common.commit,
      commitTime: previous?.commitTime ?? common.commitTime,
      pipelineUrl: pipelineUrl(burning.service, runNumber(day, 18)),
      startedAt: rollbackAt,
      finishedAt:
        burningAt + BURNING_DEPLOYMENT.rollbackAfterMinutes * MINUTE_MS,
    });
  }

  const events: DeploymentEvent[] = [];
  for (const draft of drafts.sort(
    (a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id),
  )) {
    if (draft.startedAt > now) continue;
    events.push(toEvent(draft, now));
  }
  return events;
}

/** ISO times; still running at `now`: status started, no finishedAt. */
function toEvent(draft: Draft, now: number): DeploymentEvent {
  const event: DeploymentEvent = {
    ...draft,
    startedAt: new Date(draft.startedAt).toISOString(),
    finishedAt: new Date(draft.finishedAt).toISOString(),
    commitTime: new Date(draft.commitTime).toISOString(),
  };
  if (draft.finishedAt > now) {
    event.status = 'started';
    delete event.finishedAt;
    if (draft.canarySteps) {
      const elapsed =
        (now - draft.startedAt) / (draft.finishedAt - draft.startedAt);
      const current = Math.min(
        draft.canarySteps.length - 1,
        Math.floor(elapsed * draft.canarySteps.length),
      );
      event.canarySteps = draft.canarySteps.map(({ weight }, i) => ({
        weight,
        status: stepStatus(i, current),
      }));
    }
  }
  return event;
}

/** Counts of a set of demo deployments, for the seeder's log. */
export function describeDemoDeployments(events: DeploymentEvent[]): {
  services: number;
  production: number;
  staging: number;
  failed: number;
  rolledBack: number;
  running: number;
} {
  return {
    services: new Set(events.map(e => e.entity)).size,
    production: events.filter(e => e.environment === 'production').length,
    staging: events.filter(e => e.environment === 'staging').length,
    failed: events.filter(e => e.status === 'failed').length,
    rolledBack: events.filter(e => e.status === 'rolled_back').length,
    running: events.filter(e => e.status === 'started').length,
  };
}
