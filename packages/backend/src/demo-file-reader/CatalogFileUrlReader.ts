import {
  RootConfigService,
  UrlReaderService,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import type { ReaderFactory } from '@backstage/backend-defaults/urlReader';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** Files larger than this are not read. */
const MAX_BYTES = 5 * 1024 * 1024;

/** An error the backend's error handler knows by its name. */
function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * The directories of the catalog's `file` locations (the demo registers
 * `catalog/all.yaml`, so `catalog/`), resolved against the working
 * directory as the catalog does; each as written and without symbolic links.
 */
export function catalogFileRoots(config: RootConfigService): string[] {
  const locations = config.getOptionalConfigArray('catalog.locations') ?? [];
  const roots = locations
    .filter(location => location.getString('type') === 'file')
    .flatMap(location => {
      const dir = path.dirname(path.resolve(location.getString('target')));
      try {
        return [dir, fs.realpathSync(dir)];
      } catch {
        return [];
      }
    });
  return [...new Set(roots)];
}

/**
 * Reads `file:` URLs, but only of files inside the given root directories:
 * the demo catalog's source locations are `file:` URLs, and Backstage's own
 * readers do not read files. Paths that leave a root, also through `..`,
 * encoded separators or symbolic links, are refused.
 */
export class CatalogFileUrlReader implements UrlReaderService {
  static factory: ReaderFactory = ({ config, logger }) => {
    const roots = catalogFileRoots(config);
    if (roots.length === 0) return [];
    logger.info(`Demo: file: URLs under ${roots.join(', ')} can be read`);
    const reader = new CatalogFileUrlReader(roots);
    return [{ reader, predicate: url => reader.allows(url) }];
  };

  constructor(private readonly roots: string[]) {}

  /** True for `file:` URLs of paths inside a root. */
  allows(url: URL): boolean {
    if (url.protocol !== 'file:') return false;
    if (url.hostname !== '' && url.hostname !== 'localhost') return false;
    const file = this.pathOf(url);
    return file !== undefined && this.isInside(file);
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const target = new URL(url);
    const file = this.allows(target) ? this.pathOf(target) : undefined;
    if (!file) {
      throw namedError(
        'NotAllowedError',
        `Reading ${url} is not allowed: only files inside ${this.roots.join(
          ', ',
        )}`,
      );
    }
    let real: string;
    try {
      real = await fs.promises.realpath(file);
    } catch {
      throw namedError('NotFoundError', `${url} does not exist`);
    }
    if (!this.isInside(real)) {
      throw namedError(
        'NotAllowedError',
        `Reading ${url} is not allowed: it links to a file outside ${this.roots.join(
          ', ',
        )}`,
      );
    }
    const stat = await fs.promises.stat(real);
    if (!stat.isFile())
      throw namedError('NotFoundError', `${url} is not a file`);
    if (stat.size > MAX_BYTES) {
      throw new Error(`${url} is ${stat.size} bytes; at most ${MAX_BYTES}`);
    }
    const etag = `"${stat.size.toString(16)}-${Math.floor(
      stat.mtimeMs,
    ).toString(16)}"`;
    if (
      (options?.etag && options.etag === etag) ||
      (options?.lastModifiedAfter &&
        stat.mtime.getTime() <= options.lastModifiedAfter.getTime())
    ) {
      throw namedError('NotModifiedError', `${url} has not changed`);
    }
    const buffer = await fs.promises.readFile(real);
    return {
      buffer: async () => buffer,
      stream: () => Readable.from(buffer),
      etag,
      lastModifiedAt: stat.mtime,
    };
  }

  async readTree(): Promise<never> {
    throw new Error('CatalogFileUrlReader does not read trees');
  }

  async search(url: string): Promise<UrlReaderServiceSearchResponse> {
    if (/[*?]/.test(new URL(url).pathname)) {
      throw new Error('CatalogFileUrlReader does not search patterns');
    }
    try {
      const response = await this.readUrl(url);
      return {
        files: [
          {
            url,
            content: response.buffer,
            lastModifiedAt: response.lastModifiedAt,
          },
        ],
        etag: response.etag ?? '',
      };
    } catch (error) {
      if ((error as Error).name === 'NotFoundError')
        return { files: [], etag: '' };
      throw error;
    }
  }

  toString() {
    return `catalog-file{roots=${this.roots.join(',')}}`;
  }

  private pathOf(url: URL): string | undefined {
    try {
      return path.resolve(fileURLToPath(url));
    } catch {
      // Such as an encoded path separator (%2F).
      return undefined;
    }
  }

  private isInside(file: string): boolean {
    return this.roots.some(root => file.startsWith(`${root}${path.sep}`));
  }
}
