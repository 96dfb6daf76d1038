import {
  DEMO_HISTORY_DAYS,
  demoChunkKey,
  demoChunks,
  demoHistoryEnd,
} from './chunks';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './history';

const iso = (at: number) => new Date(at).toISOString();

describe('demoChunks', () => {
  const now = Date.parse('2026-11-24T16:37:12.345Z');

  it('sends 30 complete UTC days, the complete hours of today, then the current hour up to the current minute', () => {
    const chunks = demoChunks(now);
    expect(chunks).toHaveLength(DEMO_HISTORY_DAYS + 16 + 1);
    expect(iso(chunks[0].start)).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(chunks[0].end)).toBe('2026-10-26T00:00:00.000Z');
    expect(iso(chunks[29].start)).toBe('2026-11-23T00:00:00.000Z');
    expect(iso(chunks[29].end)).toBe('2026-11-24T00:00:00.000Z');
    expect(iso(chunks[30].start)).toBe('2026-11-24T00:00:00.000Z');
    expect(iso(chunks[30].end)).toBe('2026-11-24T01:00:00.000Z');
    expect(iso(chunks[45].start)).toBe('2026-11-24T15:00:00.000Z');
    expect(iso(chunks[45].end)).toBe('2026-11-24T16:00:00.000Z');
    // The hour in progress, up to the start of the current minute.
    const last = chunks[chunks.length - 1];
    expect(iso(last.start)).toBe('2026-11-24T16:00:00.000Z');
    expect(iso(last.end)).toBe('2026-11-24T16:37:00.000Z');
    expect(demoHistoryEnd(now)).toBe(last.end);
  });

  it('ends the history at the start of the current minute', () => {
    expect(iso(demoHistoryEnd(now))).toBe('2026-11-24T16:37:00.000Z');
    expect(demoHistoryEnd(Date.parse('2026-11-24T16:37:00Z'))).toBe(
      Date.parse('2026-11-24T16:37:00Z'),
    );
  });

  it('covers the history without gaps or overlaps', () => {
    const chunks = demoChunks(now);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i].start).toBe(chunks[i - 1].end);
    }
    for (const chunk of chunks.slice(0, -1)) {
      expect([DAY_MS, HOUR_MS]).toContain(chunk.end - chunk.start);
      expect(chunk.start % HOUR_MS).toBe(0);
    }
    const last = chunks[chunks.length - 1];
    expect(last.start % HOUR_MS).toBe(0);
    expect(last.end % MINUTE_MS).toBe(0);
    expect(last.end - last.start).toBeGreaterThan(0);
    expect(last.end - last.start).toBeLessThan(HOUR_MS);
  });

  it('gives the same complete chunks on a second start the same day, plus the new hours', () => {
    const first = demoChunks(now).map(c => demoChunkKey('slo:default/a', c));
    const later = demoChunks(now + 2 * HOUR_MS).map(c =>
      demoChunkKey('slo:default/a', c),
    );
    // All but the partial current hour are sent again under the same keys.
    const complete = first.slice(0, -1);
    expect(later.slice(0, complete.length)).toEqual(complete);
    expect(later).toHaveLength(first.length + 2);
    // Within the same minute: exactly the same.
    expect(demoChunks(now + 40_000)).toEqual(demoChunks(now));
    // Later in the same hour: only the partial chunk grows.
    const inHour = demoChunks(now + 20 * MINUTE_MS);
    expect(inHour.slice(0, -1)).toEqual(demoChunks(now).slice(0, -1));
    expect(iso(inHour[inHour.length - 1].end)).toBe('2026-11-24T16:57:00.000Z');
  });

  it('has only the current hour so far right after midnight', () => {
    const chunks = demoChunks(Date.parse('2026-11-24T00:30:00Z'));
    expect(chunks).toHaveLength(DEMO_HISTORY_DAYS + 1);
    expect(iso(chunks[DEMO_HISTORY_DAYS - 1].end)).toBe(
      '2026-11-24T00:00:00.000Z',
    );
    expect(iso(chunks[chunks.length - 1].end)).toBe('2026-11-24T00:30:00.000Z');
    expect(demoChunks(Date.parse('2026-11-24T00:30:00Z'), 2)).toHaveLength(3);
  });

  it('has no partial chunk while the first minute of an hour is in progress', () => {
    const chunks = demoChunks(Date.parse('2026-11-24T00:00:45Z'));
    expect(chunks).toHaveLength(DEMO_HISTORY_DAYS);
    expect(iso(chunks[chunks.length - 1].end)).toBe('2026-11-24T00:00:00.000Z');
    const atThree = demoChunks(Date.parse('2026-11-24T03:00:10Z'));
    expect(atThree).toHaveLength(DEMO_HISTORY_DAYS + 3);
    expect(iso(atThree[atThree.length - 1].end)).toBe(
      '2026-11-24T03:00:00.000Z',
    );
  });
});

describe('demoChunkKey', () => {
  it('names the SLO and the chunk', () => {
    const start = Date.parse('2026-11-24T03:00:00Z');
    const key = demoChunkKey('slo:default/payments-api-availability', {
      start,
      end: start + HOUR_MS,
    });
    expect(key).toBe(
      'demo:slo:default/payments-api-availability:2026-11-24T03:00:00.000Z:2026-11-24T04:00:00.000Z',
    );
  });

  it('stays within 200 characters for the longest entity names', () => {
    const ref = `slo:${'n'.repeat(63)}/${'x'.repeat(63)}`;
    const key = demoChunkKey(ref, { start: 0, end: DAY_MS });
    expect(key.length).toBeLessThanOrEqual(200);
  });
});
