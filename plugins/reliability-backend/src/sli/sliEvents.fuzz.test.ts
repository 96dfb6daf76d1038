import { TestDatabases } from '@backstage/backend-test-utils';
// fast-check is hoisted from reliability-common; see __testUtils__/fuzzPayloads.ts.
import fc from 'fast-check';
import {
  FuzzBackend,
  fuzzRuns,
  startFuzzBackend,
} from '../__testUtils__/fuzzBackend';
import {
  briefReport,
  payloadArbitrary,
  RAW_REQUESTS,
} from '../__testUtils__/fuzzPayloads';

// POST /v1/sli-events with thousands of generated batches, near-valid ones
// with one field mutated and fully random hostile JSON, against the real
// backend and catalog: never a 5xx, a 400 names the field, a rejected batch
// stores nothing.

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A recent time as epoch ms or ISO 8601, inside the default retention. */
const recentTime = fc
  .tuple(fc.integer({ min: MINUTE, max: 7 * DAY }), fc.boolean())
  .map(([ago, asString]) => {
    const at = Date.now() - ago;
    return asString ? new Date(at).toISOString() : at;
  });

const ratioEvent = fc.nat(1000).chain(total =>
  fc.record({
    slo: fc.constantFrom(
      'api-availability',
      'slo:default/api-availability',
      'SLO:default/API-Availability',
    ),
    timestamp: recentTime,
    good: fc.integer({ min: 0, max: total }),
    total: fc.constant(total),
  }),
);
const thresholdEvent = fc.record({
  slo: fc.constantFrom('api-latency', 'slo:default/api-latency'),
  timestamp: recentTime,
  value: fc.double({ noNaN: true, noDefaultInfinity: true }),
});
/** Keys from a small pool too, so that retries and duplicates happen. */
const idempotencyKey = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map(n => `fuzz-batch-${n}`),
  fc.uuid(),
);
const validBatch = fc.record({
  idempotencyKey,
  events: fc.array(fc.oneof(ratioEvent, thresholdEvent), {
    minLength: 1,
    maxLength: 4,
  }),
});

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'POST /v1/sli-events under fuzzing, on %s',
  databaseId => {
    let fuzz: FuzzBackend;

    beforeAll(async () => {
      fuzz = await startFuzzBackend(await databases.init(databaseId));
    }, 120_000);

    afterAll(() => fuzz?.stop());

    it('never answers 5xx; a 400 names the field; a rejection stores nothing', async () => {
      const runs = fuzzRuns(databaseId, 1000);
      const statuses = new Map<number, number>();
      await expect(
        fc.assert(
          fc.asyncProperty(payloadArbitrary(validBatch), async mutated => {
            const answer = await fuzz.expectSafe(
              '/v1/sli-events',
              () => fuzz.postJson('/v1/sli-events', mutated.payload),
              mutated,
            );
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          }),
          briefReport(runs),
        ),
      ).resolves.toBeUndefined();
      // Accepted batches interleaved with the rejected ones.
      expect(statuses.get(200)).toBeGreaterThan(runs / 20);
      expect(statuses.get(400)).toBeGreaterThan(runs / 2);
      // And what was accepted evaluates.
      const evaluation = await fuzz.postJson('/v1/evaluations', {});
      expect(evaluation.status).toBe(200);
    }, 300_000);

    // Counterexamples the fuzzing found: a RangeError (500) for a time past
    // the JavaScript date range, and a 500 on PostgreSQL for NUL in the key.
    it.each([
      [
        'a timestamp past the JavaScript date range',
        {
          idempotencyKey: 'fuzz-regression',
          events: [
            {
              slo: 'api-availability',
              timestamp: 8.64e15 + 1,
              good: 1,
              total: 1,
            },
          ],
        },
        'events[0].timestamp: must not be after the year 9999',
      ],
      [
        'a NUL character in the idempotency key',
        {
          idempotencyKey: 'fuzz\u0000regression',
          events: [
            { slo: 'api-latency', timestamp: Date.now() - MINUTE, value: 1 },
          ],
        },
        'idempotencyKey: must not contain NUL',
      ],
    ])(
      'refuses %s with a 400 naming the field, storing nothing',
      async (_, batch, message) => {
        const answer = await fuzz.expectSafe('/v1/sli-events', () =>
          fuzz.postJson('/v1/sli-events', batch),
        );
        expect(answer.status).toBe(400);
        expect(answer.body.error.message).toContain(message);
      },
    );

    it('names the events of unknown SLOs', async () => {
      const answer = await fuzz.postJson('/v1/sli-events', {
        idempotencyKey: 'fuzz-unknown',
        events: [
          { slo: 'api-latency', timestamp: Date.now() - MINUTE, value: 1 },
          { slo: 'ghost', timestamp: Date.now() - MINUTE, good: 1, total: 1 },
          { slo: 'ghost', timestamp: Date.now() - MINUTE, good: 1, total: 1 },
        ],
      });
      expect(answer.body.error.message).toBe(
        'Rejected SLI event batch, nothing was stored: unknown SLOs (not SLO entities in the catalog): slo:default/ghost (events[1].slo and 1 more)',
      );
    });

    it('answers raw bytes that are not a JSON batch with a 4xx', async () => {
      const answers: Array<[string, number]> = [];
      const { expectSafe, postRaw } = fuzz;
      for (const raw of RAW_REQUESTS) {
        const answer = await expectSafe('/v1/sli-events', () =>
          postRaw('/v1/sli-events', raw),
        );
        answers.push([raw.name, answer.status]);
      }
      expect(answers.filter(([, status]) => status < 400)).toEqual([]);
    }, 60_000);
  },
);
