import { TestDatabases } from '@backstage/backend-test-utils';
import { gzipSync } from 'node:zlib';
import { FuzzBackend, startFuzzBackend } from '../__testUtils__/fuzzBackend';

// The limits of one ingestion request: 5 MB of body (HTTP 413), 10,000 SLI
// events and 1,000 deployments (HTTP 400), each answered with the limit and
// what to do instead.

const MB = 1024 * 1024;
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('ingestion limits', () => {
  let fuzz: FuzzBackend;

  beforeAll(async () => {
    fuzz = await startFuzzBackend(await databases.init('SQLITE_3'));
  }, 120_000);

  afterAll(() => fuzz?.stop());

  const json = { 'content-type': 'application/json' };
  const event = (i: number) => ({
    slo: 'slo:default/api-availability',
    timestamp: new Date(Date.now() - 60_000 - i).toISOString(),
    good: 99,
    total: 100,
  });

  it.each([
    [
      '/v1/sli-events',
      'Request body of 6 MB is over the limit of 5 MB; split it into smaller requests (send at most 10,000 events per batch)',
    ],
    [
      '/v1/deployments',
      'Request body of 6 MB is over the limit of 5 MB; split it into smaller requests (send at most 1,000 deployments per request)',
    ],
  ])(
    'answers a body over 5 MB to %s with 413 and how to split it',
    async (path, message) => {
      const before = await fuzz.snapshot();
      const body = JSON.stringify({ idempotencyKey: 'x'.repeat(6 * MB - 21) });
      expect(Buffer.byteLength(body)).toBe(6 * MB);
      const answer = await fuzz.post(path, body, json);
      expect(answer.status).toBe(413);
      expect(answer.body.error).toMatchObject({
        name: 'PayloadTooLargeError',
        message,
      });
      expect(await fuzz.snapshot()).toBe(before);
    },
  );

  it('cuts off a compressed body that inflates past 5 MB', async () => {
    const inflated = JSON.stringify({ idempotencyKey: ' '.repeat(20 * MB) });
    const answer = await fuzz.post('/v1/sli-events', gzipSync(inflated), {
      ...json,
      'content-encoding': 'gzip',
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toBe(
      'Request body is over the limit of 5 MB; split it into smaller requests (send at most 10,000 events per batch)',
    );
  });

  it('takes a full batch of 10,000 events, well under 5 MB', async () => {
    const body = JSON.stringify({
      idempotencyKey: 'limits-full-batch',
      events: Array.from({ length: 10_000 }, (_, i) => event(i)),
    });
    expect(Buffer.byteLength(body)).toBeLessThan(2 * MB);
    const answer = await fuzz.post('/v1/sli-events', body, json);
    expect(answer).toEqual({
      status: 200,
      body: { accepted: 10_000, duplicate: false },
    });
  });

  it('refuses 10,001 events with a 400 naming the limit', async () => {
    const before = await fuzz.snapshot();
    const answer = await fuzz.postJson('/v1/sli-events', {
      idempotencyKey: 'limits-too-many',
      events: Array.from({ length: 10_001 }, (_, i) => event(i)),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe(
      'Invalid SLI event batch: events: at most 10,000 events per batch; split the batch',
    );
    expect(await fuzz.snapshot()).toBe(before);
  });

  it('refuses 1,001 deployments with a 400 naming the limit', async () => {
    const before = await fuzz.snapshot();
    const answer = await fuzz.postJson('/v1/deployments', {
      deployments: Array.from({ length: 1001 }, (_, i) => ({
        id: `limits/${i}`,
        entity: 'api',
        environment: 'production',
        status: 'started',
        startedAt: Date.now() - 60_000,
      })),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe(
      'Invalid deployment: deployments: at most 1,000 deployments per request; split them',
    );
    expect(await fuzz.snapshot()).toBe(before);
  });
});
