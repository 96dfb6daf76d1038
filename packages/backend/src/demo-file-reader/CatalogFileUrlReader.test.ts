import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CatalogFileUrlReader } from './CatalogFileUrlReader';

describe('CatalogFileUrlReader', () => {
  const dir = createMockDirectory({
    content: {
      'repo/catalog/all.yaml': 'kind: Location',
      'repo/catalog/runbooks/payments-api.md': '# Payments API',
      'repo/catalog-secrets/token.md': 'secret',
      'repo/secret.md': 'secret',
    },
  });
  const root = dir.resolve('repo/catalog');
  const url = (file: string) => pathToFileURL(dir.resolve(file)).toString();
  // The backend's URL reader with only this reader added, as in the demo.
  const reader = UrlReaders.create({
    config: mockServices.rootConfig({
      data: {
        catalog: {
          locations: [
            { type: 'file', target: dir.resolve('repo/catalog/all.yaml') },
          ],
        },
      },
    }),
    logger: mockServices.logger.mock(),
    factories: [CatalogFileUrlReader.factory],
  });

  it('reads files inside the catalog directory, with ETag and change time', async () => {
    const response = await reader.readUrl(
      url('repo/catalog/runbooks/payments-api.md'),
    );
    expect((await response.buffer()).toString()).toBe('# Payments API');
    const stat = fs.statSync(
      dir.resolve('repo/catalog/runbooks/payments-api.md'),
    );
    expect(response.lastModifiedAt).toEqual(stat.mtime);
    await expect(
      reader.readUrl(url('repo/catalog/runbooks/payments-api.md'), {
        etag: response.etag,
      }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
  });

  it('says so when a file does not exist', async () => {
    await expect(
      reader.readUrl(url('repo/catalog/runbooks/missing.md')),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it.each([
    ['a file outside', () => url('repo/secret.md')],
    [
      'a sibling with the same prefix',
      () => url('repo/catalog-secrets/token.md'),
    ],
    ['.. segments', () => `${pathToFileURL(root)}/../secret.md`],
    ['encoded .. segments', () => `${pathToFileURL(root)}/%2e%2e/secret.md`],
    ['an encoded separator', () => `${pathToFileURL(root)}/..%2Fsecret.md`],
    ['another host', () => `file://fileserver${root}/runbooks/payments-api.md`],
    ['/etc/passwd', () => 'file:///etc/passwd'],
  ])('refuses %s', async (_what, target) => {
    await expect(reader.readUrl(target())).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('refuses a symbolic link that leaves the catalog directory', async () => {
    fs.symlinkSync(dir.resolve('repo/secret.md'), `${root}/runbooks/link.md`);
    await expect(
      reader.readUrl(url('repo/catalog/runbooks/link.md')),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('links to a file outside'),
    });
  });

  it('adds no reader without file locations', () => {
    expect(
      CatalogFileUrlReader.factory({
        config: mockServices.rootConfig({ data: {} }),
        logger: mockServices.logger.mock(),
        treeResponseFactory: {} as any,
      }),
    ).toEqual([]);
  });
});
