// HTTP helpers shared by the demo seeders.

/** The part of the fetch API the seeder uses. */
export type SeedFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; text(): Promise<string> }>;

/** Resolves after `ms`, or at once when `signal` aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}

/** 404 and 503 while the plugin starts, 0 when nothing listens yet. */
export function isNotUpYet(status: number): boolean {
  return status === 0 || status === 404 || status === 502 || status === 503;
}

/** Worth another try a little later. */
export function isTransient(status: number): boolean {
  return isNotUpYet(status) || status === 429 || status === 504;
}

/** An error's message, with the code of its cause (ECONNREFUSED...). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code =
      cause && typeof cause === 'object' && 'code' in cause
        ? ` (${String((cause as { code: unknown }).code)})`
        : '';
    return `${error.message}${code}`;
  }
  return String(error);
}
