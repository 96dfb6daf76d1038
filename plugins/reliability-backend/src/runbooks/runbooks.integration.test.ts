import {
  RunbookDocument,
  RunbookList,
} from '@reliability-kit/plugin-reliability-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  ReliabilityTestBackend,
  startReliabilityTestBackend,
} from '../__testUtils__/startReliabilityTestBackend';
import { waitUntil } from '../__testUtils__/waitUntil';
import { runbookId } from './resolveRunbookUrl';

const DAY = 86_400_000;

type ServedFile =
  | { body: string; lastModified?: number }
  | { redirect: () => string };

/**
 * A git host stand-in: serves files, with Last-Modified where given, and
 * answers 302 for redirects.
 */
function startServer(files: Record<string, ServedFile>) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    if ('redirect' in file) {
      res.writeHead(302, { location: file.redirect() }).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/plain',
      ...(file.lastModified
        ? { 'last-modified': new Date(file.lastModified).toUTCString() }
        : {}),
    });
    res.end(file.body);
  });
  return new Promise<{ port: number; requests: string[]; close(): void }>(
    resolve =>
      server.listen(0, '127.0.0.1', () =>
        resolve({
          port: (server.address() as AddressInfo).port,
          requests,
          close: () => server.close(),
        }),
      ),
  );
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

describe('runbook routes', () => {
  const now = Date.now();
  let backend: ReliabilityTestBackend;
  let git: Awaited<ReturnType<typeof startServer>>;
  let internal: Awaited<ReturnType<typeof startServer>>;
  let gitBase: string;

  beforeAll(async () => {
    // An internal service that no catalog file may make the backend read.
    internal = await startServer({ '/secret.md': { body: '# Secret' } });
    const internalUrl = `http://127.0.0.1:${internal.port}/secret.md`;
    const files: Record<string, ServedFile> = {
      '/runbooks/fresh.md': {
        body: `---\ntitle: Payments API runbook\nlast_reviewed: ${day(
          now - 10 * DAY,
        )}\n---\n# Payments API\n\n## Symptoms\n`,
      },
      '/runbooks/stale.md': {
        body: '---\nlast_reviewed: 2020-01-31\n---\n# Refunds\n',
        lastModified: now - DAY,
      },
      '/runbooks/no-front-matter.md': {
        body: '# Card declines\n',
        lastModified: now - 2 * DAY,
      },
      '/runbooks/bad-date.md': {
        body: '---\nlast_reviewed: soon\n---\n# Bad date\n',
      },
      '/services/latency.md': {
        body: '---\nlast_reviewed: 2025-01-01\n---\n# Latency\n',
      },
      // An allowed host that sends the reader elsewhere.
      '/runbooks/moved.md': {
        redirect: () => `${gitBase}/runbooks/moved-here.md`,
      },
      '/runbooks/moved-here.md': {
        body: `---\nlast_reviewed: ${day(now)}\n---\n# Moved here\n`,
      },
      '/runbooks/to-internal.md': { redirect: () => internalUrl },
    };
    git = await startServer(files);
    gitBase = `http://127.0.0.1:${git.port}`;
    files['/services/catalog-info.yaml'] = {
      body: `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  links:
    - { url: '${gitBase}/runbooks/fresh.md', title: Payments, type: runbook }
    - { url: '${gitBase}/runbooks/stale.md', type: runbook }
    - { url: '${gitBase}/runbooks/no-front-matter.md', type: runbook }
    - { url: '${gitBase}/runbooks/bad-date.md', type: runbook }
    - { url: '${gitBase}/runbooks/missing.md', title: Missing, type: runbook }
    - { url: 'https://wiki.acme.example/payments', title: Wiki, type: runbook }
    - { url: '${internalUrl}', title: Internal, type: runbook }
    - { url: 'https://grafana.acme.example/d/payments', type: dashboard }
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: payments-latency
  annotations:
    reliability/slo-runbook: ./latency.md
spec:
  service: payments-api
  indicator:
    metadata: { name: payments-p99 }
    spec:
      thresholdMetric:
        metricSource: { type: BuiltIn, spec: { gauge: p99 } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ op: lt, value: 0.3, target: 0.99 }]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: cart-service }
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: untrusted-links
  annotations:
    backstage.io/source-location: url:${gitBase}/untrusted/
  links:
    - { url: '${gitBase}/runbooks/moved.md', title: Moved, type: runbook }
    - { url: '${gitBase}/runbooks/to-internal.md', title: Redirected, type: runbook }
    - { url: "\\x01javascript:alert(1)", title: Control, type: runbook }
    - { url: 'JaVaScRiPt:alert(2)', title: Script, type: Runbook }
    - { url: 'data:text/markdown,%23%20Hi', title: Data, type: runbook }
    - { url: 'file:///etc/passwd.md', title: File, type: runbook }
spec: { type: service, lifecycle: production, owner: payments }
`,
    };
    backend = await startReliabilityTestBackend({
      catalogYaml: '',
      catalogLocations: [
        { type: 'url', target: `${gitBase}/services/catalog-info.yaml` },
      ],
      // Only the git host is readable; the internal service is not.
      rootConfig: {
        backend: { reading: { allow: [{ host: `127.0.0.1:${git.port}` }] } },
      },
      waitFor: 'slo/default/payments-latency',
    });
    // The service's measuredBy relation comes with a later stitch.
    let last: any;
    await waitUntil(
      async () => {
        ({ body: last } = await backend.get(
          '/v1/entities/component/default/payments-api/runbooks',
        ));
        return last.items?.some((i: { slo?: string }) => i.slo);
      },
      () => JSON.stringify(last),
    );
  }, 90_000);

  afterAll(async () => {
    await backend?.stop();
    git?.close();
    internal?.close();
  });

  const list = async (name: string) => {
    const { status, body } = await backend.get(
      `/v1/entities/component/default/${name}/runbooks`,
    );
    expect(status).toBe(200);
    return body as RunbookList;
  };

  it('lists markdown runbooks with freshness, links, and failed reads', async () => {
    const body = await list('payments-api');
    expect(body.entity).toBe('component:default/payments-api');
    expect(body.maxAgeDays).toBe(180);
    const byUrl = Object.fromEntries(
      body.items.map(({ id: _id, ...item }) => [item.url, item]),
    );
    expect(Object.keys(byUrl)).toEqual([
      `${gitBase}/runbooks/fresh.md`,
      `${gitBase}/runbooks/stale.md`,
      `${gitBase}/runbooks/no-front-matter.md`,
      `${gitBase}/runbooks/bad-date.md`,
      `${gitBase}/runbooks/missing.md`,
      'https://wiki.acme.example/payments',
      `http://127.0.0.1:${internal.port}/secret.md`,
      `${gitBase}/services/latency.md`,
    ]);
    expect(byUrl[`${gitBase}/runbooks/fresh.md`]).toEqual({
      title: 'Payments API runbook',
      url: `${gitBase}/runbooks/fresh.md`,
      source: 'entity-link',
      format: 'markdown',
      lastReviewed: Date.parse(day(now - 10 * DAY)),
      lastReviewedSource: 'front-matter',
      freshness: 'fresh',
    });
    // Front matter wins over a recent change of the file.
    expect(byUrl[`${gitBase}/runbooks/stale.md`]).toMatchObject({
      title: 'Refunds',
      lastReviewed: Date.UTC(2020, 0, 31),
      lastReviewedSource: 'front-matter',
      freshness: 'stale',
    });
    expect(byUrl[`${gitBase}/runbooks/no-front-matter.md`]).toMatchObject({
      title: 'Card declines',
      lastReviewedSource: 'file-change',
      freshness: 'fresh',
    });
    expect(
      byUrl[`${gitBase}/runbooks/no-front-matter.md`].lastReviewed,
    ).toBeCloseTo(now - 2 * DAY, -4);
    // No date anywhere: unknown, and the author is told why.
    expect(byUrl[`${gitBase}/runbooks/bad-date.md`]).toMatchObject({
      freshness: 'unknown',
      warnings: [
        'front matter last_reviewed: expected a date such as 2026-11-02, got "soon"; the file\'s last change is used instead',
      ],
    });
    expect(byUrl[`${gitBase}/runbooks/missing.md`]).toMatchObject({
      title: 'Missing',
      format: 'markdown',
      freshness: 'unknown',
      error: expect.stringContaining('404'),
    });
    expect(byUrl['https://wiki.acme.example/payments']).toEqual({
      title: 'Wiki',
      url: 'https://wiki.acme.example/payments',
      source: 'entity-link',
      format: 'link',
      freshness: 'unknown',
    });
    expect(byUrl[`${gitBase}/services/latency.md`]).toMatchObject({
      title: 'Latency',
      source: 'slo-annotation',
      slo: 'slo:default/payments-latency',
      freshness: 'stale',
    });
  });

  it('never reads hosts that are not integrations or allowed for reading', async () => {
    // Both servers are 127.0.0.1; only the git host's port is allowed, and
    // only its runbooks are read (see the tests above).
    const body = await list('payments-api');
    const refused = body.items.find(i => i.title === 'Internal');
    expect(refused).toMatchObject({ format: 'markdown', freshness: 'unknown' });
    expect(refused?.error).toBe(
      `Reading http://127.0.0.1:${internal.port}/secret.md is not allowed: add the host 127.0.0.1:${internal.port} to backend.reading.allow or configure an integration for it`,
    );
    const { status, body: document } = await backend.get(
      `/v1/entities/component/default/payments-api/runbooks/${refused!.id}`,
    );
    expect(status).toBe(200);
    expect(document).toMatchObject({ error: refused!.error, markdown: '' });
    expect(internal.requests).toEqual([]);
  });

  it('follows redirects only to allowed hosts, and lists only http(s) runbooks', async () => {
    await waitUntil(
      async () =>
        (
          await backend.get(
            '/v1/entities/component/default/untrusted-links/runbooks',
          )
        ).status === 200,
      () => 'untrusted-links is not in the catalog',
    );
    const body = await list('untrusted-links');
    // Script, data: and file: links are left out. The catalog takes
    // "\u0001javascript:…" as a URL (its parser drops the control character);
    // read as a relative path it would resolve to a script URL.
    expect(body.items.map(i => i.title)).toEqual(['Moved here', 'Redirected']);
    const [moved, redirected] = body.items;
    expect(moved).toMatchObject({
      url: `${gitBase}/runbooks/moved.md`,
      freshness: 'fresh',
    });
    expect(moved.error).toBeUndefined();
    expect(redirected).toMatchObject({ format: 'markdown' });
    expect(redirected.error).toContain(
      `not allowed by backend.reading.allow configuration: ${`http://127.0.0.1:${internal.port}/secret.md`}`,
    );
    expect(git.requests).toContain('/runbooks/to-internal.md');
    expect(internal.requests).toEqual([]);
    for (const item of body.items) expect(item.url).toMatch(/^https?:\/\//);
  });

  it('reads each runbook once within the cache TTL', async () => {
    await list('payments-api');
    await list('payments-api');
    expect(
      git.requests.filter(r => r === '/runbooks/fresh.md').length,
    ).toBeLessThanOrEqual(1);
  });

  it('answers one runbook with its markdown', async () => {
    const id = runbookId(`${gitBase}/runbooks/fresh.md`);
    const { status, body } = await backend.get(
      `/v1/entities/component/default/payments-api/runbooks/${id}`,
    );
    expect(status).toBe(200);
    expect(body as RunbookDocument).toMatchObject({
      id,
      title: 'Payments API runbook',
      freshness: 'fresh',
      markdown: '# Payments API\n\n## Symptoms\n',
    });
    const link = await backend.get(
      `/v1/entities/component/default/payments-api/runbooks/${runbookId(
        'https://wiki.acme.example/payments',
      )}`,
    );
    expect(link.body).toMatchObject({ format: 'link', markdown: '' });
  });

  it('answers an empty list for a service without runbooks', async () => {
    expect((await list('cart-service')).items).toEqual([]);
  });

  it('answers 404 for an unknown entity or runbook id', async () => {
    const entity = await backend.get(
      '/v1/entities/component/default/nope/runbooks',
    );
    expect(entity.status).toBe(404);
    expect(entity.body.error.message).toBe(
      'component:default/nope is not in the catalog',
    );
    const id = await backend.get(
      '/v1/entities/component/default/payments-api/runbooks/0123456789ab',
    );
    expect(id.status).toBe(404);
    expect(id.body.error.message).toBe(
      'component:default/payments-api has no runbook with id 0123456789ab',
    );
  });

  it('answers 400 naming a bad parameter', async () => {
    const id = await backend.get(
      '/v1/entities/component/default/payments-api/runbooks/..%2Fetc',
    );
    expect(id.status).toBe(400);
    expect(id.body.error.message).toContain('id: expected a runbook id');
    const query = await backend.get(
      '/v1/entities/component/default/payments-api/runbooks?fetch=all',
    );
    expect(query.status).toBe(400);
    expect(query.body.error.message).toContain('fetch');
  });
});
