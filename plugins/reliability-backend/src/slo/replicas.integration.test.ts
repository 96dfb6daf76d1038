import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import YAML from 'yaml';
import {
  DemoBackendProcess,
  repoRoot,
} from '../__testUtils__/demoBackendProcess';
import {
  postgresBinariesOrSkipReason,
  startThrowawayPostgres,
  ThrowawayPostgres,
} from '../__testUtils__/throwawayPostgres';
import { API_CATALOG_YAML } from '../__testUtils__/testCatalog';

// Two replicas of the demo backend (child processes, with Backstage's real
// scheduler) on one PostgreSQL: the global evaluation task runs once per
// cycle, never on both at once and never ahead of its slot; both replicas
// answer the same; a replica killed mid-cycle leaves the next cycles to the
// other once its lease has expired.
//
// Cycles are seen in the replicas' logs ("Evaluated N SLOs in X ms"). One SLO
// reads a Prometheus-compatible "probe" on a path per replica that answers
// an empty series after PROBE_DELAY_MS: it makes each cycle last long enough
// to kill a replica in the middle of one, and tells which replica runs it.

const FREQUENCY_S = 5;
const TIMEOUT_S = 8;
const PROBE_DELAY_MS = 1_200;
const TASK_ID = 'reliability-evaluate-slos';
// Cycles are timed from the logs as the test reads them (every 50 ms); a
// cycle run twice would start seconds before its slot.
const EPSILON_MS = 250;

const catalogYaml = `${API_CATALOG_YAML}---
apiVersion: openslo/v1
kind: SLO
metadata: { name: api-probe }
spec:
  service: api
  indicator:
    metadata: { name: api-probe-ratio }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'probe_total{code!~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'probe_total' } } }
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`;

interface Run {
  replica: string;
  start: number;
  end: number;
  slos: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}\n${describe()}`);
    }
    await sleep(200);
  }
}

/** Responses that may differ between two requests only by the clock. */
function withoutClock(body: any) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const { from: _from, to: _to, ...rest } = body;
  return rest;
}

const { bin, skipReason } = postgresBinariesOrSkipReason();
const describeWithPostgres = bin ? describe : describe.skip;

describeWithPostgres(
  `two backend replicas on one PostgreSQL${
    skipReason ? ` (skipped: ${skipReason})` : ''
  }`,
  () => {
    let pg: ThrowawayPostgres | undefined;
    let knex: Knex | undefined;
    let probe: http.Server | undefined;
    const replicas = new Map<string, DemoBackendProcess>();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-replicas-'));
    const token = crypto.randomBytes(24).toString('hex');
    // Requests to the probe still waiting for their answer, per replica.
    const inFlight = new Map<string, number>();

    afterAll(async () => {
      await Promise.all([...replicas.values()].map(r => r.stop()));
      await knex?.destroy();
      await new Promise(r => (probe ? probe.close(r) : r(undefined)));
      probe?.closeAllConnections();
      pg?.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    // Backstage's JSON log lines carry no time: the test reads the logs
    // every 50 ms and stamps each new line as it sees it. A cycle's end is
    // then known within about that, its start from its logged duration.
    const seen = new Map<string, Array<{ at: number; entry: any }>>();
    const offsets = new Map<string, number>();
    function readLogs() {
      for (const [name, replica] of replicas) {
        let text = '';
        try {
          text = fs.readFileSync(replica.options.logFile, 'utf8');
        } catch {
          continue;
        }
        const from = offsets.get(name) ?? 0;
        const complete = text.lastIndexOf('\n') + 1;
        if (complete <= from) continue;
        offsets.set(name, complete);
        const at = Date.now();
        const lines = seen.get(name) ?? [];
        seen.set(name, lines);
        for (const line of text.slice(from, complete).split('\n')) {
          if (!line.startsWith('{')) continue;
          try {
            lines.push({ at, entry: JSON.parse(line) });
          } catch {
            // not a log entry
          }
        }
      }
    }
    const logReader = setInterval(readLogs, 50);
    afterAll(() => clearInterval(logReader));

    function runsOf(name: string): Run[] {
      return (seen.get(name) ?? []).flatMap(({ at, entry }) => {
        const match = /^Evaluated (\d+) SLOs in (\d+) ms/.exec(
          String(entry.message),
        );
        if (!match) return [];
        return [
          {
            replica: name,
            start: at - Number(match[2]),
            end: at,
            slos: Number(match[1]),
          },
        ];
      });
    }
    const allRuns = () =>
      [...replicas.keys()].flatMap(runsOf).sort((a, b) => a.start - b.start);

    async function taskRow() {
      return knex!('backstage_backend_tasks__tasks')
        .where({ id: TASK_ID })
        .first();
    }

    async function get(replica: string, urlPath: string) {
      const res = await fetch(
        `${replicas.get(replica)!.base}/api/reliability${urlPath}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      return { status: res.status, body: withoutClock(await res.json()) };
    }

    it('runs each cycle once, answers the same on both, and fails over', async () => {
      pg = await startThrowawayPostgres(bin!);

      probe = http.createServer((req, res) => {
        const replica = req.url!.split('/')[1];
        inFlight.set(replica, (inFlight.get(replica) ?? 0) + 1);
        req.resume();
        setTimeout(() => {
          inFlight.set(replica, inFlight.get(replica)! - 1);
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify({
              status: 'success',
              data: { resultType: 'matrix', result: [] },
            }),
          );
        }, PROBE_DELAY_MS);
      });
      const probePort = await freePort();
      await new Promise<void>(r => probe!.listen(probePort, '127.0.0.1', r));

      const catalogFile = path.join(tmp, 'catalog.yaml');
      fs.writeFileSync(catalogFile, catalogYaml);
      const demoConfig = YAML.parse(
        fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
      );
      delete demoConfig.reliability?.demo;
      for (const name of ['a', 'b']) {
        const port = await freePort();
        const config = {
          ...demoConfig,
          backend: {
            ...demoConfig.backend,
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { port, host: '127.0.0.1' },
            database: { client: 'pg', connection: pg.connection },
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token, subject: 'replicas-test' },
                },
              ],
            },
          },
          catalog: {
            processingInterval: { seconds: 2 },
            rules: [{ allow: ['Component', 'Group', 'Location', 'SLO'] }],
            locations: [{ type: 'file', target: catalogFile }],
          },
          reliability: {
            ...demoConfig.reliability,
            evaluation: {
              frequency: { seconds: FREQUENCY_S },
              timeout: { seconds: TIMEOUT_S },
              initialDelay: { seconds: 1 },
            },
            prometheus: {
              cacheTtl: { seconds: 0 },
              instances: [
                {
                  name: 'probe',
                  url: `http://127.0.0.1:${probePort}/${name}`,
                  retries: 0,
                  timeout: { seconds: 10 },
                },
              ],
            },
          },
        };
        const configFile = path.join(tmp, `config-${name}.yaml`);
        fs.writeFileSync(configFile, YAML.stringify(config));
        const replica = new DemoBackendProcess({
          configFile,
          logFile: path.join(tmp, `backend-${name}.log`),
          port,
        });
        replicas.set(name, replica);
      }
      // One after the other: both migrate the same databases at start-up.
      for (const replica of replicas.values()) {
        replica.start();
        await replica.waitUntilReady(150_000);
      }
      knex = knexFactory({
        client: 'pg',
        connection: {
          ...pg.connection,
          database: 'backstage_plugin_reliability',
        },
      });
      const logs = () =>
        [...replicas.entries()]
          .map(([name, r]) => `--- ${name}:\n${r.logTail(15)}`)
          .join('\n');

      // 1. Both alive: from an idle moment on, the cycles' slots are S,
      // S + f, S + 2f…; run i starts no earlier than its slot and after the
      // end of run i - 1.
      await waitFor(
        'a cycle over both SLOs',
        () => allRuns().find(r => r.slos === 2),
        60_000,
        logs,
      );
      const idle = await waitFor(
        'an idle task row',
        async () => {
          const row = await taskRow();
          return row && !row.current_run_ticket
            ? { at: Date.now(), slot: new Date(row.next_run_start_at) }
            : undefined;
        },
        30_000,
      );
      const observed = await waitFor(
        'five cycles',
        () => {
          const runs = allRuns().filter(r => r.start > idle.at);
          return runs.length >= 5 ? runs : undefined;
        },
        60_000,
        logs,
      );
      const outOfOrder = observed
        .map((run, i) => ({
          i,
          run,
          slot: idle.slot.getTime() + i * FREQUENCY_S * 1000,
          previousEnd: i === 0 ? 0 : observed[i - 1].end,
        }))
        .filter(
          ({ run, slot, previousEnd }) =>
            run.start < slot - EPSILON_MS ||
            run.start < previousEnd - EPSILON_MS,
        );
      expect(outOfOrder).toEqual([]);
      expect(observed.map(run => run.slos)).toEqual(observed.map(() => 2));

      // 2. Both answer the same, including data written through the other.
      const deployment = {
        id: 'replicas-1',
        entity: 'api',
        environment: 'production',
        status: 'succeeded',
        startedAt: Date.now() - 3_600_000,
        finishedAt: Date.now() - 3_000_000,
      };
      const posted = await fetch(
        `${replicas.get('a')!.base}/api/reliability/v1/deployments`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(deployment),
        },
      );
      expect(posted.status).toBe(200);
      const sli = await fetch(
        `${replicas.get('b')!.base}/api/reliability/v1/sli-events`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            idempotencyKey: 'replicas-1',
            events: [
              {
                slo: 'api-availability',
                timestamp: Date.now() - 120_000,
                good: 99,
                total: 100,
              },
            ],
          }),
        },
      );
      expect(sli.status).toBe(200);
      const historyTo = Math.floor(Date.now() / 600_000) * 600_000 + 600_000;
      const paths = [
        '/v1/slos',
        '/v1/slos/default/api-availability',
        `/v1/slos/default/api-availability/history?from=${
          historyTo - 86_400_000
        }&to=${historyTo}`,
        '/v1/services',
        '/v1/entities/component/default/api/deployments',
        '/v1/entities/component/default/api/dora',
        // Cached for up to 5 s on the replica that did not run the cycle.
        '/v1/entities/component/default/api/summary',
      ];
      for (const urlPath of paths) {
        // Between two cycles: A, then B, then A again with nothing changed.
        const last = await waitFor(
          `the same answer on both replicas for ${urlPath}`,
          async () => {
            const a1 = await get('a', urlPath);
            const b = await get('b', urlPath);
            const a2 = await get('a', urlPath);
            return JSON.stringify(a1) === JSON.stringify(a2) &&
              JSON.stringify(a1) === JSON.stringify(b)
              ? { a1, b }
              : undefined;
          },
          30_000,
        );
        expect(last.b.status).toBe(200);
      }
      const page = await get(
        'b',
        '/v1/entities/component/default/api/deployments',
      );
      expect(page.body.items.map((d: { id: string }) => d.id)).toEqual([
        'replicas-1',
      ]);

      // 3. Kill the replica that is in the middle of a cycle.
      const victim = await waitFor(
        'a replica in the middle of a cycle',
        () =>
          [...inFlight.entries()].find(([, n]) => n > 0)?.[0] as
            | string
            | undefined,
        3 * FREQUENCY_S * 1000,
      );
      const survivor = victim === 'a' ? 'b' : 'a';
      await replicas.get(victim)!.kill();
      const killedAt = Date.now();
      const lease = await taskRow();
      // The dead replica still holds the lease until it expires.
      expect(lease.current_run_ticket).toEqual(expect.any(String));
      const expiresAt = new Date(lease.current_run_expires_at).getTime();

      // The survivor's janitor frees an expired lease once a minute.
      const takeover = await waitFor(
        `${survivor} to run two cycles after ${victim} died`,
        () => {
          const runs = runsOf(survivor).filter(r => r.start > killedAt);
          return runs.length >= 2 ? runs : undefined;
        },
        (TIMEOUT_S + 60 + 3 * FREQUENCY_S) * 1000,
        logs,
      );
      // Nobody ran while the dead replica's lease was valid.
      expect(takeover[0].start).toBeGreaterThanOrEqual(expiresAt - EPSILON_MS);
      expect(takeover[1].start).toBeGreaterThanOrEqual(takeover[0].end);
      expect(
        (seen.get(survivor) ?? []).some(
          l => l.entry.message === `Task timed out and was lost: ${TASK_ID}`,
        ),
      ).toBe(true);
      const after = await get(survivor, '/v1/slos/default/api-availability');
      expect(after.status).toBe(200);
      expect(after.body.checkedAt).toBeGreaterThan(killedAt);

      const perReplica = Object.fromEntries(
        [...replicas.keys()].map(name => [name, runsOf(name).length]),
      );
      const slots = observed
        .map(
          (run, i) =>
            `${run.replica}@+${
              run.start - (idle.slot.getTime() + i * FREQUENCY_S * 1000)
            }ms`,
        )
        .join(' ');
      process.stdout.write(
        `replicas: cycles per replica ${JSON.stringify(
          perReplica,
        )}; observed cycles vs their slots: ${slots}; killed ${victim} mid-cycle, lease expired ${
          expiresAt - killedAt
        } ms after the kill, ${survivor} took over ${
          takeover[0].start - killedAt
        } ms after the kill\n`,
      );
    }, 300_000);
  },
);
