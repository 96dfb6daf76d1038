import { DAY_MS, HOUR_MS, MINUTE_MS } from './history';

/** Days of history the demo seeds. */
export const DEMO_HISTORY_DAYS = 30;

/** A half-open time range `[start, end)`, epoch ms. */
export interface DemoChunk {
  start: number;
  end: number;
}

function floorTo(at: number, stepMs: number): number {
  return Math.floor(at / stepMs) * stepMs;
}

/**
 * End of the history seeded at `now`: the start of the current minute. The
 * demo story is anchored there; the live feed sends later minutes.
 */
export function demoHistoryEnd(now: number): number {
  return floorTo(now, MINUTE_MS);
}

/**
 * The batches the history seeded at `now` is sent in, oldest first: one per
 * complete UTC day for the `days` days before today, one per complete hour
 * of today, then the current hour up to the current minute.
 *
 * @remarks
 * History is only sent for SLOs that hold no data yet (see seedDemoData), so
 * a restart on a persistent database never sends a range twice.
 */
export function demoChunks(
  now: number,
  days: number = DEMO_HISTORY_DAYS,
): DemoChunk[] {
  const today = floorTo(now, DAY_MS);
  const chunks: DemoChunk[] = [];
  for (let d = days; d >= 1; d--) {
    const start = today - d * DAY_MS;
    chunks.push({ start, end: start + DAY_MS });
  }
  const end = demoHistoryEnd(now);
  let start = today;
  for (; start + HOUR_MS <= end; start += HOUR_MS) {
    chunks.push({ start, end: start + HOUR_MS });
  }
  // The current hour up to the last complete minute, so that a fast burn is
  // visible now; the live feed continues from there.
  if (start < end) chunks.push({ start, end });
  return chunks;
}

/** Idempotency key of one SLO's chunk: `demo:<slo ref>:<start>:<end>`. */
export function demoChunkKey(sloRef: string, chunk: DemoChunk): string {
  return `demo:${sloRef}:${new Date(chunk.start).toISOString()}:${new Date(
    chunk.end,
  ).toISOString()}`;
}
