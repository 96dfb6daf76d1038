import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DeploymentEvent } from '@reliability-kit/plugin-reliability-common';
import {
  DEMO_DEPLOYING_SERVICES,
  demoDeployments,
  describeDemoDeployments,
} from './deployments';
import {
  defaultSleep,
  errorMessage,
  isTransient,
  type SeedFetch,
} from './http';

/** The most deployments one request may carry (the API's limit). */
export const DEPLOYMENTS_PER_REQUEST = 1000;

export interface SeedDemoDeploymentsOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  fetch: SeedFetch;
  /** `backend.baseUrl` */
  baseUrl: string;
  token: string;
  /** Seeding time, epoch ms. */
  now: number;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** First retry delay after a transient failure; doubles. Default 1 s. */
  retryMs?: number;
  /** Retries of a request after a transient failure; default 3. */
  retries?: number;
}

export interface SeedDemoDeploymentsSummary {
  outcome: 'seeded' | 'no-services' | 'unauthorized' | 'failed' | 'aborted';
  /** Demo services deployed (in the catalog). */
  services: string[];
  /** Demo services left out as the catalog does not list them. */
  missing: string[];
  /** Deployments sent. */
  sent: number;
  requests: number;
  /** What the server answered: new and updated deployments. */
  created: number;
  updated: number;
  /** Requests answered 400, or failed otherwise after retries. */
  rejected: number;
  failed: number;
}

/**
 * Sends the demo deployments of the last 90 days (see
 * {@link demoDeployments}) to `POST /api/reliability/v1/deployments`, for
 * the demo services the catalog lists, in requests of at most 1000. The
 * same ids every start: the API updates them. Logs a one-line summary and
 * never throws.
 */
export async function seedDemoDeployments(
  options: SeedDemoDeploymentsOptions,
): Promise<SeedDemoDeploymentsSummary> {
  const { logger, signal, now } = options;
  const sleep = options.sleep ?? defaultSleep;
  const retries = options.retries ?? 3;
  const retryMs = options.retryMs ?? 1_000;
  const url = `${options.baseUrl.replace(
    /\/+$/,
    '',
  )}/api/reliability/v1/deployments`;
  const summary: SeedDemoDeploymentsSummary = {
    outcome: 'seeded',
    services: [],
    missing: [],
    sent: 0,
    requests: 0,
    created: 0,
    updated: 0,
    rejected: 0,
    failed: 0,
  };

  // The API refuses deployments of entities the catalog does not know.
  let components: Set<string>;
  try {
    components = await catalogComponents();
  } catch (error) {
    logger.warn(
      `Demo deployments not seeded: reading the catalog failed: ${errorMessage(
        error,
      )}`,
    );
    summary.outcome = 'failed';
    return summary;
  }
  const services = DEMO_DEPLOYING_SERVICES.filter(s => {
    const known = components.has(s.service);
    (known ? summary.services : summary.missing).push(s.service);
    return known;
  });
  if (services.length === 0) {
    logger.warn(
      'Demo deployments not seeded: the catalog lists none of the demo services',
    );
    summary.outcome = 'no-services';
    return summary;
  }
  const events = demoDeployments(now, services);

  for (let i = 0; i < events.length; i += DEPLOYMENTS_PER_REQUEST) {
    if (signal?.aborted) {
      summary.outcome = 'aborted';
      return summary;
    }
    const deployments = events.slice(i, i + DEPLOYMENTS_PER_REQUEST);
    let result = await post(deployments);
    for (
      let attempt = 1;
      attempt <= retries && isTransient(result.status) && !signal?.aborted;
      attempt++
    ) {
      await sleep(retryMs * 2 ** (attempt - 1), signal);
      result = await post(deployments);
    }
    summary.requests += 1;
    if (result.status >= 200 && result.status < 300) {
      summary.sent += deployments.length;
      summary.created += result.created ?? 0;
      summary.updated += result.updated ?? 0;
    } else if (result.status === 401 || result.status === 403) {
      logger.error(
        `Demo deployments not seeded: the reliability backend refused reliability.demo.seedToken (HTTP ${result.status}: ${result.message})`,
      );
      summary.outcome = 'unauthorized';
      return summary;
    } else if (result.status === 400) {
      summary.rejected += 1;
      logger.warn(
        `Demo deployments: ${deployments.length} deployments were rejected: ${result.message}`,
      );
    } else {
      summary.failed += 1;
      logger.warn(
        `Demo deployments: sending ${deployments.length} deployments failed: ${
          result.status ? `HTTP ${result.status}: ` : ''
        }${result.message}`,
      );
    }
  }

  const counts = describeDemoDeployments(events);
  if (summary.rejected + summary.failed > 0) summary.outcome = 'failed';
  logger.info(
    `Demo deployments: sent ${summary.sent} of ${
      events.length
    } deployments of ${counts.services} services over 90 days in ${
      summary.requests
    } requests (${summary.created} new, ${summary.updated} updated, ${
      summary.rejected
    } rejected, ${summary.failed} failed): ${
      counts.production
    } to production, ${counts.staging} to staging, ${counts.failed} failed, ${
      counts.rolledBack
    } rolled back${
      summary.missing.length
        ? `; not in the catalog: ${summary.missing.join(', ')}`
        : ''
    }`,
  );
  return summary;

  async function post(deployments: DeploymentEvent[]): Promise<{
    status: number;
    created?: number;
    updated?: number;
    message?: string;
  }> {
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${options.token}`,
        },
        body: JSON.stringify({ deployments }),
      });
      const text = await response.text();
      let body: {
        created?: unknown;
        updated?: unknown;
        error?: { name?: unknown; message?: unknown };
      } = {};
      try {
        body = JSON.parse(text) ?? {};
      } catch {
        // Not JSON: the text is the message.
      }
      const error = body.error;
      return {
        status: response.status,
        created: typeof body.created === 'number' ? body.created : undefined,
        updated: typeof body.updated === 'number' ? body.updated : undefined,
        message:
          error && typeof error.message === 'string'
            ? `${typeof error.name === 'string' ? `${error.name}: ` : ''}${
                error.message
              }`
            : text.slice(0, 500) || `HTTP ${response.status}`,
      };
    } catch (error) {
      return { status: 0, message: errorMessage(error) };
    }
  }

  async function catalogComponents(): Promise<Set<string>> {
    const credentials = await options.auth.getOwnServiceCredentials();
    const { items } = await options.catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(
      items
        .filter(e => (e.metadata.namespace ?? 'default') === 'default')
        .map(e => e.metadata.name),
    );
  }
}
