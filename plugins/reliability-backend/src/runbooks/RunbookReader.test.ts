import { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotModifiedError } from '@backstage/errors';
import { Readable } from 'node:stream';
import { RunbookReader } from './RunbookReader';

const MINUTE = 60_000;

function response(text: string, etag?: string, lastModifiedAt?: Date) {
  return {
    buffer: async () => Buffer.from(text),
    etag,
    lastModifiedAt,
  };
}

function setup(
  readUrl: jest.Mock,
  options: { maxEntries?: number; timeoutMs?: number } = {},
) {
  let now = 0;
  const reader = new RunbookReader({ readUrl } as unknown as UrlReaderService, {
    ttlMs: 5 * MINUTE,
    maxEntries: options.maxEntries ?? 10,
    maxBytes: 100,
    timeoutMs: options.timeoutMs,
    clock: () => now,
  });
  return {
    reader,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('RunbookReader', () => {
  it('parses the markdown and keeps the file change time', async () => {
    const readUrl = jest
      .fn()
      .mockResolvedValue(
        response('---\ntitle: T\n---\nBody', 'e1', new Date(1000)),
      );
    const { reader } = setup(readUrl);
    expect(await reader.read('https://x.example/a.md')).toEqual({
      ok: true,
      runbook: { markdown: 'Body', title: 'T', warnings: [] },
      lastModifiedAt: 1000,
    });
  });

  it('reuses a read within the TTL and asks again with the ETag after it', async () => {
    const readUrl = jest
      .fn()
      .mockResolvedValueOnce(response('# One', 'e1'))
      .mockRejectedValueOnce(new NotModifiedError())
      .mockResolvedValueOnce(response('# Two', 'e2'));
    const { reader, advance } = setup(readUrl);
    const url = 'https://x.example/a.md';
    await reader.read(url);
    advance(4 * MINUTE);
    await reader.read(url);
    expect(readUrl).toHaveBeenCalledTimes(1);

    advance(2 * MINUTE);
    const unchanged = await reader.read(url);
    expect(unchanged.ok && unchanged.runbook.title).toBe('One');
    expect(readUrl).toHaveBeenLastCalledWith(
      url,
      expect.objectContaining({ etag: 'e1' }),
    );

    advance(6 * MINUTE);
    const changed = await reader.read(url);
    expect(changed.ok && changed.runbook.title).toBe('Two');
    expect(readUrl).toHaveBeenCalledTimes(3);
  });

  it('reads a URL once for concurrent requests', async () => {
    const readUrl = jest.fn().mockResolvedValue(response('# A'));
    const { reader } = setup(readUrl);
    await Promise.all(
      [1, 2, 3].map(() => reader.read('https://x.example/a.md')),
    );
    expect(readUrl).toHaveBeenCalledTimes(1);
  });

  it('turns failures into an error, kept for at most 30 seconds', async () => {
    const readUrl = jest
      .fn()
      .mockRejectedValueOnce(
        new NotAllowedError(
          'Reading from http://127.0.0.1:9/a.md is not allowed',
        ),
      )
      .mockResolvedValueOnce(response('# Back'));
    const { reader, advance } = setup(readUrl);
    const url = 'http://127.0.0.1:9/a.md';
    expect(await reader.read(url)).toEqual({
      ok: false,
      error: `Reading ${url} is not allowed: add the host 127.0.0.1:9 to backend.reading.allow or configure an integration for it`,
    });
    advance(20_000);
    expect((await reader.read(url)).ok).toBe(false);
    advance(11_000);
    expect((await reader.read(url)).ok).toBe(true);
  });

  it('refuses runbooks larger than the limit', async () => {
    const readUrl = jest.fn().mockResolvedValue(response('x'.repeat(101)));
    const { reader } = setup(readUrl);
    expect(await reader.read('https://x.example/big.md')).toEqual({
      ok: false,
      error: 'The runbook is larger than 100 bytes, the most that is read',
    });
  });

  it('stops streaming a runbook as soon as it is over the limit', async () => {
    let pulled = 0;
    // An endless body: only a reader that stops can return.
    const body = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(30, 'x'));
      },
    });
    const readUrl = jest.fn().mockResolvedValue({
      buffer: () => Promise.reject(new Error('buffer() reads it all')),
      stream: () => body,
    });
    const { reader } = setup(readUrl);
    expect(await reader.read('https://x.example/endless.md')).toEqual({
      ok: false,
      error: 'The runbook is larger than 100 bytes, the most that is read',
    });
    expect(pulled).toBeLessThan(10);
    expect(body.destroyed).toBe(true);
  });

  it('reads a streamed runbook within the limit', async () => {
    const readUrl = jest.fn().mockResolvedValue({
      buffer: () => Promise.reject(new Error('buffer() not expected')),
      stream: () => Readable.from([Buffer.from('# Str'), Buffer.from('eam')]),
    });
    const { reader } = setup(readUrl);
    const read = await reader.read('https://x.example/s.md');
    expect(read.ok && read.runbook.markdown).toBe('# Stream');
  });

  it('gives up on a host that does not answer, and passes it the signal', async () => {
    const readUrl = jest.fn(
      (_url: string, options: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          options.signal.addEventListener('abort', () =>
            reject(options.signal.reason),
          );
        }),
    );
    const { reader } = setup(readUrl, { timeoutMs: 50 });
    expect(await reader.read('https://x.example/slow.md')).toEqual({
      ok: false,
      error: 'Could not read https://x.example/slow.md: no answer within 50 ms',
    });
  });

  it('forgets the least recently used URL when full', async () => {
    const readUrl = jest
      .fn()
      .mockImplementation(async (url: string) => response(`# ${url}`));
    const { reader } = setup(readUrl, { maxEntries: 2 });
    await reader.read('https://x.example/1.md');
    await reader.read('https://x.example/2.md');
    await reader.read('https://x.example/1.md');
    await reader.read('https://x.example/3.md');
    expect(readUrl).toHaveBeenCalledTimes(3);
    await reader.read('https://x.example/1.md');
    expect(readUrl).toHaveBeenCalledTimes(3);
    await reader.read('https://x.example/2.md');
    expect(readUrl).toHaveBeenCalledTimes(4);
  });
});
