import { InputError } from '@backstage/errors';
import { parseSliEventBatch } from './parseSliEventBatch';

const now = Date.UTC(2026, 10, 24, 12);
const ratio = { slo: 'checkout', timestamp: now, good: 9, total: 10 };

function messageOf(body: unknown): string {
  try {
    parseSliEventBatch(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('parseSliEventBatch', () => {
  it('reads ratio and threshold events', () => {
    expect(
      parseSliEventBatch({
        idempotencyKey: 'k',
        events: [
          ratio,
          { slo: 'latency', timestamp: '2026-11-24T12:00:00Z', value: 0.2 },
        ],
      }),
    ).toEqual({
      idempotencyKey: 'k',
      events: [
        { slo: 'checkout', at: now, good: 9, total: 10 },
        { slo: 'latency', at: now, value: 0.2 },
      ],
    });
  });

  // Counterexamples from the fuzz tests (sliEvents.fuzz.test.ts).
  it.each([
    [
      'a timestamp past the JavaScript date range (was a RangeError, a 500)',
      { ...ratio, timestamp: 8.64e15 + 1 },
      'events[0].timestamp: must not be after the year 9999',
    ],
    [
      'an impossible calendar date',
      { ...ratio, timestamp: '2026-02-30T00:00:00Z' },
      'events[0].timestamp: "2026-02-30T00:00:00Z" is not a time on the calendar',
    ],
    [
      'a NUL character in the SLO name',
      { ...ratio, slo: 'check\u0000out' },
      'events[0].slo: must not contain NUL characters or unpaired surrogates',
    ],
    [
      'a count that could sum to Infinity',
      { ...ratio, good: 1e308, total: 1e308 },
      'events[0].good: Number must be less than or equal to 9007199254740991',
    ],
    [
      'a wrong field of a threshold event, named rather than "neither shape"',
      { slo: 'latency', timestamp: 'soon', value: 1 },
      'events[0].timestamp: expected epoch milliseconds or an ISO 8601 time',
    ],
    [
      'a wrong field of a ratio event, named',
      { ...ratio, total: '10' },
      'events[0].total: expected a non-negative number',
    ],
    [
      'an event that is not an object',
      'checkout 9 10',
      'events[0]: expected {slo, timestamp, good, total} for a ratio SLI or {slo, timestamp, value} for a threshold SLI',
    ],
  ])('refuses %s', (_, event, message) => {
    expect(messageOf({ idempotencyKey: 'k', events: [event] })).toContain(
      message,
    );
  });

  it('refuses an idempotency key PostgreSQL cannot store (was a 500)', () => {
    expect(messageOf({ idempotencyKey: 'k\u0000', events: [ratio] })).toBe(
      'Invalid SLI event batch: idempotencyKey: must not contain NUL characters or unpaired surrogates',
    );
    expect(messageOf({ idempotencyKey: 'k\uD800', events: [ratio] })).toContain(
      'idempotencyKey: must not contain',
    );
  });

  it('names the limit of events per batch', () => {
    const events = Array.from({ length: 10_001 }, () => ratio);
    expect(messageOf({ idempotencyKey: 'k', events })).toBe(
      'Invalid SLI event batch: events: at most 10,000 events per batch; split the batch',
    );
  });

  it('cuts messages that repeat the input', () => {
    const key = 'k'.repeat(100_000);
    const body = JSON.parse(
      `{"idempotencyKey":"k","events":[${JSON.stringify(ratio)}],"${key}":1}`,
    );
    const message = messageOf(body);
    expect(message).toMatch(/^Invalid SLI event batch: Unrecognized key/);
    expect(message.length).toBeLessThan(400);
  });
});
