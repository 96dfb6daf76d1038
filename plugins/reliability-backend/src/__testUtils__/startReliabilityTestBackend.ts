import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleReliability from '@reliability-kit/plugin-catalog-backend-module-reliability';
import { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { reliabilityPlugin } from '../plugin';
import { reliabilityDatabaseFactory } from './pluginDatabase';

/** HTTP helpers against a test backend. */
export interface ReliabilityTestBackend {
  /** `http://localhost:<port>/api` */
  base: string;
  get(path: string): Promise<{ status: number; body: any }>;
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export const serviceHeaders = {
  authorization: mockCredentials.service.header(),
};
const userHeaders = { authorization: mockCredentials.user.header() };

/**
 * Starts the reliability backend with the real catalog reading `catalogYaml`
 * and waits until `waitFor` (an entity ref path such as `component/default/x`)
 * is in the catalog with its relations.
 */
export async function startReliabilityTestBackend(options: {
  catalogYaml: string;
  waitFor: string;
  reliabilityConfig?: Record<string, unknown>;
  /** Catalog locations instead of the file holding `catalogYaml`. */
  catalogLocations?: Array<{ type: string; target: string }>;
  /** More root config, such as `backend.reading.allow`. */
  rootConfig?: Record<string, unknown>;
  /** Wait until `waitFor` has this relation; default: any relation. */
  waitForRelation?: string;
  /** More backend features, such as an SLI source module. */
  features?: Parameters<typeof startTestBackend>[0]['features'];
  /**
   * The reliability plugin's database, such as a `TestDatabases` connection
   * the test reads too; default: in-memory SQLite.
   */
  database?: Knex;
}): Promise<ReliabilityTestBackend> {
  const dir = createMockDirectory({
    content: { 'catalog.yaml': options.catalogYaml },
  });
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleReliability,
      reliabilityPlugin,
      ...(options.features ?? []),
      ...(options.database
        ? [reliabilityDatabaseFactory(options.database)]
        : []),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: [
                  'Component',
                  'Group',
                  'User',
                  'System',
                  'Domain',
                  'Location',
                  'SLO',
                ],
              },
            ],
            locations: options.catalogLocations ?? [
              { type: 'file', target: dir.resolve('catalog.yaml') },
            ],
          },
          reliability: {
            evaluation: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
            ...options.reliabilityConfig,
          },
          ...options.rootConfig,
        },
      }),
    ],
  });
  const base = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }/api`;
  const asJson = async (res: Response) => {
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  };
  const deadline = Date.now() + 40_000;
  for (;;) {
    const res = await fetch(
      `${base}/catalog/entities/by-name/${options.waitFor}`,
      {
        headers: userHeaders,
      },
    );
    const relations: Array<{ type: string }> = res.ok
      ? (await res.json()).relations ?? []
      : [];
    const wanted = options.waitForRelation;
    if (wanted ? relations.some(r => r.type === wanted) : relations.length) {
      break;
    }
    if (Date.now() > deadline) throw new Error('the catalog did not ingest');
    await new Promise(r => setTimeout(r, 250));
  }
  return {
    base,
    get: async path =>
      asJson(
        await fetch(`${base}/reliability${path}`, { headers: userHeaders }),
      ),
    post: async (path, body, headers = serviceHeaders) =>
      asJson(
        await fetch(`${base}/reliability${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        }),
      ),
    stop: () => backend.stop(),
  };
}
