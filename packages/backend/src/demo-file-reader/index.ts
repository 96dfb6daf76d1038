import { createServiceFactory } from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { CatalogFileUrlReader } from './CatalogFileUrlReader';

/**
 * Demo only: lets the URL reader read `file:` URLs inside the demo catalog's
 * directory, so that markdown runbooks next to the catalog files can be read
 * like files in a git repository.
 */
export const demoCatalogFileReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return CatalogFileUrlReader.factory;
  },
});

export default demoCatalogFileReaderFactory;
