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
  hostileValue,
  RAW_REQUESTS,
} from '../__testUtils__/fuzzPayloads';

// What every write endpoint shares: the JSON body parser (415 for other
// types, 400 for invalid JSON) and POST /v1/evaluations, which takes no
// body. The ingestion endpoints have their own fuzz tests beside them
// (sli/sliEvents.fuzz.test.ts, deployments/deployments.fuzz.test.ts).

/** Every POST route of the plugin. */
const WRITE_PATHS = ['/v1/sli-events', '/v1/deployments', '/v1/evaluations'];

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'write endpoints under fuzzing, on %s',
  databaseId => {
    let fuzz: FuzzBackend;

    beforeAll(async () => {
      fuzz = await startFuzzBackend(await databases.init(databaseId));
    }, 120_000);

    afterAll(() => fuzz?.stop());

    it('snapshots every table of the plugin', () => {
      expect(fuzz.tables).toEqual(
        expect.arrayContaining([
          'deployments',
          'sli_event_batches',
          'sli_hour_buckets',
          'sli_minute_buckets',
          'slo_history',
          'slo_status',
        ]),
      );
    });

    it('POST /v1/evaluations takes any JSON body without a 5xx', async () => {
      await expect(
        fc.assert(
          fc.asyncProperty(hostileValue({ huge: 3 }), async payload => {
            const answer = await fuzz.expectSafe('/v1/evaluations', () =>
              fuzz.postJson('/v1/evaluations', payload),
            );
            // The body is ignored; only the parser may refuse it.
            expect([200, 400]).toContain(answer.status);
          }),
          briefReport(fuzzRuns(databaseId, 150)),
        ),
      ).resolves.toBeUndefined();
    }, 300_000);

    it.each(WRITE_PATHS)(
      'POST %s: raw bytes never give a 5xx or change state when refused',
      async path => {
        const { expectSafe, postRaw } = fuzz;
        for (const raw of RAW_REQUESTS) {
          await expectSafe(path, () => postRaw(path, raw));
        }
        // No body at all is fine where none is needed.
        const none = await fuzz.post(path, '', {});
        expect(none.status).toBe(path === '/v1/evaluations' ? 200 : 400);
      },
      60_000,
    );

    it.each(WRITE_PATHS)(
      'POST %s: a body that is not JSON is a 415 saying what to send',
      async path => {
        const answer = await fuzz.post(path, '{"a":1}', {
          'content-type': 'text/plain',
        });
        expect(answer.status).toBe(415);
        expect(answer.body.error.message).toBe(
          'Unsupported request body type "text/plain": send JSON with the header Content-Type: application/json',
        );
      },
    );

    it('invalid JSON is a 400 that does not echo the body back', async () => {
      const secret = 'x'.repeat(10_000);
      const answer = await fuzz.post('/v1/deployments', `{"a":"${secret}"`, {
        'content-type': 'application/json',
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(
        /^Request body is not a JSON object or array: /,
      );
      expect(JSON.stringify(answer.body)).not.toContain(secret);
    });
  },
);
