import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  formatPath,
  isPrototypePolluted,
  MutatedPayload,
  RawRequest,
  toJsonText,
} from './fuzzPayloads';
import { pluginTables, snapshotTables } from './pluginDatabase';
import {
  ReliabilityTestBackend,
  serviceHeaders,
  startReliabilityTestBackend,
} from './startReliabilityTestBackend';
import { waitUntil } from './waitUntil';
import { API_CATALOG_YAML } from './testCatalog';

/**
 * The catalog of the fuzz tests: one component, a ratio SLO and a threshold
 * SLO, both reading the built-in store.
 */
export const FUZZ_CATALOG_YAML = `${API_CATALOG_YAML}---
apiVersion: openslo/v1
kind: SLO
metadata: { name: api-latency }
spec:
  service: api
  indicator:
    metadata: { name: api-latency-sli }
    spec:
      thresholdMetric: { metricSource: { type: BuiltIn, spec: { metric: latency } } }
  timeWindow: [{ duration: 7d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ op: lte, value: 0.3, target: 0.95 }]
`;

/** An HTTP answer, the body parsed as JSON when it is JSON. */
export interface FuzzAnswer {
  status: number;
  body: any;
}

/**
 * How many generated requests a property sends: `runs` on SQLite, half on
 * PostgreSQL (each request costs more there, and most code paths are the
 * same); `RELIABILITY_FUZZ_RUNS` overrides both, e.g. for a long soak.
 */
export function fuzzRuns(databaseId: TestDatabaseId, runs: number): number {
  const override = Number(process.env.RELIABILITY_FUZZ_RUNS);
  if (override > 0) return override;
  return databaseId.startsWith('POSTGRES') ? Math.ceil(runs / 2) : runs;
}

/**
 * What a 4xx must say: an error with a message of reasonable length; a 400
 * for a near-valid body names the changed field or a path above it (for a
 * deletion, the parent), e.g. `events[0]` for a change at `events[0].good`.
 */
export function expectClearRejection(
  answer: FuzzAnswer,
  mutated?: MutatedPayload,
) {
  const message = answer.body?.error?.message;
  if (typeof message !== 'string' || message.length < 10) {
    throw new Error(
      `${answer.status} without a clear error message: ${JSON.stringify(
        answer.body,
      )?.slice(0, 500)}`,
    );
  }
  if (message.length > 5000) {
    throw new Error(
      `${answer.status} with a message of ${
        message.length
      } characters: ${message.slice(0, 500)}`,
    );
  }
  if (answer.status !== 400 || !mutated || mutated.mutation === 'none') {
    return;
  }
  const { path } = mutated;
  // An unknown key added at the top is named by the key itself.
  if (mutated.mutation === 'add-key' && path.length === 0) return;
  // Deleting leaves the problem at the parent ("events: must contain at
  // least 1 element") or at the deleted key ("events[0].slo: Required").
  const shortest =
    mutated.mutation === 'delete'
      ? Math.max(1, Math.min(path.length - 1, 2))
      : Math.min(path.length, 2);
  const named: string[] = [];
  for (let n = shortest; n <= path.length; n++) {
    if (n > 0) named.push(formatPath(path.slice(0, n)));
  }
  if (named.length > 0 && !named.some(p => message.includes(p))) {
    throw new Error(
      `400 does not name ${named.join(' or ')}: ${message.slice(0, 500)}`,
    );
  }
}

/** A test backend for fuzzing write endpoints, with its database at hand. */
export interface FuzzBackend {
  backend: ReliabilityTestBackend;
  /** The reliability plugin's database. */
  knex: Knex;
  /** The plugin's tables, read by {@link FuzzBackend.snapshot}. */
  tables: string[];
  /** Every row of the plugin's tables, comparable as a string. */
  snapshot(): Promise<string>;
  post(
    path: string,
    body: string | Uint8Array,
    headers: Record<string, string>,
  ): Promise<FuzzAnswer>;
  /** Posts a generated payload as JSON (see `toJsonText`). */
  postJson(path: string, payload: unknown): Promise<FuzzAnswer>;
  postRaw(path: string, raw: RawRequest): Promise<FuzzAnswer>;
  /**
   * Sends a request and checks the answer: never a 5xx, no prototype
   * pollution, and a rejection (4xx) has a clear message (see
   * {@link expectClearRejection}) and leaves every table as it was.
   */
  expectSafe(
    path: string,
    send: () => Promise<FuzzAnswer>,
    mutated?: MutatedPayload,
  ): Promise<FuzzAnswer>;
  stop(): Promise<void>;
}

/**
 * Starts the backend with {@link FUZZ_CATALOG_YAML} on `knex` (from
 * `TestDatabases`) and waits until both SLOs take events.
 */
export async function startFuzzBackend(knex: Knex): Promise<FuzzBackend> {
  const backend = await startReliabilityTestBackend({
    catalogYaml: FUZZ_CATALOG_YAML,
    waitFor: 'slo/default/api-latency',
    database: knex,
  });
  const tables = await pluginTables(knex);
  const snapshot = () => snapshotTables(knex, tables);

  const post = async (
    path: string,
    body: string | Uint8Array,
    headers: Record<string, string>,
  ): Promise<FuzzAnswer> => {
    const res = await fetch(`${backend.base}/reliability${path}`, {
      method: 'POST',
      headers: { ...serviceHeaders, ...headers },
      body,
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  };
  const postJson = (path: string, payload: unknown) =>
    post(path, toJsonText(payload), { 'content-type': 'application/json' });
  const postRaw = (path: string, raw: RawRequest) =>
    post(path, raw.body, {
      ...raw.headers,
      ...(raw.contentType ? { 'content-type': raw.contentType } : {}),
    });

  const expectSafe = async (
    path: string,
    send: () => Promise<FuzzAnswer>,
    mutated?: MutatedPayload,
  ) => {
    const before = await snapshot();
    const answer = await send();
    if (answer.status >= 500) {
      throw new Error(
        `${path} answered ${answer.status}: ${JSON.stringify(
          answer.body,
        )?.slice(0, 1000)}`,
      );
    }
    if (isPrototypePolluted()) {
      throw new Error(`${path}: Object.prototype was polluted`);
    }
    if (answer.status >= 400) {
      expectClearRejection(answer, mutated);
      if ((await snapshot()) !== before) {
        throw new Error(
          `${path} answered ${answer.status} (${String(
            answer.body?.error?.message,
          ).slice(0, 300)}) but changed the stored state`,
        );
      }
    }
    return answer;
  };

  // The SLO list is cached; wait until both SLOs take events.
  await waitUntil(
    async () =>
      (
        await backend.post('/v1/sli-events', {
          idempotencyKey: 'warm-up',
          events: [
            { slo: 'api-latency', timestamp: Date.now(), value: 0.1 },
            {
              slo: 'api-availability',
              timestamp: Date.now(),
              good: 1,
              total: 1,
            },
          ],
        })
      ).status === 200,
    () => 'both SLOs to accept events',
  );

  return {
    backend,
    knex,
    tables,
    snapshot,
    post,
    postJson,
    postRaw,
    expectSafe,
    stop: () => backend.stop(),
  };
}
