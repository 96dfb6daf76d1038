/**
 * Polls `check` until it answers true; the catalog stitches relations in
 * rounds, so entities appear before all their relations do. Throws with
 * `describe()` when `timeoutMs` passes.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  describe: () => Promise<string> | string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting: ${await describe()}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}
