import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { BASE, server, testClient } from '../__testUtils__/server';
import { sloSnapshot, summary } from '../__testUtils__/fixtures';

describe('ReliabilityClient', () => {
  registerMswTestHooks(server);

  it('lists SLOs with the filters as comma-separated query parameters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/v1/slos`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          items: [],
          totalCount: 0,
          offset: 0,
          limit: 50,
        });
      }),
    );
    await testClient().listSlos({
      service: ['component:default/a', 'component:default/b'],
      status: ['exhausted'],
      order: 'name',
      limit: 500,
    });
    expect(url?.searchParams.get('service')).toBe(
      'component:default/a,component:default/b',
    );
    expect(url?.searchParams.get('status')).toBe('exhausted');
    expect(url?.searchParams.get('order')).toBe('name');
    expect(url?.searchParams.get('limit')).toBe('500');
    expect(url?.searchParams.has('owner')).toBe(false);
  });

  it('addresses entities by kind, namespace and name, encoded', async () => {
    const paths: string[] = [];
    server.use(
      http.get(`${BASE}/v1/entities/*`, ({ request }) => {
        paths.push(new URL(request.url).pathname);
        return HttpResponse.json({ entity: 'x', items: [] });
      }),
    );
    const client = testClient();
    await client.getOwnership('Component:Default/payments-api');
    await client.listRunbooks({ kind: 'component', name: 'a b' });
    await client.getRunbook('component:default/x', 'id/1');
    expect(paths).toEqual([
      '/api/reliability/v1/entities/component/default/payments-api/ownership',
      '/api/reliability/v1/entities/component/default/a%20b/runbooks',
      '/api/reliability/v1/entities/component/default/x/runbooks/id%2F1',
    ]);
  });

  it('reads SLO history by the SLO ref', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/v1/slos/default/checkout/history`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ slo: 'slo:default/checkout', points: [] });
      }),
    );
    await testClient().getSloHistory('slo:default/checkout', {
      from: 1,
      to: 2,
      step: 60000,
    });
    expect(url?.search).toBe('?from=1&to=2&step=60000');
  });

  it('throws a ResponseError with the backend message', async () => {
    server.use(
      http.get(`${BASE}/v1/slos/default/missing`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No status for slo:default/missing',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await testClient()
      .getSlo('missing')
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.response.status).toBe(404);
    expect(error.body.error.message).toBe('No status for slo:default/missing');
  });

  it('fills in a summary from an older backend that sends only the SLOs', async () => {
    const slos = [
      sloSnapshot(),
      sloSnapshot({ slo: 'slo:default/b', remaining: 0.5, burn: 20 }),
    ];
    server.use(
      http.get(
        `${BASE}/v1/entities/component/default/payments-api/summary`,
        () =>
          HttpResponse.json({ entity: 'component:default/payments-api', slos }),
      ),
    );
    const result = await testClient().getEntitySummary(
      'component:default/payments-api',
    );
    expect(result).toEqual({
      entity: 'component:default/payments-api',
      slos,
      status: 'exhausted',
      budgetRemaining: slos[0].budgetRemaining,
      alertState: 'page',
      stale: false,
      latestDeployments: [],
      deployMarkers: [],
    });
  });

  it('passes a full summary through', async () => {
    const full = summary();
    server.use(
      http.get(
        `${BASE}/v1/entities/component/default/payments-api/summary`,
        () => HttpResponse.json(full),
      ),
    );
    expect(
      await testClient().getEntitySummary('component:default/payments-api'),
    ).toEqual(full);
  });
});
