import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MAX_SLI_EVENTS_PER_BATCH,
  SLI_KIND,
  SLO_KIND,
  type SliEventBatch,
} from '@reliability-kit/plugin-reliability-common';
import {
  demoChunkKey,
  demoChunks,
  demoHistoryEnd,
  type DemoChunk,
} from './chunks';
import {
  demoEvents,
  describeDemoSlo,
  entityRefOf,
  type DemoSlo,
  type EntityLike,
} from './history';
import {
  defaultSleep,
  errorMessage,
  isNotUpYet,
  isTransient,
  type SeedFetch,
} from './http';

import {
  seedDemoDeployments,
  type SeedDemoDeploymentsSummary,
} from './seedDeployments';

export type { SeedFetch } from './http';

/** Waits and retries, overridable for tests. */
export interface SeedTiming {
  /** Between catalog polls; default 5 s. */
  catalogPollMs: number;
  /** Longest wait for the catalog's SLOs; default 3 min. */
  catalogTimeoutMs: number;
  /** First retry delay while the endpoint is not up; doubles, max 15 s. */
  endpointRetryMs: number;
  /** Longest wait for the ingestion endpoint; default 2 min. */
  endpointTimeoutMs: number;
  /** Batches in flight; default 3. */
  concurrency: number;
  /** Retries of a batch after a transient failure; default 3. */
  batchRetries: number;
}

const DEFAULT_TIMING: SeedTiming = {
  catalogPollMs: 5_000,
  catalogTimeoutMs: 3 * 60_000,
  endpointRetryMs: 1_000,
  endpointTimeoutMs: 2 * 60_000,
  concurrency: 3,
  batchRetries: 3,
};

export interface SeedDemoDataOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  fetch: SeedFetch;
  /** `backend.baseUrl` */
  baseUrl: string;
  /** A static external access token allowed to write SLI events. */
  token: string;
  /** Seeding time, epoch ms; default Date.now(). */
  now?: number;
  /** Stops waiting and sending (on shutdown). */
  signal?: AbortSignal;
  /** Default setTimeout; tests pass an instant one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  timing?: Partial<SeedTiming>;
}

export interface SeedDemoSummary {
  /** What happened overall. */
  outcome:
    | 'seeded'
    | 'no-slos'
    | 'endpoint-unavailable'
    | 'unauthorized'
    | 'aborted';
  /** Refs of the SLOs read from the built-in store (seeded or already seeded). */
  slos: string[];
  /** SLO refs whose history was not sent, as they held data already. */
  alreadySeeded: string[];
  /** The SLOs the live feed keeps sending minutes for, and from when. */
  live?: { slos: DemoSlo[]; from: number };
  /** SLO refs not seeded, as their SLI is not in the built-in store. */
  skipped: string[];
  batches: number;
  /** Events stored (accepted) by the server. */
  accepted: number;
  /** Events sent in batches the server had seen before. */
  duplicateEvents: number;
  duplicates: number;
  /** Batches answered 400, with the server's message. */
  rejected: number;
  /** Batches that failed otherwise (after retries). */
  failed: number;
  seconds: number;
  /** The demo deployments, sent once the history is seeded. */
  deployments?: SeedDemoDeploymentsSummary;
}

/** An answer of the ingestion endpoint, or a network error (status 0). */
interface PostResult {
  status: number;
  accepted?: number;
  duplicate?: boolean;
  message?: string;
}

function parseAnswer(status: number, text: string): PostResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status, message: text.slice(0, 500) || `HTTP ${status}` };
  }
  const record = (body ?? {}) as {
    accepted?: unknown;
    duplicate?: unknown;
    error?: { name?: unknown; message?: unknown };
  };
  if (status >= 200 && status < 300) {
    return {
      status,
      accepted: typeof record.accepted === 'number' ? record.accepted : 0,
      duplicate: record.duplicate === true,
    };
  }
  const error = record.error;
  const message =
    error && typeof error.message === 'string'
      ? `${typeof error.name === 'string' ? `${error.name}: ` : ''}${
          error.message
        }`
      : text.slice(0, 500) || `HTTP ${status}`;
  return { status, message };
}

/**
 * Seeds the built-in SLI store with the demo history of every SLO in the
 * catalog whose SLI is read from it, over the public ingestion API.
 *
 * @remarks
 * Waits for the catalog to list SLO entities and for the ingestion endpoint
 * to answer, then sends day and hour chunks (see {@link demoChunks}) with
 * bounded concurrency, for the SLOs whose history holds no data yet. Logs progress and a summary. Never throws: problems
 * are logged and end in the summary's outcome.
 *
 * Once the history is there (seeded now or before), sends the demo
 * deployments of the last 90 days (see {@link seedDemoDeployments}); the
 * same ids every start, which the API updates.
 */
export async function seedDemoData(
  options: SeedDemoDataOptions,
): Promise<SeedDemoSummary> {
  const now = options.now ?? Date.now();
  const summary = await seedSliHistory({ ...options, now });
  // After the history: the impact of a deployment is computed once, from the
  // SLI data around it.
  if (summary.outcome === 'seeded' && !options.signal?.aborted) {
    const timing = { ...DEFAULT_TIMING, ...options.timing };
    summary.deployments = await seedDemoDeployments({
      catalog: options.catalog,
      auth: options.auth,
      logger: options.logger,
      fetch: options.fetch,
      baseUrl: options.baseUrl,
      token: options.token,
      now,
      signal: options.signal,
      sleep: options.sleep,
      retryMs: timing.endpointRetryMs,
      retries: timing.batchRetries,
    });
  }
  return summary;
}

async function seedSliHistory(
  options: SeedDemoDataOptions,
): Promise<SeedDemoSummary> {
  const { catalog, auth, logger, signal } = options;
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const sleep = options.sleep ?? defaultSleep;
  const startedAt = Date.now();
  const now = options.now ?? Date.now();
  const url = `${options.baseUrl.replace(
    /\/+$/,
    '',
  )}/api/reliability/v1/sli-events`;
  const summary: SeedDemoSummary = {
    outcome: 'seeded',
    slos: [],
    alreadySeeded: [],
    skipped: [],
    batches: 0,
    accepted: 0,
    duplicateEvents: 0,
    duplicates: 0,
    rejected: 0,
    failed: 0,
    seconds: 0,
  };
  const finish = (outcome: SeedDemoSummary['outcome']) => {
    summary.outcome = outcome;
    summary.seconds = Math.round((Date.now() - startedAt) / 100) / 10;
    return summary;
  };

  // 1. The catalog's SLOs, once their number is stable for two polls.
  let slos: EntityLike[];
  let slis: EntityLike[];
  try {
    ({ slos, slis } = await waitForSlos());
  } catch (error) {
    logger.warn(
      `Demo SLI history not seeded: reading the catalog failed: ${errorMessage(
        error,
      )}`,
    );
    return finish('no-slos');
  }
  if (signal?.aborted) return finish('aborted');
  if (slos.length === 0) {
    logger.warn(
      `Demo SLI history not seeded: the catalog lists no SLO entities after ${Math.round(
        timing.catalogTimeoutMs / 1000,
      )} s`,
    );
    return finish('no-slos');
  }
  const sliByRef = new Map(slis.map(e => [entityRefOf(e), e] as const));
  const demoSlos: DemoSlo[] = [];
  for (const entity of slos) {
    const demo = describeDemoSlo(entity, ref => sliByRef.get(ref));
    if (demo) {
      demoSlos.push(demo);
      summary.slos.push(demo.ref);
    } else {
      summary.skipped.push(entityRefOf(entity));
    }
  }
  if (summary.skipped.length > 0) {
    logger.info(
      `Demo SLI history: not seeding ${summary.skipped.join(
        ', ',
      )} (SLI not read from the built-in store)`,
    );
  }
  if (demoSlos.length === 0) {
    logger.warn('Demo SLI history not seeded: no SLO reads the built-in store');
    return finish('no-slos');
  }

  // 2. The work: one batch per SLO and chunk, for SLOs without data (on a
  // persistent database a restart must not send any range twice).
  const anchor = demoHistoryEnd(now);
  summary.live = { slos: demoSlos, from: anchor };
  const toSeed: DemoSlo[] = [];
  for (const slo of demoSlos) {
    if (await holdsData(slo)) summary.alreadySeeded.push(slo.ref);
    else toSeed.push(slo);
  }
  if (summary.alreadySeeded.length > 0) {
    logger.info(
      `Demo SLI history: ${summary.alreadySeeded.length} SLOs hold data already; not seeding them again`,
    );
  }
  const work: Array<{ slo: DemoSlo; chunk: DemoChunk; key: string }> = [];
  for (const chunk of demoChunks(now)) {
    for (const slo of toSeed) {
      work.push({ slo, chunk, key: demoChunkKey(slo.ref, chunk) });
    }
  }
  if (work.length === 0) return finish('seeded');
  summary.batches = work.length;
  logger.info(
    `Demo SLI history: seeding ${toSeed.length} SLOs with ${
      work.length
    } batches from ${new Date(work[0].chunk.start).toISOString()} to ${new Date(
      anchor,
    ).toISOString()}`,
  );

  let unauthorized = false;
  let done = 0;
  let reported = 0;

  const record = (
    item: (typeof work)[number],
    events: number,
    result: PostResult,
  ) => {
    if (result.status >= 200 && result.status < 300) {
      if (result.duplicate) {
        summary.duplicates += 1;
        summary.duplicateEvents += events;
      } else {
        summary.accepted += result.accepted ?? 0;
      }
    } else if (result.status === 401 || result.status === 403) {
      if (!unauthorized) {
        logger.error(
          `Demo SLI history not seeded: the reliability backend refused reliability.demo.seedToken (HTTP ${result.status}: ${result.message}). Add it as a static token under backend.auth.externalAccess.`,
        );
      }
      unauthorized = true;
    } else if (result.status === 400) {
      summary.rejected += 1;
      logger.warn(
        `Demo SLI history: batch ${item.key} was rejected: ${result.message}`,
      );
    } else {
      summary.failed += 1;
      logger.warn(
        `Demo SLI history: batch ${item.key} failed: ${
          result.status ? `HTTP ${result.status}: ` : ''
        }${result.message}`,
      );
    }
    done += 1;
    const tenth = Math.floor((done * 10) / work.length);
    if (tenth > reported && done < work.length) {
      reported = tenth;
      logger.info(
        `Demo SLI history: ${tenth * 10}% (${done}/${work.length} batches)`,
      );
    }
  };

  const batchOf = (item: (typeof work)[number]): SliEventBatch => {
    const events = demoEvents(item.slo, item.chunk, anchor);
    if (events.length > MAX_SLI_EVENTS_PER_BATCH) {
      throw new Error(`chunk ${item.key} has too many events`);
    }
    return { idempotencyKey: item.key, events };
  };

  // 3. The first batch doubles as the check that the endpoint is up.
  const [first, ...rest] = work;
  const firstBatch = batchOf(first);
  let firstResult = await post(firstBatch);
  let waited = 0;
  let delay = timing.endpointRetryMs;
  while (isNotUpYet(firstResult.status) && waited < timing.endpointTimeoutMs) {
    if (signal?.aborted) return finish('aborted');
    logger.debug(
      `Demo SLI history: ingestion endpoint not up yet (${
        firstResult.status ? `HTTP ${firstResult.status}` : firstResult.message
      }), retrying in ${delay} ms`,
    );
    await sleep(delay, signal);
    waited += delay;
    delay = Math.min(delay * 2, 15_000);
    firstResult = await post(firstBatch);
  }
  if (isNotUpYet(firstResult.status)) {
    logger.warn(
      `Demo SLI history not seeded: ${url} did not answer within ${Math.round(
        timing.endpointTimeoutMs / 1000,
      )} s (${firstResult.status ? `HTTP ${firstResult.status}: ` : ''}${
        firstResult.message
      }). Is the reliability backend plugin installed?`,
    );
    return finish('endpoint-unavailable');
  }
  record(first, firstBatch.events.length, firstResult);
  if (unauthorized) return finish('unauthorized');

  // 4. The rest, a few at a time.
  let next = 0;
  const worker = async () => {
    while (next < rest.length && !unauthorized && !signal?.aborted) {
      const item = rest[next++];
      const batch = batchOf(item);
      let result = await post(batch);
      for (
        let attempt = 1;
        attempt <= timing.batchRetries && isTransient(result.status);
        attempt++
      ) {
        if (signal?.aborted) return;
        await sleep(timing.endpointRetryMs * 2 ** attempt, signal);
        result = await post(batch);
      }
      record(item, batch.events.length, result);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, timing.concurrency) }, worker),
  );
  if (unauthorized) return finish('unauthorized');
  if (signal?.aborted) return finish('aborted');

  finish('seeded');
  logger.info(
    `Demo SLI history: seeded ${toSeed.length} SLOs in ${summary.seconds} s: ${
      summary.accepted
    } events accepted in ${
      summary.batches - summary.duplicates - summary.rejected - summary.failed
    } batches, ${summary.duplicates} batches already seen (duplicates, ${
      summary.duplicateEvents
    } events), ${summary.rejected} rejected, ${summary.failed} failed`,
  );
  return summary;

  async function post(batch: SliEventBatch): Promise<PostResult> {
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${options.token}`,
        },
        body: JSON.stringify(batch),
      });
      return parseAnswer(response.status, await response.text());
    } catch (error) {
      return { status: 0, message: errorMessage(error) };
    }
  }

  /** Whether the store holds any data for the SLO in the last 31 days. */
  async function holdsData(slo: DemoSlo): Promise<boolean> {
    const [, path] = slo.ref.split(':');
    const from = now - 31 * 86_400_000;
    try {
      const response = await options.fetch(
        `${options.baseUrl.replace(
          /\/+$/,
          '',
        )}/api/reliability/v1/slos/${path}/history?from=${from}&to=${now}&step=86400000`,
        {
          method: 'GET',
          headers: { Authorization: `Bearer ${options.token}` },
        },
      );
      if (response.status !== 200) return false;
      const body = JSON.parse(await response.text()) as {
        points?: Array<{ sli: number | null }>;
      };
      return (body.points ?? []).some(point => point.sli !== null);
    } catch {
      return false;
    }
  }

  async function waitForSlos(): Promise<{
    slos: EntityLike[];
    slis: EntityLike[];
  }> {
    let previous = -1;
    let polled = 0;
    let items: EntityLike[] = [];
    for (;;) {
      const credentials = await auth.getOwnServiceCredentials();
      ({ items } = await catalog.getEntities(
        { filter: { kind: SLO_KIND } },
        { credentials },
      ));
      const stable = items.length > 0 && items.length === previous;
      if (stable || polled >= timing.catalogTimeoutMs || signal?.aborted) {
        break;
      }
      previous = items.length;
      await sleep(timing.catalogPollMs, signal);
      polled += timing.catalogPollMs;
    }
    const credentials = await auth.getOwnServiceCredentials();
    const sliItems = items.length
      ? (
          await catalog.getEntities(
            { filter: { kind: SLI_KIND } },
            { credentials },
          )
        ).items
      : [];
    return { slos: items, slis: sliItems };
  }
}
