import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceMock,
  MockActionsRegistry,
} from '@backstage/backend-test-utils/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { DEFAULT_SCORECARD_ID } from '@reliability-kit/plugin-reliability-common';
import { Knex } from 'knex';
import {
  policyPermissionsFactory,
  TestPolicy,
} from '../__testUtils__/policyPermissions';
import {
  ReliabilityTestBackend,
  serviceHeaders,
  startReliabilityTestBackend,
} from '../__testUtils__/startReliabilityTestBackend';
import { waitUntil } from '../__testUtils__/waitUntil';
import { runbookId } from '../runbooks/resolveRunbookUrl';
import { ReliabilityContext } from './context';
import { createRouter } from './router';

// Every route of the API against every kind of caller, on the real catalog
// with a permission policy: who gets 401, 403, 404 and 200. A route added to
// the router without a row here fails the first test.

type Access =
  /** Anyone, even without credentials. */
  | 'public'
  /** A user or a service; lists show only entities the caller may read. */
  | 'read'
  /** As read, and the entity in the path must be readable, else 404. */
  | 'entity-read'
  /** A service principal allowed the permission. */
  | 'write'
  /** A reader who may see the entity in the path and is allowed the permission. */
  | 'entity-write';

interface RouteRow {
  method: 'GET' | 'POST';
  /** The path as the router declares it. */
  path: string;
  access: Access;
  /** The permission a write needs (write and entity-write). */
  permission?: string;
  /** A valid body (writes); called for each request. */
  body?: () => unknown;
  /** Path parameters other than kind, namespace and name. */
  params?: (target: Target) => Record<string, string>;
}

type Target = 'visible' | 'hidden' | 'missing';

const SECRET_TEAM = 'group:default/secret';
const OUTSIDER = 'user:default/outsider';
const DENIED_USER = 'user:default/denied';
const DENIED_SERVICE = 'external:denied-ci';

/** The entities a path names: `:kind/...` a component, else an SLO. */
const TARGETS: Record<Target, { entity: string; slo: string }> = {
  visible: {
    entity: 'component:default/visible-svc',
    slo: 'slo:default/visible-availability',
  },
  hidden: {
    entity: 'component:default/hidden-svc',
    slo: 'slo:default/hidden-availability',
  },
  missing: {
    entity: 'component:default/no-such-svc',
    slo: 'slo:default/no-such-slo',
  },
};
const RUNBOOK_URLS: Record<Target, string> = {
  visible: 'https://wiki.example.com/runbooks/visible',
  hidden: 'https://wiki.example.com/runbooks/hidden',
  missing: 'https://wiki.example.com/runbooks/missing',
};

let sequence = 0;
const MINUTE = 60_000;

/** One line per route. */
const ROUTES: RouteRow[] = [
  { method: 'GET', path: '/health', access: 'public' },
  {
    method: 'POST',
    path: '/v1/sli-events',
    access: 'write',
    permission: 'reliability.sli-events.create',
    body: () => ({
      idempotencyKey: `matrix-${++sequence}`,
      events: [
        {
          slo: TARGETS.visible.slo,
          timestamp: Date.now() - MINUTE,
          good: 1,
          total: 1,
        },
      ],
    }),
  },
  { method: 'GET', path: '/v1/slos', access: 'read' },
  { method: 'GET', path: '/v1/slos/:namespace/:name', access: 'entity-read' },
  {
    method: 'GET',
    path: '/v1/slos/:namespace/:name/history',
    access: 'entity-read',
  },
  {
    method: 'POST',
    path: '/v1/evaluations',
    access: 'write',
    permission: 'reliability.evaluation.run',
    body: () => ({}),
  },
  { method: 'GET', path: '/v1/evaluations/status', access: 'read' },
  {
    method: 'GET',
    path: '/v1/entities/:kind/:namespace/:name/release-gate',
    access: 'entity-read',
  },
  { method: 'GET', path: '/v1/rules/prometheus', access: 'read' },
  {
    method: 'POST',
    path: '/v1/deployments',
    access: 'write',
    permission: 'reliability.deployments.create',
    body: () => ({
      id: `matrix-${++sequence}`,
      entity: TARGETS.visible.entity,
      environment: 'production',
      status: 'succeeded',
      startedAt: Date.now() - 2 * MINUTE,
      finishedAt: Date.now() - MINUTE,
    }),
  },
  {
    method: 'GET',
    path: '/v1/entities/:kind/:namespace/:name/deployments',
    access: 'entity-read',
  },
  {
    method: 'GET',
    path: '/v1/entities/:kind/:namespace/:name/dora',
    access: 'entity-read',
  },
  { method: 'GET', path: '/v1/services', access: 'read' },
  {
    method: 'GET',
    path: '/v1/entities/:kind/:namespace/:name/summary',
    access: 'entity-read',
  },
  {
    method: 'GET',
    path: '/v1/entities/:kind/:namespace/:name/ownership',
    access: 'entity-read',
  },
  {
    method: 'GET',
    path: '/v1/entities/:kind/:namespace/:name/runbooks',
    access: 'entity-read',
  },
  {
    method: 'GET',
    path: '/v1/entities/:kind/:namespace/:name/runbooks/:id',
    access: 'entity-read',
    params: target => ({ id: runbookId(RUNBOOK_URLS[target]) }),
  },
  { method: 'GET', path: '/v1/scorecards', access: 'read' },
  {
    method: 'POST',
    path: '/v1/scorecards/evaluations',
    access: 'write',
    permission: 'reliability.evaluation.run',
    body: () => ({}),
  },
  {
    method: 'GET',
    path: '/v1/entities/:kind/:namespace/:name/scorecards',
    access: 'entity-read',
  },
  {
    method: 'POST',
    path: '/v1/entities/:kind/:namespace/:name/scorecards/refresh',
    access: 'entity-write',
    permission: 'reliability.scorecards.refresh',
    body: () => ({}),
  },
  ...['rollup', 'leaderboard', 'trend', 'levels', 'export'].map(
    (view): RouteRow => ({
      method: 'GET',
      path: `/v1/scorecards/:id/${view}`,
      access: 'read',
      params: () => ({ id: DEFAULT_SCORECARD_ID }),
    }),
  ),
];

interface Principal {
  name: string;
  /** The Authorization header; none when undefined. */
  authorization?: string;
  /** False: no credential, or one that does not authenticate (401). */
  authenticated: boolean;
  /** May call the write routes. */
  mayWrite?: boolean;
  /** The entities it may read in the catalog. */
  sees?: Target[];
}

const serviceHeader = (subject: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(subject),
    targetPluginId: 'reliability',
  });

const PRINCIPALS: Principal[] = [
  { name: 'no credentials', authenticated: false },
  {
    name: 'invalid user token',
    authorization: mockCredentials.user.invalidHeader(),
    authenticated: false,
  },
  {
    name: 'invalid service token',
    authorization: mockCredentials.service.invalidHeader(),
    authenticated: false,
  },
  {
    name: 'token nobody issued',
    authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl',
    authenticated: false,
  },
  {
    name: 'user',
    authorization: mockCredentials.user.header(),
    authenticated: true,
    sees: ['visible', 'hidden'],
  },
  {
    name: 'user outside the secret team',
    authorization: mockCredentials.user.header(OUTSIDER),
    authenticated: true,
    sees: ['visible'],
  },
  {
    name: 'user the policy denies',
    authorization: mockCredentials.user.header(DENIED_USER),
    authenticated: true,
    sees: [],
  },
  {
    name: 'service',
    authorization: serviceHeaders.authorization,
    authenticated: true,
    mayWrite: true,
    sees: ['visible', 'hidden'],
  },
  {
    name: 'service the policy denies',
    authorization: serviceHeader(DENIED_SERVICE),
    authenticated: true,
    sees: [],
  },
];

/** The answer a principal should get. */
function expectedStatus(
  row: RouteRow,
  principal: Principal,
  target: Target,
): number {
  if (row.access === 'public') return 200;
  if (!principal.authenticated) return 401;
  if (row.access === 'write') return principal.mayWrite ? 200 : 403;
  if (row.access === 'read') return 200;
  if (!principal.sees?.includes(target)) return 404;
  // The principals the policy denies see nothing, so never get this far.
  return 200;
}

/**
 * Denies everything to one user and one service, and hides the entities of
 * the secret team from the outsider: a conditional decision the catalog
 * applies with its own rules.
 */
const policy: TestPolicy = (permission, credentials) => {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  if (
    principal.userEntityRef === DENIED_USER ||
    principal.subject === DENIED_SERVICE
  ) {
    return { result: AuthorizeResult.DENY };
  }
  if (
    principal.userEntityRef === OUTSIDER &&
    isResourcePermission(permission, 'catalog-entity') &&
    permission.name === 'catalog.entity.read'
  ) {
    return createCatalogConditionalDecision(permission, {
      not: catalogConditions.isEntityOwner({ claims: [SECRET_TEAM] }),
    });
  }
  return { result: AuthorizeResult.ALLOW };
};

const ratioSlo = (name: string, service: string, owner: string) => `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  annotations: { reliability/owner: ${owner} }
spec:
  service: ${service}
  indicator:
    metadata: { name: ${name}-ratio }
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: BuiltIn, spec: { counter: good } } }
        total: { metricSource: { type: BuiltIn, spec: { counter: total } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

const prometheusSlo = (name: string, service: string, owner: string) => `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
  annotations: { reliability/owner: ${owner} }
spec:
  service: ${service}
  indicator:
    metadata: { name: ${name}-ratio }
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(rate(http_requests_total{job="${service}",code!~"5.."}[{{.window}}]))' }
        total:
          metricSource:
            type: Prometheus
            spec: { query: 'sum(rate(http_requests_total{job="${service}"}[{{.window}}]))' }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

const component = (name: string, owner: string, runbook: string) => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  links: [{ url: '${runbook}', title: Runbook, type: runbook }]
spec: { type: service, lifecycle: production, owner: ${owner} }
`;

const catalogYaml = [
  `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: open-team }
spec: { type: team, children: [] }`,
  `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: secret }
spec: { type: team, children: [] }`,
  component('visible-svc', 'open-team', RUNBOOK_URLS.visible),
  component('hidden-svc', 'secret', RUNBOOK_URLS.hidden),
  ratioSlo('visible-availability', 'visible-svc', 'group:default/open-team'),
  ratioSlo('hidden-availability', 'hidden-svc', SECRET_TEAM),
  prometheusSlo('visible-requests', 'visible-svc', 'group:default/open-team'),
  prometheusSlo('hidden-requests', 'hidden-svc', SECRET_TEAM),
].join('\n---\n');

const ALL_SLOS = [
  'slo/default/visible-availability',
  'slo/default/hidden-availability',
  'slo/default/visible-requests',
  'slo/default/hidden-requests',
];

/**
 * Stands in for the context while routers are built: any property, call or
 * destructuring gives it again, so that route modules may read their
 * services up front.
 */
const anything: any = new Proxy(function anythingAtAll() {}, {
  get: (_, property) => {
    if (property === 'then') return undefined;
    if (property === Symbol.toPrimitive) return () => '';
    return anything;
  },
  apply: () => anything,
  construct: () => anything,
});

/** Every `METHOD path` the router serves, walking nested routers. */
function servedRoutes(): string[] {
  const router = createRouter(
    anything as ReliabilityContext,
    async () => undefined,
  );
  const found: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          found.push(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (Array.isArray(layer.handle?.stack)) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((router as unknown as { stack: any[] }).stack);
  return found;
}

describe('the access matrix', () => {
  it('has one row for every route the router serves', () => {
    const rows = ROUTES.map(r => `${r.method} ${r.path}`);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual(servedRoutes().sort());
  });

  it('names a permission for every write and only for writes', () => {
    for (const row of ROUTES) {
      expect([row.path, Boolean(row.permission)]).toEqual([
        row.path,
        row.access === 'write' || row.access === 'entity-write',
      ]);
    }
  });
});

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('access on %s', databaseId => {
  let backend: ReliabilityTestBackend;
  let knex: Knex;
  const registries: MockActionsRegistry[] = [];

  const call = async (
    method: string,
    path: string,
    authorization?: string,
    body?: unknown,
  ) => {
    const res = await fetch(`${backend.base}/reliability${path}`, {
      method,
      headers: {
        ...(authorization ? { authorization } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json, text };
  };

  const urlOf = (row: RouteRow, target: Target) => {
    const named = parseEntityRef(
      row.path.includes(':kind') ? TARGETS[target].entity : TARGETS[target].slo,
    );
    const params: Record<string, string> = {
      kind: named.kind,
      namespace: named.namespace,
      name: named.name,
      ...row.params?.(target),
    };
    return row.path.replace(/:(\w+)/g, (_, param: string) =>
      encodeURIComponent(params[param]),
    );
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    backend = await startReliabilityTestBackend({
      catalogYaml,
      waitFor: 'component/default/hidden-svc',
      waitForRelation: 'ownedBy',
      database: knex,
      features: [
        policyPermissionsFactory(policy),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: { logger: coreServices.logger },
          factory: ({ logger }) => {
            const registry = actionsRegistryServiceMock({ logger });
            registries.push(registry);
            return registry;
          },
        }),
      ],
    });
    // The policy filters SLOs by owner: wait until every one has its owner.
    await waitUntil(
      async () => {
        const owners = await Promise.all(
          ALL_SLOS.map(async path => {
            const res = await fetch(
              `${backend.base}/catalog/entities/by-name/${path}`,
              { headers: serviceHeaders },
            );
            const entity = res.ok ? await res.json() : undefined;
            return entity?.relations?.some(
              (r: { type: string }) => r.type === 'ownedBy',
            );
          }),
        );
        return owners.every(Boolean);
      },
      () => 'every SLO with its owner in the catalog',
    );
    // Both ratio SLOs burn half their events: at risk.
    const start = Date.now() - 90 * MINUTE;
    const events = [];
    for (let i = 0; i < 60; i++) {
      for (const slo of [TARGETS.visible.slo, TARGETS.hidden.slo]) {
        events.push({
          slo,
          timestamp: start + i * MINUTE,
          good: 500,
          total: 1000,
        });
      }
    }
    for (const [path, body] of [
      ['/v1/sli-events', { idempotencyKey: 'seed', events }],
      ['/v1/evaluations', {}],
    ] as const) {
      const { status, body: answer } = await backend.post(path, body);
      if (status !== 200) {
        throw new Error(`${path}: ${status} ${JSON.stringify(answer)}`);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  it.each(ROUTES.map(row => [`${row.method} ${row.path}`, row] as const))(
    '%s answers every caller as the access model says',
    async (_, row) => {
      const targets: Target[] =
        row.access === 'entity-read' || row.access === 'entity-write'
          ? ['visible', 'hidden', 'missing']
          : ['visible'];
      const actual: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const principal of PRINCIPALS) {
        for (const target of targets) {
          const cell =
            targets.length > 1
              ? `${principal.name} → ${target}`
              : principal.name;
          const res = await call(
            row.method,
            urlOf(row, target),
            principal.authorization,
            row.body?.(),
          );
          actual[cell] = res.status;
          expected[cell] = expectedStatus(row, principal, target);
        }
      }
      expect(actual).toEqual(expected);
    },
  );

  it.each(
    ROUTES.filter(r => r.access.startsWith('entity-')).map(
      row => [`${row.method} ${row.path}`, row] as const,
    ),
  )(
    '%s answers an entity the caller cannot see exactly as a missing one',
    async (_, row) => {
      const outsider = mockCredentials.user.header(OUTSIDER);
      const hidden = await call(
        row.method,
        urlOf(row, 'hidden'),
        outsider,
        row.body?.(),
      );
      const missing = await call(
        row.method,
        urlOf(row, 'missing'),
        outsider,
        row.body?.(),
      );
      const refOf = (target: Target) =>
        row.path.includes(':kind')
          ? TARGETS[target].entity
          : TARGETS[target].slo;
      const masked = (res: { status: number; body: any }, target: Target) => ({
        status: res.status,
        name: res.body?.error?.name,
        message: String(res.body?.error?.message).replace(refOf(target), '…'),
      });
      expect(masked(hidden, 'hidden')).toEqual(masked(missing, 'missing'));
      expect(masked(hidden, 'hidden')).toEqual({
        status: 404,
        name: 'NotFoundError',
        message: '… is not in the catalog',
      });
    },
  );

  describe('lists show only what the caller may read', () => {
    const as = (principal: string) =>
      PRINCIPALS.find(p => p.name === principal)!.authorization;

    it('the service list, with its facets', async () => {
      const seen = async (principal: string) => {
        const { body } = await call('GET', '/v1/services', as(principal));
        return {
          items: body.items.map((i: { entity: string }) => i.entity),
          totalCount: body.totalCount,
          owners: body.facets.owner,
        };
      };
      expect(await seen('user')).toEqual({
        items: [TARGETS.hidden.entity, TARGETS.visible.entity],
        totalCount: 2,
        owners: ['group:default/open-team', SECRET_TEAM],
      });
      expect(await seen('user outside the secret team')).toEqual({
        items: [TARGETS.visible.entity],
        totalCount: 1,
        owners: ['group:default/open-team'],
      });
      expect(await seen('user the policy denies')).toEqual({
        items: [],
        totalCount: 0,
        owners: [],
      });
      expect(await seen('service')).toEqual(await seen('user'));
    });

    it('the SLO list, paged among the visible SLOs', async () => {
      const page = async (principal: string, query: string) => {
        const { body } = await call('GET', `/v1/slos?${query}`, as(principal));
        return {
          items: body.items.map((i: { slo: string }) => i.slo),
          totalCount: body.totalCount,
        };
      };
      expect(await page('user', 'order=name')).toEqual({
        items: [
          'slo:default/hidden-availability',
          'slo:default/hidden-requests',
          'slo:default/visible-availability',
          'slo:default/visible-requests',
        ],
        totalCount: 4,
      });
      const outsider = 'user outside the secret team';
      expect(await page(outsider, 'order=name')).toEqual({
        items: [
          'slo:default/visible-availability',
          'slo:default/visible-requests',
        ],
        totalCount: 2,
      });
      // Paging counts visible SLOs only; filters still apply.
      expect(await page(outsider, 'order=name&offset=1&limit=1')).toEqual({
        items: ['slo:default/visible-requests'],
        totalCount: 2,
      });
      // Both ratio SLOs have the same status; the outsider sees one.
      const { body: burning } = await call(
        'GET',
        `/v1/slos/default/hidden-availability`,
        as('user'),
      );
      expect(await page('user', `status=${burning.status}`)).toEqual({
        items: [
          'slo:default/hidden-availability',
          'slo:default/visible-availability',
        ],
        totalCount: 2,
      });
      expect(await page(outsider, `status=${burning.status}`)).toEqual({
        items: ['slo:default/visible-availability'],
        totalCount: 1,
      });
      expect(
        await page(outsider, `owner=${SECRET_TEAM}&order=budget-desc`),
      ).toEqual({ items: [], totalCount: 0 });
      expect(await page('user the policy denies', '')).toEqual({
        items: [],
        totalCount: 0,
      });
      expect(await page('service the policy denies', '')).toEqual({
        items: [],
        totalCount: 0,
      });
    });

    it('the Prometheus rules', async () => {
      const rules = async (principal: string) =>
        (await call('GET', '/v1/rules/prometheus', as(principal))).text;
      const everything = await rules('user');
      expect(everything).toContain('sloth_service: visible-svc');
      expect(everything).toContain('sloth_service: hidden-svc');
      const outsider = await rules('user outside the secret team');
      expect(outsider).toContain('sloth_service: visible-svc');
      expect(outsider).not.toContain('hidden');
      expect(await rules('user the policy denies')).not.toContain('sloth_');
    });
  });

  it('scorecard results show only what the caller may read', async () => {
    const as = (principal: string) =>
      PRINCIPALS.find(p => p.name === principal)!.authorization;
    const evaluated = await call(
      'POST',
      '/v1/scorecards/evaluations',
      serviceHeaders.authorization,
      {},
    );
    expect(evaluated.status).toBe(200);
    const card = `/v1/scorecards/${DEFAULT_SCORECARD_ID}`;
    const both = `entity=${TARGETS.visible.entity},${TARGETS.hidden.entity}`;
    const seen = async (principal: string) => {
      const exported = await call(
        'GET',
        `${card}/export?format=json`,
        as(principal),
      );
      const levels = await call('GET', `${card}/levels?${both}`, as(principal));
      return {
        exported: [TARGETS.visible.entity, TARGETS.hidden.entity].filter(ref =>
          exported.text.includes(ref),
        ),
        levels: [TARGETS.visible.entity, TARGETS.hidden.entity].filter(ref =>
          levels.text.includes(ref),
        ),
      };
    };
    const everything = [TARGETS.visible.entity, TARGETS.hidden.entity];
    expect(await seen('user')).toEqual({
      exported: everything,
      levels: everything,
    });
    expect(await seen('user outside the secret team')).toEqual({
      exported: [TARGETS.visible.entity],
      levels: [TARGETS.visible.entity],
    });
    expect(await seen('user the policy denies')).toEqual({
      exported: [],
      levels: [],
    });
  });

  describe('actions for agents answer like the API', () => {
    const registry = () =>
      registries.find(r => r.actions.has('test:get-slo-status'))!;
    const outsider = mockCredentials.user(OUTSIDER);

    it('get-slo-status and check-release-gate do not reveal hidden entities', async () => {
      const invoke = (id: string, input: JsonObject, credentials = outsider) =>
        registry().invoke({ id: `test:${id}`, input, credentials });
      await expect(
        invoke('get-slo-status', { slo: TARGETS.visible.slo }),
      ).resolves.toMatchObject({ output: { slo: TARGETS.visible.slo } });
      await expect(
        invoke('get-slo-status', { slo: TARGETS.hidden.slo }),
      ).rejects.toThrow(`${TARGETS.hidden.slo} is not in the catalog`);
      await expect(
        invoke('check-release-gate', { entity: TARGETS.hidden.entity }),
      ).rejects.toThrow(`${TARGETS.hidden.entity} is not in the catalog`);
      await expect(
        invoke(
          'check-release-gate',
          { entity: TARGETS.hidden.entity },
          mockCredentials.user(),
        ),
      ).resolves.toMatchObject({
        output: { decision: expect.stringMatching(/^(allow|warn|block)$/) },
      });
    });

    it('list-slos-at-risk lists the SLOs the caller may read', async () => {
      const atRisk = async (credentials = outsider) => {
        const { output } = await registry().invoke({
          id: 'test:list-slos-at-risk',
          input: {},
          credentials,
        });
        return (output as { items: Array<{ slo: string }> }).items.map(
          i => i.slo,
        );
      };
      expect((await atRisk(mockCredentials.user())).sort()).toEqual([
        TARGETS.hidden.slo,
        TARGETS.visible.slo,
      ]);
      expect(await atRisk()).toEqual([TARGETS.visible.slo]);
      expect(await atRisk(mockCredentials.user(DENIED_USER))).toEqual([]);
    });
  });
});
