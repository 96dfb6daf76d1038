import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The catalog reads of bulk jobs (scorecard runs, SLO evaluations). */
export type CatalogReads = Pick<
  CatalogService,
  'getEntities' | 'getEntitiesByRefs' | 'getEntityByRef'
>;

/**
 * Catalog reads that ask for an uncompressed answer.
 *
 * The default catalog client asks for gzip, and the catalog compresses its
 * entity lists as it streams them, one small write per entity. For 10,000
 * components that costs the catalog 4–6 times the read itself (0.6–0.9 s
 * against 0.12–0.2 s here), on the same CPU when both plugins share a
 * backend, to save bytes that stay on loopback or a data-centre network.
 * Same requests, same permissions (the plugin's own service credentials,
 * exchanged for a token to the catalog), only without compression.
 */
export function uncompressedCatalog(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): CatalogReads {
  const client = new CatalogClient({
    discoveryApi: options.discovery,
    fetchApi: {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('accept-encoding', 'identity');
        return fetch(input, { ...init, headers });
      },
    },
  });
  const asToken = async ({
    credentials,
  }: {
    credentials: BackstageCredentials;
  }) => {
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'catalog',
    });
    return { token };
  };
  return {
    getEntities: async (request, opts) =>
      client.getEntities(request, await asToken(opts)),
    getEntitiesByRefs: async (request, opts) =>
      client.getEntitiesByRefs(request, await asToken(opts)),
    getEntityByRef: async (ref, opts) =>
      client.getEntityByRef(ref, await asToken(opts)),
  };
}
