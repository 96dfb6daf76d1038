/**
 * Holds back a drastic removal once. When a run would remove more than half
 * of what is stored (and more than 10 items), it is far more likely that the
 * catalog answered wrong (it lost its database, or this plugin's read
 * permission) than that half the organisation left; the removal goes ahead
 * only when the next run sees the same. Kept per key, such as a scorecard
 * id, in memory: another replica holds again before it removes.
 */
export class RemovalGuard {
  private readonly held = new Set<string>();

  /** Whether `gone` of `stored` items of `key` may be removed now. */
  mayRemove(key: string, gone: number, stored: number): boolean {
    const drastic = gone > 10 && gone > stored / 2;
    if (!drastic || this.held.has(key)) {
      this.held.delete(key);
      return true;
    }
    this.held.add(key);
    return false;
  }
}
