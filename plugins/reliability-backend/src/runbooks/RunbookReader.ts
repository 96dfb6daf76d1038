import { UrlReaderService } from '@backstage/backend-plugin-api';
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
  clock?: () => number;
}

/** Failures are asked again sooner, so that a fixed runbook shows soon. */
const MAX_ERROR_TTL_MS = 30_000;

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

  constructor(
    private readonly reader: UrlReaderService,
    private readonly options: RunbookReaderOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.maxBytes = options.maxBytes ?? 512 * 1024;
    this.maxTotalChars = options.maxTotalChars ?? 32 * 1024 * 1024;
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
    try {
      const response = await this.reader.readUrl(url, { etag });
      const buffer = await response.buffer();
      if (buffer.length > this.maxBytes) {
        return this.store(url, {
          result: {
            ok: false,
            error: `The runbook is ${buffer.length} bytes; at most ${this.maxBytes} are read`,
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
      const message = isError(error) ? error.message : String(error);
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
