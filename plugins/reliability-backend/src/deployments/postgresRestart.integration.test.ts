import knexFactory, { Knex } from 'knex';
import {
  ReliabilityTestBackend,
  serviceHeaders,
  startReliabilityTestBackend,
} from '../__testUtils__/startReliabilityTestBackend';
import {
  postgresBinariesOrSkipReason,
  startThrowawayPostgres,
  ThrowawayPostgres,
} from '../__testUtils__/throwawayPostgres';
import { API_CATALOG_YAML } from '../__testUtils__/testCatalog';

// PostgreSQL restarts (fast and immediate) while ingestion runs: every
// request is answered 2xx or 5xx within a bound, a 2xx is stored, a failed
// batch leaves nothing half-written, retrying with the same ids or
// idempotency key gives exactly one copy, and the backend's pool (Backstage's
// DatabaseService, knex over pg) reconnects without a restart. The server is
// the test's own: restarting the shared one would break other tests.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SLO_REF = 'slo:default/api-availability';
// Two insert statements per deployment batch (500 rows each at most), so a
// restart can land between them.
const DEPLOYMENTS_PER_BATCH = 600;
// Each SLI batch owns its own 10 minutes, so its rows can be told apart.
const MINUTES_PER_SLI_BATCH = 10;
const EVENTS_PER_MINUTE = 5;
const TOTAL_PER_EVENT = 10;
const SLI_TOTAL_PER_BATCH =
  MINUTES_PER_SLI_BATCH * EVENTS_PER_MINUTE * TOTAL_PER_EVENT;
const WRITERS = 4;
// A request must be answered within this; a hang fails the test.
const ANSWER_BOUND_MS = 30_000;

type Outcome = number | `no answer: ${string}`;

interface Sent {
  kind: 'deployments' | 'sli';
  n: number;
  body: unknown;
  ids: string[];
  firstFrom: number;
  outcome?: Outcome;
  answer?: any;
}

const { bin, skipReason } = postgresBinariesOrSkipReason();
const describeWithPostgres = bin ? describe : describe.skip;

describeWithPostgres(
  `PostgreSQL restarts during ingestion${
    skipReason ? ` (skipped: ${skipReason})` : ''
  }`,
  () => {
    let pg: ThrowawayPostgres | undefined;
    let backend: ReliabilityTestBackend | undefined;
    let knex: Knex | undefined;
    // knex logs each dropped connection with console.log; count them instead.
    const knexLogged: string[] = [];
    const consoleLog = console.log;

    beforeAll(() => {
      jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
        const text = args.map(String).join(' ');
        if (/^(Connection Error|Acquire connection error)/.test(text)) {
          knexLogged.push(text);
        } else {
          consoleLog(...args);
        }
      });
    });

    afterAll(async () => {
      jest.restoreAllMocks();
      await knex?.destroy();
      await backend?.stop();
      pg?.stop();
    });

    const minuteZero = Math.floor(Date.now() / MINUTE) * MINUTE - DAY;

    function deploymentBatch(n: number): Sent {
      const deployments = Array.from(
        { length: DEPLOYMENTS_PER_BATCH },
        (_, i) => {
          const startedAt = minuteZero - n * MINUTE + i;
          return {
            id: `restart-${n}-${i}`,
            entity: 'api',
            environment: 'production',
            status: 'succeeded',
            version: `1.${n}.${i}`,
            startedAt,
            finishedAt: startedAt + MINUTE,
          };
        },
      );
      return {
        kind: 'deployments',
        n,
        body: { deployments },
        ids: deployments.map(d => d.id),
        firstFrom: 0,
      };
    }

    function sliBatch(n: number): Sent {
      // Batch n owns minutes [from, from + 10 min), going back from a day ago.
      const from = minuteZero - (n + 1) * MINUTES_PER_SLI_BATCH * MINUTE;
      const events = [];
      for (let m = 0; m < MINUTES_PER_SLI_BATCH; m++) {
        for (let e = 0; e < EVENTS_PER_MINUTE; e++) {
          events.push({
            slo: SLO_REF,
            timestamp: from + m * MINUTE + e * 1000,
            good: TOTAL_PER_EVENT - 1,
            total: TOTAL_PER_EVENT,
          });
        }
      }
      return {
        kind: 'sli',
        n,
        body: { idempotencyKey: `restart-${n}`, events },
        ids: [`restart-${n}`],
        firstFrom: from,
      };
    }

    async function send(sent: Sent): Promise<{ outcome: Outcome; body: any }> {
      const path =
        sent.kind === 'deployments' ? '/v1/deployments' : '/v1/sli-events';
      try {
        const res = await fetch(`${backend!.base}/reliability${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...serviceHeaders },
          body: JSON.stringify(sent.body),
          signal: AbortSignal.timeout(ANSWER_BOUND_MS),
        });
        const text = await res.text();
        let body: any = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        return { outcome: res.status, body };
      } catch (error) {
        return { outcome: `no answer: ${String(error)}`, body: undefined };
      }
    }

    /** What the database holds of a batch: how many of its ids, rows. */
    async function stored(sent: Sent) {
      if (sent.kind === 'deployments') {
        const [{ n }] = await knex!('deployments')
          .whereIn('id', sent.ids)
          .count({ n: '*' });
        return { keys: Number(n), total: 0 };
      }
      const [{ n }] = await knex!('sli_event_batches')
        .where({ idempotency_key: sent.ids[0] })
        .count({ n: '*' });
      const [{ total }] = await knex!('sli_minute_buckets')
        .where({ slo_ref: SLO_REF })
        .andWhere('bucket_start', '>=', sent.firstFrom)
        .andWhere(
          'bucket_start',
          '<',
          sent.firstFrom + MINUTES_PER_SLI_BATCH * MINUTE,
        )
        .sum({ total: 'total' });
      return { keys: Number(n), total: Number(total ?? 0) };
    }

    it('answers 2xx or 5xx, stores no half batch, and keeps one copy per id after retries', async () => {
      pg = await startThrowawayPostgres(bin!);
      backend = await startReliabilityTestBackend({
        catalogYaml: API_CATALOG_YAML,
        waitFor: 'slo/default/api-availability',
        rootConfig: {
          backend: { database: { client: 'pg', connection: pg.connection } },
        },
      });

      const sent: Sent[] = [];
      let next = 0;
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const n = next++;
          const batch = n % 2 === 0 ? deploymentBatch(n) : sliBatch(n);
          sent.push(batch);
          const { outcome, body } = await send(batch);
          batch.outcome = outcome;
          batch.answer = body;
          // While the server is down failures come fast: do not spin.
          if (outcome !== 200) await new Promise(r => setTimeout(r, 50));
        }
      };
      const succeeded = () => sent.filter(s => s.outcome === 200).length;
      const waitForSuccesses = async (count: number) => {
        const target = succeeded() + count;
        const deadline = Date.now() + 60_000;
        while (succeeded() < target) {
          if (Date.now() > deadline) {
            throw new Error(
              `no recovery: ${succeeded()} successes, last outcomes ${sent
                .slice(-5)
                .map(s => s.outcome)}`,
            );
          }
          await new Promise(r => setTimeout(r, 100));
        }
      };

      const writers = Array.from({ length: WRITERS }, writer);
      await waitForSuccesses(20);
      const restarts: Array<{ mode: string; sentBefore: number }> = [];
      for (const mode of ['fast', 'immediate'] as const) {
        restarts.push({ mode, sentBefore: sent.length });
        await pg.restart(mode);
        // Writing again without restarting the backend: the pool reconnects.
        await waitForSuccesses(20);
      }
      stop = true;
      await Promise.all(writers);

      const outcomes = new Map<Outcome, number>();
      for (const s of sent) {
        outcomes.set(s.outcome!, (outcomes.get(s.outcome!) ?? 0) + 1);
      }
      // Every request was answered, with a 2xx or a 5xx, within the bound.
      const unexpected = sent.filter(
        s =>
          typeof s.outcome !== 'number' ||
          (s.outcome !== 200 && (s.outcome < 500 || s.outcome > 599)),
      );
      expect(
        unexpected.map(s => ({ outcome: s.outcome, answer: s.answer })),
      ).toEqual([]);
      const failed = sent.filter(s => s.outcome !== 200);
      // The restarts did hit requests (otherwise this proves nothing).
      expect(failed.length).toBeGreaterThan(0);

      knex = knexFactory({
        client: 'pg',
        connection: {
          ...pg.connection,
          database: 'backstage_plugin_reliability',
        },
      });

      // A 2xx was stored in full; a failed batch is all there (its commit
      // went through but the answer was lost) or not there at all.
      let failedButStored = 0;
      const halfWritten: object[] = [];
      for (const s of sent) {
        const { keys, total } = await stored(s);
        const full = {
          keys: s.kind === 'deployments' ? s.ids.length : 1,
          total: s.kind === 'deployments' ? 0 : SLI_TOTAL_PER_BATCH,
        };
        const allowed =
          s.outcome === 200 ? [full] : [{ keys: 0, total: 0 }, full];
        if (!allowed.some(a => a.keys === keys && a.total === total)) {
          halfWritten.push({
            kind: s.kind,
            n: s.n,
            outcome: s.outcome,
            keys,
            total,
          });
        }
        if (s.outcome !== 200 && keys) failedButStored++;
      }
      expect(halfWritten).toEqual([]);

      // Retry every failed batch with the same body: the same ids, the same
      // idempotency key.
      for (const s of failed) {
        const { outcome, body } = await send(s);
        expect({ n: s.n, outcome, body }).toEqual({
          n: s.n,
          outcome: 200,
          body: expect.any(Object),
        });
      }

      // Exactly one copy of each: one row per deployment id, each SLI batch
      // counted once.
      const deploymentBatches = sent.filter(s => s.kind === 'deployments');
      const sliBatches = sent.filter(s => s.kind === 'sli');
      const [{ rows }] = await knex('deployments')
        .where('id', 'like', 'restart-%')
        .count({ rows: '*' });
      expect(Number(rows)).toBe(
        deploymentBatches.length * DEPLOYMENTS_PER_BATCH,
      );
      const [{ keys }] = await knex('sli_event_batches')
        .where('idempotency_key', 'like', 'restart-%')
        .count({ keys: '*' });
      expect(Number(keys)).toBe(sliBatches.length);
      const [{ total }] = await knex('sli_minute_buckets')
        .where({ slo_ref: SLO_REF })
        .sum({ total: 'total' });
      expect(Number(total)).toBe(sliBatches.length * SLI_TOTAL_PER_BATCH);

      // Reads are served by the same backend, from the same pool.
      const page = await backend.get(
        '/v1/entities/component/default/api/deployments?limit=1',
      );
      expect(page.status).toBe(200);
      expect(page.body.totalCount).toBe(
        deploymentBatches.length * DEPLOYMENTS_PER_BATCH,
      );
      const summary = await backend.get(
        '/v1/entities/component/default/api/summary',
      );
      expect(summary.status).toBe(200);

      // For the report in the test output.
      process.stdout.write(
        `postgresRestart: ${sent.length} batches (${
          deploymentBatches.length
        } deployment, ${sliBatches.length} SLI), outcomes ${JSON.stringify(
          Object.fromEntries(outcomes),
        )}, retried ${
          failed.length
        } (${failedButStored} of them had been committed), knex logged ${
          knexLogged.length
        } dropped connections, restarts ${JSON.stringify(restarts)}\n`,
      );
    }, 180_000);
  },
);
