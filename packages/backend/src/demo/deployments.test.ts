// The checks below walk generated data; some only apply to some events.
/* eslint-disable jest/no-conditional-expect */
import type { DeploymentEvent } from '@reliability-kit/plugin-reliability-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  ABORTED_CANARY,
  BURNING_DEPLOYMENT,
  burningDeploymentAt,
  burnOnsets,
  DEMO_DEPLOYING_SERVICES,
  DEMO_DEPLOYMENT_DAYS,
  demoDeployments,
  describeDemoDeployments,
  ONSET_CLEARANCE_MS,
  weekdayOf,
} from './deployments';
import {
  DAY_MS,
  DEMO_INCIDENTS,
  demoEvents,
  describeDemoSlo,
  entityRefOf,
  HOUR_MS,
  incidentRange,
  MINUTE_MS,
  type DemoSlo,
  type EntityLike,
} from './history';
import { demoHistoryEnd } from './chunks';

const now = Date.parse('2026-11-24T18:37:20Z');
const today = Math.floor(now / DAY_MS);
const events = demoDeployments(now);

const ms = (time: string | number | undefined) =>
  typeof time === 'number' ? time : Date.parse(time ?? '');
const deployedAt = (e: DeploymentEvent) => ms(e.finishedAt ?? e.startedAt);
const serviceOf = (e: DeploymentEvent) => e.entity.split('/')[1];
const dayOf = (e: DeploymentEvent) => Math.floor(ms(e.startedAt) / DAY_MS);
/** Regular releases: not a fix, not the story. */
const isRegular = (e: DeploymentEvent) => /:\d+$/.test(e.id);

function semver(version: string): number[] {
  return version.split('.').map(Number);
}

function compareSemver(a: string, b: string): number {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** The rules of POST /v1/deployments (parseDeploymentEvents.ts). */
function problemsOf(e: DeploymentEvent): string[] {
  const problems: string[] = [];
  const allowed = new Set([
    'id',
    'entity',
    'environment',
    'status',
    'version',
    'commit',
    'strategy',
    'canarySteps',
    'startedAt',
    'finishedAt',
    'commitTime',
    'pipelineUrl',
  ]);
  for (const key of Object.keys(e)) {
    if (!allowed.has(key)) problems.push(`unknown ${key}`);
  }
  if (!/^[\w.:/@+-]{1,200}$/.test(e.id)) problems.push('id');
  if (!/^component:default\/[a-z0-9-]+$/.test(e.entity))
    problems.push('entity');
  if (!/^[\w.-]{1,100}$/.test(e.environment)) problems.push('environment');
  if (!['started', 'succeeded', 'failed', 'rolled_back'].includes(e.status)) {
    problems.push('status');
  }
  if (!/^\d+\.\d+\.\d+$/.test(e.version ?? '')) problems.push('version');
  if (!/^[0-9a-f]{7,40}$/.test(e.commit ?? '')) problems.push('commit');
  if (!['rolling', 'canary', 'blue-green'].includes(e.strategy ?? '')) {
    problems.push('strategy');
  }
  const started = ms(e.startedAt);
  if (!Number.isFinite(started)) problems.push('startedAt');
  if (e.status === 'started') {
    if (e.finishedAt !== undefined) problems.push('finishedAt while started');
  } else if (!(ms(e.finishedAt) >= started)) {
    problems.push('finishedAt');
  }
  if (!(ms(e.commitTime) <= started)) problems.push('commitTime');
  if (e.canarySteps) {
    if (e.strategy !== 'canary') problems.push('canarySteps without canary');
    for (const step of e.canarySteps) {
      if (!(step.weight >= 0 && step.weight <= 100)) problems.push('weight');
      if (
        !['pending', 'running', 'passed', 'failed', 'aborted'].includes(
          step.status,
        )
      ) {
        problems.push('step status');
      }
    }
  }
  if (
    !/^https:\/\/ci\.example\.com\/acme\/[a-z0-9-]+\/runs\/\d+$/.test(
      e.pipelineUrl ?? '',
    )
  ) {
    problems.push('pipelineUrl');
  }
  return problems;
}

describe('demoDeployments', () => {
  it('deploys components of the demo catalog, not libraries', () => {
    const dir = path.resolve(__dirname, '../../../../catalog/components');
    const components = new Map<string, string>();
    for (const folder of fs.readdirSync(dir)) {
      const file = path.join(dir, folder, 'catalog-info.yaml');
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const entity = doc.toJS();
        if (entity?.kind === 'Component') {
          components.set(entity.metadata.name, entity.spec.type);
        }
      }
    }
    for (const { service } of DEMO_DEPLOYING_SERVICES) {
      expect([service, components.get(service)]).toEqual([
        service,
        expect.stringMatching(/^(service|website)$/),
      ]);
    }
    expect(new Set(events.map(serviceOf))).toEqual(
      new Set(DEMO_DEPLOYING_SERVICES.map(s => s.service)),
    );
  });

  it('covers 90 calendar days up to now, nothing later', () => {
    const days = events.map(dayOf);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(
      today - DEMO_DEPLOYMENT_DAYS,
    );
    expect(Math.min(...days)).toBeLessThanOrEqual(
      today - DEMO_DEPLOYMENT_DAYS + 3,
    );
    for (const e of events) {
      expect(ms(e.startedAt)).toBeLessThanOrEqual(now);
      if (e.finishedAt !== undefined) {
        expect(ms(e.finishedAt)).toBeLessThanOrEqual(now);
      }
    }
  });

  it('passes the rules of the ingestion API, with unique ids', () => {
    const problems = events.flatMap(e =>
      problemsOf(e).map(p => `${e.id}: ${p}`),
    );
    expect(problems).toEqual([]);
    expect(new Set(events.map(e => e.id)).size).toBe(events.length);
    // Fits in two requests of at most 1000.
    expect(events.length).toBeGreaterThan(800);
    expect(events.length).toBeLessThanOrEqual(2000);
    // Commits a few hours old (a rollback ships an older one).
    for (const e of events.filter(x => !x.id.endsWith('-rollback'))) {
      const hoursBefore = (ms(e.startedAt) - ms(e.commitTime)) / HOUR_MS;
      expect(hoursBefore).toBeLessThanOrEqual(8);
      expect(hoursBefore).toBeGreaterThan(0);
    }
  });

  it('is deterministic, and stable over a day', () => {
    expect(demoDeployments(now)).toEqual(events);
    // Later the same day: the same deployments, plus the ones since.
    const later = demoDeployments(now + 4 * HOUR_MS);
    const byId = new Map(later.map(e => [e.id, e]));
    for (const e of events) {
      // search-api keeps clear of its fast burn, which moves with now.
      if (serviceOf(e) === 'search-api' && ms(e.startedAt) > now - 3 * HOUR_MS)
        continue;
      const same = byId.get(e.id);
      expect(same).toBeDefined();
      if (e.status !== 'started') expect(same).toEqual(e);
    }
    // The next day, yesterday's deployments keep their ids.
    const tomorrow = new Set(demoDeployments(now + DAY_MS).map(e => e.id));
    const yesterday = events.filter(
      e => dayOf(e) === today - 5 && isRegular(e),
    );
    expect(yesterday.length).toBeGreaterThan(0);
    for (const e of yesterday) expect(tomorrow.has(e.id)).toBe(true);
  });

  it('keeps to each service’s cadence', () => {
    for (const svc of DEMO_DEPLOYING_SERVICES) {
      const releases = events.filter(
        e =>
          serviceOf(e) === svc.service &&
          e.environment === 'production' &&
          isRegular(e) &&
          dayOf(e) < today,
      );
      const perDay = new Map<number, number>();
      for (const e of releases) {
        perDay.set(dayOf(e), (perDay.get(dayOf(e)) ?? 0) + 1);
      }
      const weekdays = Array.from(
        { length: DEMO_DEPLOYMENT_DAYS - 1 },
        (_, i) => today - 1 - i,
      ).filter(d => weekdayOf(d) >= 1 && weekdayOf(d) <= 5).length;
      if (svc.cadence.kind === 'daily') {
        for (const [day, count] of perDay) {
          expect([svc.service, weekdayOf(day) % 6 !== 0]).toEqual([
            svc.service,
            true,
          ]);
          expect(count).toBeLessThanOrEqual(svc.cadence.max);
        }
        // Several a day: a few are kept clear of incidents or fail in staging.
        expect(releases.length).toBeGreaterThanOrEqual(
          svc.cadence.min * weekdays * 0.85,
        );
        expect(releases.length / weekdays).toBeGreaterThanOrEqual(1);
      } else {
        const weekday = svc.cadence.weekday;
        for (const day of perDay.keys()) expect(weekdayOf(day)).toBe(weekday);
        expect([...perDay.values()].every(c => c === 1)).toBe(true);
        expect(releases.length).toBeGreaterThanOrEqual(11);
        expect(releases.length).toBeLessThanOrEqual(13);
      }
    }
    // Several a day for some, staging for a few.
    const perDay = (service: string) =>
      events.filter(
        e => serviceOf(e) === service && e.environment === 'production',
      ).length / DEMO_DEPLOYMENT_DAYS;
    expect(perDay('storefront-web')).toBeGreaterThan(2);
    expect(perDay('auth-gateway')).toBeLessThan(0.25);
    const staged = new Set(
      events.filter(e => e.environment === 'staging').map(serviceOf),
    );
    expect([...staged].sort()).toEqual([
      'checkout-service',
      'payments-api',
      'search-api',
    ]);
  });

  it('ships increasing versions, staging before production', () => {
    for (const svc of DEMO_DEPLOYING_SERVICES) {
      for (const environment of ['staging', 'production']) {
        const list = events.filter(
          e =>
            serviceOf(e) === svc.service &&
            e.environment === environment &&
            !e.id.endsWith('-rollback'),
        );
        for (let i = 1; i < list.length; i++) {
          expect([
            list[i - 1].id,
            list[i].id,
            compareSemver(list[i - 1].version!, list[i].version!) < 0,
          ]).toEqual([list[i - 1].id, list[i].id, true]);
        }
      }
    }
    const byId = new Map(events.map(e => [e.id, e]));
    for (const e of events.filter(x => x.environment === 'production')) {
      const staging = byId.get(e.id.replace(':production:', ':staging:'));
      if (!staging) continue;
      expect(staging.version).toBe(e.version);
      expect(staging.status).toBe('succeeded');
      expect(deployedAt(staging)).toBeLessThan(ms(e.startedAt));
    }
  });

  it('has some failures and rollbacks, each followed by a success', () => {
    const summary = describeDemoDeployments(events);
    expect(summary.failed).toBeGreaterThanOrEqual(10);
    expect(summary.rolledBack).toBeGreaterThanOrEqual(10);
    expect(summary.failed + summary.rolledBack).toBeLessThan(
      0.12 * events.length,
    );
    const fixes = events.filter(e => e.id.endsWith('-fix'));
    expect(fixes.length).toBeGreaterThan(10);
    for (const fix of fixes) {
      expect(fix.status).toMatch(/succeeded|started/);
    }
  });

  it('has one canary aborted after its 25 % step failed', () => {
    const aborted = events.filter(e =>
      e.canarySteps?.some(s => s.weight === 25 && s.status === 'failed'),
    );
    expect(aborted).toHaveLength(1);
    const [canary] = aborted;
    expect(serviceOf(canary)).toBe(ABORTED_CANARY.service);
    expect(canary).toMatchObject({
      environment: 'production',
      strategy: 'canary',
      status: 'rolled_back',
    });
    expect(canary.canarySteps!.map(s => [s.weight, s.status])).toEqual([
      [10, 'passed'],
      [25, 'failed'],
      [50, 'aborted'],
    ]);
    expect(canary.canarySteps![1].analysis).toMatch(/error rate/);
    expect(dayOf(canary)).toBeLessThanOrEqual(
      today - ABORTED_CANARY.minDaysAgo,
    );
    // Other canaries: passed, or failed at 10 %.
    for (const e of events.filter(x => x.canarySteps && x !== canary)) {
      const statuses = e.canarySteps!.map(s => s.status).join(',');
      expect(statuses).toMatch(
        /^(passed,passed,passed|failed,aborted,aborted|(passed,)*running(,pending)*)$/,
      );
    }
  });

  it('has exactly one deployment at the start of an incident, and it burns', () => {
    const anchor = demoHistoryEnd(now);
    const incident = DEMO_INCIDENTS.find(
      i => i.id === BURNING_DEPLOYMENT.incident,
    )!;
    const start = burningDeploymentAt(now);
    // Inside the 30 days of SLI history, on the incident's day.
    expect(Math.floor((anchor - start) / DAY_MS)).toBeLessThan(30);
    expect(Math.floor(start / DAY_MS)).toBe(today - incident.daysAgo);

    const starts = DEMO_INCIDENTS.map(i => incidentRange(i, anchor).start);
    const atStart = events.filter(e =>
      starts.some(s => Math.abs(deployedAt(e) - s) <= 5 * MINUTE_MS),
    );
    expect(atStart.map(e => e.id)).toEqual([
      'demo:checkout-service:production:2026-11-05:failover',
    ]);
    const [burning] = atStart;
    expect(deployedAt(burning)).toBe(start);
    expect(burning).toMatchObject({
      status: 'rolled_back',
      finishedAt: '2026-11-05T13:00:00.000Z',
    });

    // Rolled back 40 minutes later to the release before.
    const rollback = events.find(e => e.id === `${burning.id}-rollback`)!;
    expect(deployedAt(rollback) - start).toBe(40 * MINUTE_MS);
    expect(rollback.status).toBe('succeeded');
    const before = events
      .filter(
        e =>
          serviceOf(e) === 'checkout-service' &&
          e.environment === 'production' &&
          e.status === 'succeeded' &&
          ms(e.startedAt) < ms(burning.startedAt),
      )
      .pop()!;
    expect(rollback.version).toBe(before.version);
    expect(compareSemver(burning.version!, before.version!)).toBeGreaterThan(0);

    // Nothing else near the start of a burn of its service.
    for (const e of events) {
      if (e === burning || e === rollback) continue;
      for (const onset of burnOnsets(serviceOf(e), anchor)) {
        expect([
          e.id,
          Math.abs(deployedAt(e) - onset) >= ONSET_CLEARANCE_MS,
        ]).toEqual([e.id, true]);
      }
    }
  });

  it('reports deployments still running as started', () => {
    // 11:05 on a Tuesday: the day's deployments are under way.
    const busy = Date.parse('2026-11-24T11:05:00Z');
    const running = Array.from({ length: 12 }, (_, i) =>
      demoDeployments(busy + i * 10 * MINUTE_MS),
    )
      .flat()
      .filter(e => e.status === 'started');
    expect(running.length).toBeGreaterThan(0);
    for (const e of running) {
      expect(e.finishedAt).toBeUndefined();
      expect(problemsOf(e)).toEqual([]);
    }
  });

  it('burns budget in the SLI history after the burning deployment only', () => {
    // The demo SLOs, from catalog/ as in history.test.ts.
    const catalogDir = path.resolve(__dirname, '../../../../catalog');
    const parse = (file: string): EntityLike[] =>
      parseAllDocuments(fs.readFileSync(path.join(catalogDir, file), 'utf8'))
        .map(doc => doc.toJS())
        .filter(Boolean);
    const [location] = parse('all.yaml') as any[];
    const entities = (location.spec.targets as string[]).flatMap(parse);
    const slis = new Map(
      entities.filter(e => e.kind === 'SLI').map(e => [entityRefOf(e), e]),
    );
    // Occurrences ratio SLOs: the burn rate is the error rate over the budget.
    const slos = entities
      .filter(e => e.kind === 'SLO')
      .flatMap(e => describeDemoSlo(e, ref => slis.get(ref)) ?? [])
      .filter(
        slo => slo.kind === 'ratio' && slo.budgetingMethod === 'Occurrences',
      );
    expect(slos.map(slo => slo.name)).toContain(
      'checkout-service-availability',
    );
    const anchor = demoHistoryEnd(now);
    const burn = (slo: DemoSlo, start: number) => {
      let good = 0;
      let total = 0;
      for (const event of demoEvents(
        slo,
        { start, end: start + HOUR_MS },
        anchor,
      )) {
        if ('total' in event) {
          good += Number(event.good);
          total += Number(event.total);
        }
      }
      return (1 - good / total) / (1 - slo.target);
    };
    const flagged: string[] = [];
    for (const e of events) {
      const at = deployedAt(e);
      // Evaluated deployments within the 30 days of history.
      if (at < anchor - 30 * DAY_MS || at + HOUR_MS > anchor) continue;
      for (const slo of slos.filter(x => x.service === serviceOf(e))) {
        const before = burn(slo, at - HOUR_MS);
        const after = burn(slo, at);
        if (after >= 2 && after >= 2 * before) {
          flagged.push(`${e.id} ${slo.name}`);
        }
      }
    }
    expect(flagged).toEqual([
      'demo:checkout-service:production:2026-11-05:failover checkout-service-availability',
    ]);
  });
});
