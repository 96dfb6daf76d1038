import type { LoggerService } from '@backstage/backend-plugin-api';
import { demoChunkKey } from './chunks';
import { demoEvents, MINUTE_MS, type DemoSlo } from './history';
import type { SeedFetch } from './seedDemoData';

/**
 * Sends the minutes since `from` for every demo SLO, as monitors would, and
 * resolves to where the next call starts. Each SLO's story is anchored at the
 * current minute, so a fast burn keeps burning and traffic keeps flowing
 * while the demo runs.
 */
export async function feedLiveMinutes(options: {
  slos: DemoSlo[];
  from: number;
  now: number;
  fetch: SeedFetch;
  baseUrl: string;
  token: string;
  logger: LoggerService;
}): Promise<number> {
  const end = Math.floor(options.now / MINUTE_MS) * MINUTE_MS;
  if (end <= options.from) return options.from;
  const chunk = { start: options.from, end };
  const url = `${options.baseUrl.replace(
    /\/+$/,
    '',
  )}/api/reliability/v1/sli-events`;
  for (const slo of options.slos) {
    const events = demoEvents(slo, chunk, end);
    if (events.length === 0) continue;
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${options.token}`,
        },
        body: JSON.stringify({
          idempotencyKey: demoChunkKey(slo.ref, chunk),
          events,
        }),
      });
      if (response.status !== 200) {
        options.logger.warn(
          `Demo live feed for ${slo.ref} failed: HTTP ${response.status} ${(
            await response.text()
          ).slice(0, 300)}`,
        );
      }
    } catch (error) {
      options.logger.warn(`Demo live feed for ${slo.ref} failed: ${error}`);
    }
  }
  return end;
}
