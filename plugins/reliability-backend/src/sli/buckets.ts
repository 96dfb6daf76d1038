export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** Counts of one SLO objective in one time bucket. */
export interface BucketCount {
  sloRef: string;
  objective: number;
  bucketStart: number;
  good: number;
  total: number;
}

export function floorTo(at: number, stepMs: number): number {
  return Math.floor(at / stepMs) * stepMs;
}

/** Adds up counts that fall into the same bucket of `stepMs`. */
export function aggregate(
  counts: Iterable<BucketCount>,
  stepMs: number,
): BucketCount[] {
  const byKey = new Map<string, BucketCount>();
  for (const count of counts) {
    const bucketStart = floorTo(count.bucketStart, stepMs);
    const key = `${count.sloRef}\u0000${count.objective}\u0000${bucketStart}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.good += count.good;
      existing.total += count.total;
    } else {
      byKey.set(key, { ...count, bucketStart });
    }
  }
  // In primary-key order: a batch from a collector arrives minute by minute
  // across many SLOs, and sorted rows land together in the index.
  return [...byKey.values()].sort(
    (a, b) =>
      compareStrings(a.sloRef, b.sloRef) ||
      a.objective - b.objective ||
      a.bucketStart - b.bucketStart,
  );
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
