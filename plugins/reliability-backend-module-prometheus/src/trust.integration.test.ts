import { ConfigReader } from '@backstage/config';
import { SliQuery } from '@reliability-kit/plugin-reliability-node';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PrometheusInstance, readPrometheusConfig } from './config';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusSliSource } from './PrometheusSliSource';
import {
  backfillOpenMetrics,
  findPrometheus,
  freePort,
  RunningPrometheus,
  startPrometheus,
} from './__testUtils__/prometheusServer';

// PromQL comes from catalog files, which anyone who can register a location
// writes. These tests hold the client and the source to the trust model in
// docs/prometheus.md: queries reach configured instances only, each answer
// is bounded in time and size, and a configured instance cannot send the
// query, its credentials or its tenant elsewhere.

const MINUTE = 60_000;

/** What a real HTTP server saw and sent. */
interface Recorded {
  requests: Array<{ url: string; params: URLSearchParams }>;
  /** Bytes written to responses before the client went away. */
  bytesWritten: number;
  /** Responses whose client closed the connection before the end. */
  closedEarly: number;
}

type Answer = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: Recorded,
) => void;

/** A real HTTP server on a loopback port, answering with `answer`. */
async function startServer(answer: { current: Answer }) {
  const record: Recorded = { requests: [], bytesWritten: 0, closedEarly: 0 };
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', chunk => {
      data += chunk;
    });
    req.on('end', () => {
      record.requests.push({
        url: req.url ?? '',
        params: new URLSearchParams(data),
      });
      res.on('close', () => {
        if (!res.writableFinished) record.closedEarly++;
      });
      answer.current(req, res, record);
    });
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    record,
    reset() {
      record.requests.length = 0;
      record.bytesWritten = 0;
      record.closedEarly = 0;
    },
    close: () =>
      new Promise<void>(r => {
        for (const socket of sockets) socket.destroy();
        server.close(() => r());
      }),
  };
}

const matrixOf = (series: number, points: number) =>
  JSON.stringify({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: Array.from({ length: series }, (_, i) => ({
        metric: { pod: `p${i}` },
        values: Array.from({ length: points }, (__, t) => [60 * t, '1']),
      })),
    },
  });

/** Writes `chunk` until the client goes away, at most `limit` bytes. */
function writeEndlessly(
  res: http.ServerResponse,
  record: Recorded,
  chunk: string,
  limit: number,
) {
  const pump = () => {
    while (!res.destroyed && record.bytesWritten < limit) {
      record.bytesWritten += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

const range = { start: 0, end: 10 * MINUTE, stepMs: MINUTE };

describe('Prometheus client limits against a real HTTP server', () => {
  const answer: { current: Answer } = {
    current: (_req, res) => res.end(matrixOf(1, 1)),
  };
  let server: Awaited<ReturnType<typeof startServer>>;
  let elsewhere: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer(answer);
    elsewhere = await startServer({
      current: (_req, res) => res.end(matrixOf(1, 1)),
    });
  });
  afterAll(async () => {
    await server.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    server.reset();
    elsewhere.reset();
  });

  const instance = (
    over: Partial<PrometheusInstance> = {},
  ): PrometheusInstance => ({
    name: 'limited',
    url: server.url,
    headers: { Authorization: 'Bearer s3cret', 'X-Scope-OrgID': 'team-a' },
    timeoutMs: 2000,
    retries: 0,
    retryBackoffMs: 1,
    ...over,
  });
  const query = (over: Partial<PrometheusInstance> = {}) =>
    new PrometheusClient({ maxConcurrentQueries: 2, cacheTtlMs: 0 }).queryRange(
      instance(over),
      'up',
      range,
    );

  it('sends the time limit to Prometheus as the timeout parameter', async () => {
    await query({ timeoutMs: 7500 });
    expect(server.record.requests[0].params.get('timeout')).toBe('7.5');
  });

  it('stops reading an endless answer at maxResponseBytes', async () => {
    answer.current = (_req, res, record) => {
      // Chunked: no Content-Length tells the client in advance.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"matrix","result":[');
      writeEndlessly(
        res,
        record,
        `${'{"metric":{},"values":[[0,"1"]]},'.repeat(512)}`,
        64 * 1024 * 1024,
      );
    };
    await expect(query({ maxResponseBytes: 64 * 1024 })).rejects.toThrow(
      'Prometheus instance "limited" answered more than 65536 bytes: result too large; narrow the query (aggregate with sum() or by fewer labels) or raise reliability.prometheus.maxResponseBytes',
    );
    // The client hung up long before the 64 MB the server would send.
    await waitFor(() => server.record.closedEarly === 1);
    expect(server.record.bytesWritten).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses an answer whose Content-Length is over the limit without reading it', async () => {
    const body = matrixOf(50, 100);
    answer.current = (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    await expect(query({ maxResponseBytes: 1000 })).rejects.toThrow(
      `answered ${Buffer.byteLength(body)} bytes: result too large`,
    );
  });

  it('refuses too many series, and too many samples', async () => {
    answer.current = (_req, res) => res.end(matrixOf(11, 1));
    await expect(query({ maxSeries: 10 })).rejects.toThrow(
      'answered 11 series, more than 10: result too large; narrow the query (aggregate with sum() or by fewer labels) or raise reliability.prometheus.maxSeries',
    );
    answer.current = (_req, res) => res.end(matrixOf(3, 40));
    await expect(query({ maxSamples: 100 })).rejects.toThrow(
      'answered 120 samples, more than 100: result too large',
    );
    // Within the limits, the same answers are read.
    expect(await query({ maxSeries: 11, maxSamples: 120 })).toHaveLength(3);
  });

  it('does not retry an answer that is too large', async () => {
    answer.current = (_req, res) => res.end(matrixOf(5, 1));
    await expect(query({ maxSeries: 1, retries: 3 })).rejects.toThrow(
      'result too large',
    );
    expect(server.record.requests).toHaveLength(1);
  });

  it('gives up on a server that sends headers and then trickles the answer', async () => {
    answer.current = (_req, res, record) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => {
        if (res.destroyed) {
          clearInterval(drip);
          return;
        }
        record.bytesWritten += 1;
        res.write(' ');
      }, 20);
    };
    await expect(query({ timeoutMs: 300 })).rejects.toThrow(
      'Prometheus instance "limited" did not answer within 300 ms',
    );
    await waitFor(() => server.record.closedEarly === 1);
  });

  it('does not follow a redirect, so credentials and tenant stay with the instance', async () => {
    answer.current = (_req, res) =>
      res
        .writeHead(307, { location: `${elsewhere.url}/api/v1/query_range` })
        .end();
    await expect(query()).rejects.toThrow(
      `Prometheus instance "limited" answered 307 redirecting to ${elsewhere.url}/api/v1/query_range; redirects are not followed`,
    );
    expect(elsewhere.record.requests).toEqual([]);
  });
});

describe('PromQL from the catalog reaches configured instances only', () => {
  let configured: Awaited<ReturnType<typeof startServer>>;
  let unlisted: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    const ok = { current: ((_req, res) => res.end(matrixOf(1, 1))) as Answer };
    configured = await startServer(ok);
    unlisted = await startServer(ok);
  });
  afterAll(async () => {
    await configured.close();
    await unlisted.close();
  });
  beforeEach(() => {
    configured.reset();
    unlisted.reset();
  });

  const source = () =>
    new PrometheusSliSource(
      readPrometheusConfig(
        new ConfigReader({
          reliability: {
            prometheus: {
              instances: [{ name: 'main', url: configured.url, retries: 0 }],
            },
          },
        }),
      ),
    );

  /** An SLI query for a ratio SLO whose metric sources are `metricSource`. */
  const sliQuery = (metricSource: Record<string, unknown>): SliQuery =>
    ({
      slo: {
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: { name: 'hostile' },
        spec: {
          service: 'x',
          timeWindow: [{ duration: '1h', isRolling: true }],
          budgetingMethod: 'Occurrences',
          objectives: [{ target: 0.99 }],
        },
      },
      indicator: {
        metadata: { name: 'hostile' },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource },
            total: { metricSource },
          },
        },
      },
      objectiveIndex: 0,
      start: 0,
      end: 60 * MINUTE,
      resolutionMs: 5 * MINUTE,
    } as unknown as SliQuery);

  it.each([
    ['an unknown instance', () => 'secondary'],
    ['a URL', () => `${unlisted.url}/`],
    ['the URL of the configured server', () => configured.url],
  ])(
    'refuses a metricSourceRef that names %s, sending nothing',
    async (_what, nameOf) => {
      const name = nameOf();
      await expect(
        source().readSamples(
          sliQuery({
            type: 'Prometheus',
            metricSourceRef: name,
            spec: { query: 'sum(rate(x[{{.window}}]))' },
          }),
        ),
      ).rejects.toThrow(
        `metricSourceRef "${name}" is not a configured Prometheus instance; configured: main`,
      );
      expect(configured.record.requests).toEqual([]);
      expect(unlisted.record.requests).toEqual([]);
    },
  );

  it('ignores URLs and headers in the metric source spec', async () => {
    await source().readSamples(
      sliQuery({
        type: 'Prometheus',
        spec: {
          query: 'sum(rate(x[{{.window}}]))',
          url: unlisted.url,
          prometheusUrl: unlisted.url,
          headers: { 'X-Scope-OrgID': 'other-tenant' },
        },
      }),
    );
    expect(configured.record.requests.length).toBeGreaterThan(0);
    expect(unlisted.record.requests).toEqual([]);
  });
});

const binaries = findPrometheus();
const inCi = process.env.CI === 'true';
if (!binaries.ok && !inCi) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping the real Prometheus limit tests: ${binaries.reason}`);
}
const describeWithPrometheus = binaries.ok || inCi ? describe : describe.skip;

describeWithPrometheus(
  'Prometheus client limits against a real Prometheus',
  () => {
    jest.setTimeout(60_000);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-trust-'));
    let prometheus: RunningPrometheus | undefined;
    const end = Math.floor(Date.now() / MINUTE) * MINUTE;
    const PODS = 200;

    beforeAll(async () => {
      if (!binaries.ok) throw new Error(binaries.reason);
      // 200 pods, one counter each, a sample a minute over the last 2 hours.
      const lines = ['# TYPE http_requests counter'];
      for (let pod = 0; pod < PODS; pod++) {
        for (let at = end - 120 * MINUTE; at <= end; at += MINUTE) {
          const value = ((at - (end - 120 * MINUTE)) / MINUTE) * 10;
          lines.push(
            `http_requests_total{job="api",pod="p${pod}"} ${value} ${
              at / 1000
            }`,
          );
        }
      }
      const file = path.join(work, 'data.om');
      fs.writeFileSync(file, `${lines.join('\n')}\n# EOF\n`);
      backfillOpenMetrics(file, path.join(work, 'data'));
      prometheus = await startPrometheus({
        dataDir: path.join(work, 'data'),
        port: await freePort(),
      });
    }, 120_000);

    afterAll(async () => {
      await prometheus?.stop();
      fs.rmSync(work, { recursive: true, force: true });
    });

    const real = (
      over: Partial<PrometheusInstance> = {},
    ): PrometheusInstance => ({
      name: 'real',
      url: prometheus!.url,
      headers: {},
      timeoutMs: 10_000,
      retries: 0,
      retryBackoffMs: 1,
      ...over,
    });
    const lastHour = { start: end - 60 * MINUTE, end, stepMs: MINUTE };
    const client = () =>
      new PrometheusClient({ maxConcurrentQueries: 2, cacheTtlMs: 0 });

    it('reads an aggregated SLI query within the default limits', async () => {
      const series = await client().queryRange(
        real(),
        'sum(rate(http_requests_total{job="api"}[5m]))',
        lastHour,
      );
      expect(series).toHaveLength(1);
      expect(series[0].points).toHaveLength(61);
      // 10 a minute per pod.
      expect(series[0].points[30].value).toBeCloseTo((PODS * 10) / 60, 6);
    });

    it('refuses the same query without aggregation: one series per pod', async () => {
      await expect(
        client().queryRange(
          real({ maxSeries: 100 }),
          'rate(http_requests_total{job="api"}[5m])',
          lastHour,
        ),
      ).rejects.toThrow(
        `Prometheus instance "real" answered ${PODS} series, more than 100: result too large`,
      );
    });

    it('cuts off a real answer over maxResponseBytes', async () => {
      await expect(
        client().queryRange(
          real({ maxResponseBytes: 100_000 }),
          'http_requests_total',
          lastHour,
        ),
      ).rejects.toThrow(
        'Prometheus instance "real" answered more than 100000 bytes: result too large',
      );
    });
  },
);

/** Polls `check` every 20 ms for up to 5 s. */
async function waitFor(check: () => boolean) {
  for (let i = 0; i < 250 && !check(); i++) {
    await new Promise(r => setTimeout(r, 20));
  }
  expect(check()).toBe(true);
}
