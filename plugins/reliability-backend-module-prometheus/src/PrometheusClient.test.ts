import http from 'node:http';
import { AddressInfo } from 'node:net';
import { PrometheusInstance } from './config';
import { PrometheusClient } from './PrometheusClient';

type Handler = (
  params: URLSearchParams,
  req: http.IncomingMessage,
) => { status: number; body: unknown; delayMs?: number };

describe('PrometheusClient', () => {
  let server: http.Server;
  let handler: Handler;
  let url: string;
  let inFlight = 0;
  let maxInFlight = 0;
  const seen: Array<{
    params: URLSearchParams;
    headers: http.IncomingHttpHeaders;
  }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', chunk => {
        data += chunk;
      });
      req.on('end', () => {
        const params = new URLSearchParams(data);
        seen.push({ params, headers: req.headers });
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const answer = handler(params, req);
        setTimeout(() => {
          inFlight--;
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer.body));
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));
  beforeEach(() => {
    seen.length = 0;
    maxInFlight = 0;
  });

  const instance = (
    over: Partial<PrometheusInstance> = {},
  ): PrometheusInstance => ({
    name: 'test',
    url,
    headers: { Authorization: 'Bearer s3cret', 'X-Scope-OrgID': 'team-a' },
    timeoutMs: 2000,
    retries: 2,
    retryBackoffMs: 1,
    ...over,
  });
  const matrix = (points: Array<[number, string]>) => ({
    status: 'success',
    data: { resultType: 'matrix', result: [{ metric: {}, values: points }] },
  });
  const client = (max = 8) =>
    new PrometheusClient({ maxConcurrentQueries: max, cacheTtlMs: 0 });

  it('sends the query with auth and tenant headers and parses points', async () => {
    handler = () => ({
      status: 200,
      body: matrix([
        [3600, '5'],
        [7200, 'NaN'],
      ]),
    });
    const series = await client().queryRange(instance(), 'up', {
      start: 3_600_000,
      end: 7_200_000,
      stepMs: 3_600_000,
    });
    expect(series[0].points[0]).toEqual({ at: 3_600_000, value: 5 });
    expect(series[0].points[1].value).toBeNaN();
    expect(seen[0].params.get('query')).toBe('up');
    expect(seen[0].params.get('step')).toBe('3600');
    expect(seen[0].headers.authorization).toBe('Bearer s3cret');
    expect(seen[0].headers['x-scope-orgid']).toBe('team-a');
  });

  it('throws bad queries at once with Prometheus error text', async () => {
    handler = () => ({
      status: 400,
      body: {
        status: 'error',
        errorType: 'bad_data',
        error: 'parse error: unexpected "}"',
      },
    });
    await expect(
      client().queryRange(instance(), 'up}', {
        start: 0,
        end: 60_000,
        stepMs: 60_000,
      }),
    ).rejects.toThrow(
      'Prometheus instance "test" answered 400: bad_data: parse error: unexpected "}"; query: up}',
    );
    expect(seen).toHaveLength(1);
  });

  it('retries 5xx with backoff and then succeeds', async () => {
    let calls = 0;
    handler = () =>
      ++calls < 3
        ? {
            status: 503,
            body: { status: 'error', errorType: 'unavailable', error: 'busy' },
          }
        : { status: 200, body: matrix([[60, '1']]) };
    const c = client();
    await c.queryRange(instance(), 'up', {
      start: 60_000,
      end: 60_000,
      stepMs: 60_000,
    });
    expect(calls).toBe(3);
    expect(c.stats()).toMatchObject({ requests: 3, queries: 1, retries: 2 });
  });

  it('gives up after the retries with the last error', async () => {
    handler = () => ({
      status: 500,
      body: { status: 'error', errorType: 'internal', error: 'boom' },
    });
    await expect(
      client().queryRange(instance({ retries: 1 }), 'up', {
        start: 0,
        end: 0,
        stepMs: 1000,
      }),
    ).rejects.toThrow('answered 500: internal: boom (after 2 attempts)');
  });

  it('times out slow answers and says so', async () => {
    handler = () => ({ status: 200, body: matrix([]), delayMs: 500 });
    await expect(
      client().queryRange(instance({ timeoutMs: 50, retries: 0 }), 'up', {
        start: 0,
        end: 0,
        stepMs: 1000,
      }),
    ).rejects.toThrow('did not answer within 50 ms');
    // Let the server finish the abandoned request before the next test.
    await new Promise(r => setTimeout(r, 600));
  });

  it('reports unreachable servers', async () => {
    await expect(
      client().queryRange(
        instance({ url: 'http://127.0.0.1:1', retries: 0 }),
        'up',
        {
          start: 0,
          end: 0,
          stepMs: 1000,
        },
      ),
    ).rejects.toThrow(/could not be reached/);
  });

  it('keeps at most maxConcurrentQueries in flight', async () => {
    handler = () => ({ status: 200, body: matrix([]), delayMs: 20 });
    const c = client(3);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        c.queryRange(instance(), `q${i}`, { start: 0, end: 0, stepMs: 1000 }),
      ),
    );
    expect(maxInFlight).toBe(3);
    expect(c.stats().peakConcurrent).toBe(3);
  });

  it('splits queries over 11,000 points and merges the series', async () => {
    handler = params => {
      const start = Number(params.get('start'));
      return { status: 200, body: matrix([[start, '1']]) };
    };
    const series = await client().queryRange(instance(), 'up', {
      start: 0,
      end: 20_000 * 60_000,
      stepMs: 60_000,
    });
    expect(seen.map(s => Number(s.params.get('start')))).toEqual([0, 660_000]);
    expect(series).toHaveLength(1);
    expect(series[0].points.map(p => p.at)).toEqual([0, 660_000_000]);
  });

  it('reuses answers within the cache time', async () => {
    handler = () => ({ status: 200, body: matrix([[0, '1']]) });
    const c = new PrometheusClient({
      maxConcurrentQueries: 2,
      cacheTtlMs: 10_000,
    });
    const range = { start: 0, end: 0, stepMs: 1000 };
    await c.queryRange(instance(), 'up', range);
    await c.queryRange(instance(), 'up', range);
    expect(seen).toHaveLength(1);
    expect(c.stats().cacheHits).toBe(1);
  });
});
