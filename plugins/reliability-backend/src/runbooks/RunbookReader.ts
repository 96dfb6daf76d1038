import {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ParsedRunbook, parseRunbookMarkdown } from './frontMatter';

/** A markdown runbook as read, or why it could not be read. */
export type RunbookRead =
  | { ok: true; runbook: ParsedRunbook; lastModifiedAt?: number }
  | { ok: false; error: string };

interface Entry {
  readAt: number;
  result: RunbookRead;
  etag?: string;
  size: number;
}

/** Options of {@link RunbookReader}. */
export interface RunbookReaderOptions {
  /** How long a read is reused before the URL is asked again. */
  ttlMs: number;
  /** Most URLs kept. */
  maxEntries: number;
  /** Largest runbook read, in bytes. */
  maxBytes?: number;
  /** Most markdown kept in all, in characters. */
  maxTotalChars?: number;
  /** Time limit of one read; a host that stalls must not hold requests. */
  timeoutMs?: number;
  clock?: () => number;
}

/** Failures are asked again sooner, so that a fixed runbook shows soon. */
const MAX_ERROR_TTL_MS = 30_000;

/** The body, or undefined as soon as it grows past `maxBytes`. */
async function readAtMost(
  response: UrlReaderServiceReadUrlResponse,
  maxBytes: number,
): Promise<Buffer | undefined> {
  if (!response.stream) {
    const buffer = await response.buffer();
    return buffer.length > maxBytes ? undefined : buffer;
  }
  // Streamed, so that a huge file is not held in memory to be refused.
  const stream = response.stream();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += bytes.length;
      if (size > maxBytes) return undefined;
      chunks.push(bytes);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

/** Why a host was refused, in words that say what to configure. */
function notAllowedMessage(url: string): string {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the URL
  }
  return `Reading ${url} is not allowed: add the host ${host} to backend.reading.allow or configure an integration for it`;
}

/**
 * Reads markdown runbooks through the backend's URL reader, which only
 * reaches hosts configured as integrations or allowed by
 * `backend.reading.allow`. Keeps each read for a while (least recently used
 * entries go first), asks again with the ETag, and reads each URL once at a
 * time however many requests want it.
 */
export class RunbookReader {
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<RunbookRead>>();
  private totalChars = 0;
  private readonly clock: () => number;
  private readonly maxBytes: number;
  private readonly maxTotalChars: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly reader: UrlReaderService,
    private readonly options: RunbookReaderOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.maxBytes = options.maxBytes ?? 512 * 1024;
    this.maxTotalChars = options.maxTotalChars ?? 32 * 1024 * 1024;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async read(url: string): Promise<RunbookRead> {
    const entry = this.cache.get(url);
    if (entry && this.isCurrent(entry)) {
      this.cache.delete(url);
      this.cache.set(url, entry);
      return entry.result;
    }
    let pending = this.inFlight.get(url);
    if (!pending) {
      pending = this.fetch(url, entry).finally(() => this.inFlight.delete(url));
      this.inFlight.set(url, pending);
    }
    return pending;
  }

  private isCurrent(entry: Entry): boolean {
    const ttl = entry.result.ok
      ? this.options.ttlMs
      : Math.min(this.options.ttlMs, MAX_ERROR_TTL_MS);
    return this.clock() - entry.readAt < ttl;
  }

  private async fetch(url: string, previous?: Entry): Promise<RunbookRead> {
    const etag = previous?.result.ok ? previous.etag : undefined;
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await this.reader.readUrl(url, { etag, signal });
      const buffer = await readAtMost(response, this.maxBytes);
      if (!buffer) {
        return this.store(url, {
          result: {
            ok: false,
            error: `The runbook is larger than ${this.maxBytes} bytes, the most that is read`,
          },
          size: 0,
        });
      }
      const text = buffer.toString('utf8');
      return this.store(url, {
        result: {
          ok: true,
          runbook: parseRunbookMarkdown(text),
          lastModifiedAt: response.lastModifiedAt?.getTime(),
        },
        etag: response.etag,
        size: text.length,
      });
    } catch (error) {
      if (previous && isError(error) && error.name === 'NotModifiedError') {
        return this.store(url, { ...previous });
      }
      if (isError(error) && error.name === 'NotAllowedError') {
        return this.store(url, {
          result: { ok: false, error: notAllowedMessage(url) },
          size: 0,
        });
      }
      const message = signal.aborted
        ? `no answer within ${this.timeoutMs} ms`
        : String(isError(error) ? error.message : error);
      return this.store(url, {
        result: { ok: false, error: `Could not read ${url}: ${message}` },
        size: 0,
      });
    }
  }

  private store(url: string, entry: Omit<Entry, 'readAt'>): RunbookRead {
    this.remove(url);
    this.cache.set(url, { ...entry, readAt: this.clock() });
    this.totalChars += entry.size;
    for (const oldest of this.cache.keys()) {
      if (
        this.cache.size <= this.options.maxEntries &&
        this.totalChars <= this.maxTotalChars
      ) {
        break;
      }
      this.remove(oldest);
    }
    return entry.result;
  }

  private remove(url: string) {
    const entry = this.cache.get(url);
    if (!entry) return;
    this.totalChars -= entry.size;
    this.cache.delete(url);
  }
}
