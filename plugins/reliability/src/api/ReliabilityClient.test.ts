import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { BASE, server, testClient } from '../__testUtils__/server';
import { sloSnapshot, summary } from '../__testUtils__/fixtures';
import { dispositionFilename, exportFilename } from './ReliabilityClient';

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

  describe('scorecards', () => {
    it('reads scorecards, rollups, leaderboards, trends and levels with their query', async () => {
      const urls: string[] = [];
      server.use(
        http.get(`${BASE}/v1/*`, ({ request }) => {
          const url = new URL(request.url);
          urls.push(url.pathname.replace('/api/reliability', '') + url.search);
          return HttpResponse.json({});
        }),
      );
      const client = testClient();
      await client.listScorecards();
      await client.getEntityScorecards('component:default/payments-api');
      await client.getScorecardRollup('production-readiness');
      await client.getScorecardRollup('production-readiness', {
        type: 'team',
        ref: 'group:default/payments',
      });
      await client.getScorecardRollup('x/y', {
        type: 'all',
        ref: 'group:default/ignored',
      });
      await client.getScorecardLeaderboard('production-readiness');
      await client.getScorecardLeaderboard('production-readiness', 'domain');
      await client.getScorecardTrend(
        'production-readiness',
        { type: 'system', ref: 'system:default/shop' },
        30,
      );
      await client.getScorecardLevels('production-readiness', [
        'component:default/a',
        'component:default/b',
      ]);
      expect(urls).toEqual([
        '/v1/scorecards',
        '/v1/entities/component/default/payments-api/scorecards',
        '/v1/scorecards/production-readiness/rollup?scope=all',
        '/v1/scorecards/production-readiness/rollup?scope=team&ref=group%3Adefault%2Fpayments',
        '/v1/scorecards/x%2Fy/rollup?scope=all',
        '/v1/scorecards/production-readiness/leaderboard?by=team',
        '/v1/scorecards/production-readiness/leaderboard?by=domain',
        '/v1/scorecards/production-readiness/trend?scope=system&ref=system%3Adefault%2Fshop&days=30',
        '/v1/scorecards/production-readiness/levels?entity=component%3Adefault%2Fa%2Ccomponent%3Adefault%2Fb',
      ]);
    });

    it('refreshes an entity with a POST', async () => {
      const calls: string[] = [];
      server.use(
        http.post(
          `${BASE}/v1/entities/component/default/payments-api/scorecards/refresh`,
          ({ request }) => {
            calls.push(request.method);
            return HttpResponse.json({
              entity: 'component:default/payments-api',
              items: [],
              pending: [],
            });
          },
        ),
      );
      const result = await testClient().refreshEntityScorecards({
        kind: 'Component',
        name: 'payments-api',
      });
      expect(calls).toEqual(['POST']);
      expect(result.entity).toBe('component:default/payments-api');
    });

    it('downloads an export with the file name the backend gives', async () => {
      server.use(
        http.get(
          `${BASE}/v1/scorecards/production-readiness/export`,
          ({ request }) =>
            new HttpResponse(`entity\n${new URL(request.url).search}`, {
              headers: {
                'content-type': 'text/csv',
                'content-disposition':
                  'attachment; filename="production-readiness-group-default-payments.csv"',
              },
            }),
        ),
      );
      const file = await testClient().exportScorecard(
        'production-readiness',
        'csv',
        { type: 'team', ref: 'group:default/payments' },
      );
      expect(file.filename).toBe(
        'production-readiness-group-default-payments.csv',
      );
      expect(await file.blob.text()).toBe(
        'entity\n?format=csv&scope=team&ref=group%3Adefault%2Fpayments',
      );
    });

    it('names the file as the backend does when Content-Disposition is hidden', async () => {
      server.use(
        http.get(
          `${BASE}/v1/scorecards/production-readiness/export`,
          () =>
            new HttpResponse('[]', {
              headers: { 'content-type': 'application/json' },
            }),
        ),
      );
      const file = await testClient().exportScorecard(
        'production-readiness',
        'json',
        { type: 'system', ref: 'system:default/payment-processing' },
      );
      expect(file.filename).toBe(
        'production-readiness-system-default-payment-processing.json',
      );
      expect(exportFilename('x', 'csv')).toBe('x-all.csv');
    });

    it('throws a ResponseError when an export fails', async () => {
      server.use(
        http.get(`${BASE}/v1/scorecards/nope/export`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'NotFoundError',
                message: 'Unknown scorecard "nope"',
              },
              response: { statusCode: 404 },
            },
            { status: 404 },
          ),
        ),
      );
      const error = await testClient()
        .exportScorecard('nope', 'json')
        .catch(e => e);
      expect(ResponseError.is(error)).toBe(true);
      expect(error.body.error.message).toBe('Unknown scorecard "nope"');
    });

    it('reads file names from Content-Disposition', () => {
      expect(dispositionFilename('attachment; filename="a b.csv"')).toBe(
        'a b.csv',
      );
      expect(dispositionFilename('attachment; filename=plain.json')).toBe(
        'plain.json',
      );
      expect(
        dispositionFilename(
          'attachment; filename="fallback.csv"; filename*=UTF-8\'\'%C3%A9t%C3%A9.csv',
        ),
      ).toBe('été.csv');
      expect(dispositionFilename('attachment')).toBeUndefined();
      expect(dispositionFilename(null)).toBeUndefined();
    });
  });
});
