import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import catalogModuleReliability from '@reliability-kit/plugin-catalog-backend-module-reliability';
import reliabilityPlugin from '@reliability-kit/plugin-reliability-backend';
import {
  createHmac,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';

// The reliability API behind Backstage's real token handling, as the portal
// runs it: static, legacy and JWKS (an OIDC issuer such as GitHub Actions)
// external-access tokens, a guest user token issued by the auth backend, the
// permission backend with the allow-all policy, and access restrictions on
// tokens. Mocked credentials cannot be
// expired or restricted; these can. The full route-by-caller matrix, with a
// policy that hides entities, is plugins/reliability-backend/src/service/
// accessMatrix.test.ts.

const STATIC_TOKEN = `ci-${randomBytes(12).toString('hex')}`;
const EVENTS_ONLY_TOKEN = `events-${randomBytes(12).toString('hex')}`;
const EVENTS_AND_READ_TOKEN = `reader-${randomBytes(12).toString('hex')}`;
const CATALOG_ONLY_TOKEN = `catalog-${randomBytes(12).toString('hex')}`;
const LEGACY_KEY = randomBytes(32);

const base64url = (value: Buffer | string) =>
  Buffer.from(value).toString('base64url');

const JWKS_ISSUER = 'https://ci.example.com';
// Not "backstage": Backstage reads tokens with that audience as its own
// user tokens.
const JWKS_AUDIENCE = 'https://backstage.example.com';
const jwksKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** A token of the JWKS issuer: ES256, as a CI system's OIDC token. */
function jwksToken(key: KeyObject, expiresInSeconds: number) {
  const header = base64url(
    JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: 'ci-key' }),
  );
  const now = Math.floor(Date.now() / 1000);
  const payload = base64url(
    JSON.stringify({
      iss: JWKS_ISSUER,
      aud: JWKS_AUDIENCE,
      sub: 'repo:acme/shop:ref:refs/heads/main',
      iat: now - 3600,
      exp: now + expiresInSeconds,
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
    key,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

/** A legacy service-to-service token: HS256 over the shared secret. */
function legacyToken(key: Buffer, expiresInSeconds: number) {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const now = Math.floor(Date.now() / 1000);
  const payload = base64url(
    JSON.stringify({
      sub: 'backstage-server',
      iat: now - 3600,
      exp: now + expiresInSeconds,
    }),
  );
  const signature = createHmac('sha256', key)
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${signature}`;
}

const catalogYaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: shop-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: shop }
spec: { type: service, lifecycle: production, owner: shop-team }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: shop-availability }
spec:
  service: shop
  indicator:
    metadata: { name: shop-ratio }
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: { type: BuiltIn, spec: { counter: good } } }
        total: { metricSource: { type: BuiltIn, spec: { counter: total } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

/** Every operation in the plugin's OpenAPI document, as `METHOD path`. */
function documentedOperations(): Array<{ method: string; path: string }> {
  const packageDir = path.dirname(
    require.resolve('@reliability-kit/plugin-reliability-backend/package.json'),
  );
  const doc = parse(
    fs.readFileSync(path.join(packageDir, 'openapi.yaml'), 'utf8'),
  );
  return Object.entries(doc.paths as Record<string, object>).flatMap(
    ([route, operations]) =>
      Object.keys(operations).map(method => ({
        method: method.toUpperCase(),
        path: route.replace(
          /\{(\w+)\}/g,
          (_, param: string) =>
            ((
              {
                kind: 'component',
                namespace: 'default',
                name: 'shop',
                id: '0123456789ab',
              } as Record<string, string>
            )[param] ?? 'x'),
        ),
      })),
  );
}

describe('the reliability API with real tokens', () => {
  let base: string;
  let stop: () => Promise<void>;
  let guestToken: string;
  let jwksServer: http.Server;

  const call = async (
    method: string,
    route: string,
    token?: string,
    body?: unknown,
  ) => {
    const res = await fetch(`${base}/reliability${route}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
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
    return { status: res.status, body: json };
  };

  beforeAll(async () => {
    // The issuer's public keys, as an OIDC provider publishes them.
    const jwk = {
      ...jwksKeys.publicKey.export({ format: 'jwk' }),
      kid: 'ci-key',
      alg: 'ES256',
      use: 'sig',
    };
    jwksServer = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>(resolve =>
      jwksServer.listen(0, '127.0.0.1', resolve),
    );
    const jwksUrl = `http://127.0.0.1:${
      (jwksServer.address() as AddressInfo).port
    }/.well-known/jwks.json`;

    const dir = createMockDirectory({
      content: { 'catalog.yaml': catalogYaml },
    });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleReliability,
        reliabilityPlugin,
        authPlugin,
        guestProvider,
        permissionPlugin,
        allowAllPolicy,
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
        userInfoServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: STATIC_TOKEN, subject: 'ci' },
                  },
                  {
                    type: 'static',
                    options: { token: EVENTS_ONLY_TOKEN, subject: 'probe' },
                    accessRestrictions: [
                      {
                        plugin: 'reliability',
                        permission: 'reliability.sli-events.create',
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: {
                      token: EVENTS_AND_READ_TOKEN,
                      subject: 'probe-reader',
                    },
                    accessRestrictions: [
                      {
                        plugin: 'reliability',
                        permission: [
                          'reliability.sli-events.create',
                          'catalog.entity.read',
                        ],
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: { token: CATALOG_ONLY_TOKEN, subject: 'cat' },
                    accessRestrictions: [{ plugin: 'catalog' }],
                  },
                  {
                    type: 'jwks',
                    options: {
                      url: jwksUrl,
                      issuer: JWKS_ISSUER,
                      audience: JWKS_AUDIENCE,
                      algorithm: 'ES256',
                      subjectPrefix: 'ci',
                    },
                  },
                  {
                    type: 'legacy',
                    options: {
                      secret: LEGACY_KEY.toString('base64'),
                      subject: 'legacy-ci',
                    },
                  },
                ],
              },
            },
            auth: {
              providers: {
                guest: {
                  dangerouslyAllowOutsideDevelopment: true,
                  userEntityRef: 'user:default/guest',
                },
              },
            },
            permission: { enabled: true },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Component', 'Group', 'Location', 'SLO'] }],
              locations: [
                { type: 'file', target: dir.resolve('catalog.yaml') },
              ],
            },
            reliability: {
              evaluation: {
                frequency: { hours: 1 },
                initialDelay: { hours: 1 },
              },
            },
          },
        }),
      ],
    });
    stop = () => backend.stop();
    base = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api`;

    const refresh = await fetch(`${base}/auth/guest/refresh?env=development`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    if (!refresh.ok) {
      throw new Error(
        `guest sign-in: ${refresh.status} ${await refresh.text()}`,
      );
    }
    guestToken = (await refresh.json()).backstageIdentity.token;

    const deadline = Date.now() + 40_000;
    for (;;) {
      const res = await fetch(
        `${base}/catalog/entities/by-name/slo/default/shop-availability`,
        { headers: { authorization: `Bearer ${STATIC_TOKEN}` } },
      );
      const relations = res.ok ? (await res.json()).relations ?? [] : [];
      if (relations.length) break;
      if (Date.now() > deadline) throw new Error('the catalog did not ingest');
      await new Promise(r => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(async () => {
    await stop?.();
    await new Promise(resolve => jwksServer?.close(resolve));
  });

  const operations = documentedOperations();

  it('documents the operations it tests', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations).toContainEqual({ method: 'GET', path: '/health' });
  });

  it.each(
    operations
      .filter(o => o.path !== '/health')
      .map(o => [`${o.method} ${o.path}`, o] as const),
  )('%s answers 401 to missing, wrong and expired tokens', async (_, op) => {
    const tampered = `${guestToken.slice(0, -4)}AAAA`;
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const answers = {
      none: (await call(op.method, op.path)).status,
      wrongStatic: (await call(op.method, op.path, 'not-the-token-123')).status,
      expiredJwks: (
        await call(op.method, op.path, jwksToken(jwksKeys.privateKey, -60))
      ).status,
      jwksOtherKey: (
        await call(op.method, op.path, jwksToken(otherKey.privateKey, 3600))
      ).status,
      legacyOtherKey: (
        await call(op.method, op.path, legacyToken(randomBytes(32), 3600))
      ).status,
      tamperedUser: (await call(op.method, op.path, tampered)).status,
    };
    expect(answers).toEqual({
      none: 401,
      wrongStatic: 401,
      expiredJwks: 401,
      jwksOtherKey: 401,
      legacyOtherKey: 401,
      tamperedUser: 401,
    });
  });

  it('answers an expired legacy token with 500, a Backstage bug', async () => {
    // @backstage/backend-defaults 0.18.0: the legacy token handler rethrows
    // jose's JWTExpired instead of answering "not mine", so the request
    // fails before any plugin code runs. The request is refused all the
    // same. When this starts failing with 401, Backstage has fixed it: move
    // the case into the test above.
    const expired = legacyToken(LEGACY_KEY, -60);
    expect((await call('GET', '/v1/slos', expired)).status).toBe(500);
    expect((await call('POST', '/v1/evaluations', expired, {})).status).toBe(
      500,
    );
  });

  it('answers /health to anyone, whatever the token', async () => {
    for (const token of [undefined, 'not-the-token-123', guestToken]) {
      expect((await call('GET', '/health', token)).status).toBe(200);
    }
  });

  const gate = '/v1/entities/component/default/shop/release-gate';
  const event = () => ({
    idempotencyKey: randomBytes(8).toString('hex'),
    events: [
      {
        slo: 'slo:default/shop-availability',
        timestamp: Date.now() - 60_000,
        good: 9,
        total: 10,
      },
    ],
  });
  const deployment = () => ({
    id: randomBytes(8).toString('hex'),
    entity: 'component:default/shop',
    environment: 'production',
    status: 'succeeded',
    startedAt: Date.now() - 120_000,
    finishedAt: Date.now() - 60_000,
  });

  it('lets a signed-in user read but not write', async () => {
    expect((await call('GET', gate, guestToken)).status).toBe(200);
    expect((await call('GET', '/v1/services', guestToken)).body).toMatchObject({
      totalCount: 1,
    });
    expect(
      (await call('POST', '/v1/sli-events', guestToken, event())).status,
    ).toBe(403);
    expect(
      (await call('POST', '/v1/deployments', guestToken, deployment())).status,
    ).toBe(403);
    expect((await call('POST', '/v1/evaluations', guestToken, {})).status).toBe(
      403,
    );
  });

  it('lets a static, legacy or JWKS service token read and write', async () => {
    const legacy = legacyToken(LEGACY_KEY, 3600);
    const jwks = jwksToken(jwksKeys.privateKey, 3600);
    for (const token of [STATIC_TOKEN, legacy, jwks]) {
      expect((await call('GET', gate, token)).status).toBe(200);
      expect(
        (await call('POST', '/v1/sli-events', token, event())).status,
      ).toBe(200);
      expect(
        (await call('POST', '/v1/deployments', token, deployment())).status,
      ).toBe(200);
      expect((await call('POST', '/v1/evaluations', token, {})).status).toBe(
        200,
      );
    }
  });

  it('holds a token to its access restrictions', async () => {
    // Restricted to pushing events: other writes are refused, and without
    // catalog.entity.read it reads no entity.
    expect(
      (await call('POST', '/v1/sli-events', EVENTS_ONLY_TOKEN, event())).status,
    ).toBe(200);
    expect(
      (await call('POST', '/v1/deployments', EVENTS_ONLY_TOKEN, deployment()))
        .status,
    ).toBe(403);
    expect(
      (await call('POST', '/v1/evaluations', EVENTS_ONLY_TOKEN, {})).status,
    ).toBe(403);
    expect((await call('GET', gate, EVENTS_ONLY_TOKEN)).status).toBe(404);
    expect(
      (await call('GET', '/v1/services', EVENTS_ONLY_TOKEN)).body,
    ).toMatchObject({ totalCount: 0 });

    // With catalog.entity.read it may read as well.
    expect((await call('GET', gate, EVENTS_AND_READ_TOKEN)).status).toBe(200);
    expect(
      (await call('GET', '/v1/services', EVENTS_AND_READ_TOKEN)).body,
    ).toMatchObject({ totalCount: 1 });
    expect(
      (
        await call(
          'POST',
          '/v1/deployments',
          EVENTS_AND_READ_TOKEN,
          deployment(),
        )
      ).status,
    ).toBe(403);

    // A token for another plugin only.
    expect((await call('GET', gate, CATALOG_ONLY_TOKEN)).status).toBe(403);
    expect(
      (await call('POST', '/v1/sli-events', CATALOG_ONLY_TOKEN, event()))
        .status,
    ).toBe(403);
  });
});
