import { RemovalGuard } from './RemovalGuard';

describe('RemovalGuard', () => {
  it('lets small or partial removals through', () => {
    const guard = new RemovalGuard();
    expect(guard.mayRemove('a', 10, 10)).toBe(true);
    expect(guard.mayRemove('a', 50, 100)).toBe(true);
  });

  it('holds a drastic removal once, per key, until the next run agrees', () => {
    const guard = new RemovalGuard();
    expect(guard.mayRemove('a', 60, 100)).toBe(false);
    expect(guard.mayRemove('b', 60, 100)).toBe(false);
    expect(guard.mayRemove('a', 60, 100)).toBe(true);
    // Removed; the next drastic removal is held again.
    expect(guard.mayRemove('a', 60, 100)).toBe(false);
  });

  it('forgets a hold when the next run removes little', () => {
    const guard = new RemovalGuard();
    expect(guard.mayRemove('a', 60, 100)).toBe(false);
    expect(guard.mayRemove('a', 0, 100)).toBe(true);
    expect(guard.mayRemove('a', 60, 100)).toBe(false);
  });
});
