import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  DeploymentPage,
  DoraReport,
  EntityReliabilitySummary,
  OwnershipInfo,
  ReleaseGateDecision,
  RunbookDocument,
  RunbookList,
  ServiceReliabilityPage,
  SloStatusPage,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import type {
  EntityRefInput,
  ReliabilityApi,
  ServiceListQuery,
  SloHistory,
  SloListQuery,
} from './ReliabilityApi';
import { normalizeSummary } from './normalizeSummary';

type QueryValue = string | number | string[] | undefined;

/** `kind/namespace/name`, each part URL-encoded. */
function entityPath(entity: EntityRefInput, defaultKind?: string): string {
  const ref =
    typeof entity === 'string'
      ? parseEntityRef(entity, { defaultKind, defaultNamespace: 'default' })
      : {
          kind: entity.kind,
          namespace: entity.namespace ?? 'default',
          name: entity.name,
        };
  // Kind and namespace are case-insensitive in the catalog; the name is
  // kept as written, as the backend's stringifyEntityRef does.
  return [
    ref.kind.toLocaleLowerCase('en-US'),
    ref.namespace.toLocaleLowerCase('en-US'),
    ref.name,
  ]
    .map(encodeURIComponent)
    .join('/');
}

function queryString(query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The {@link ReliabilityApi} over HTTP, through the app's discovery and
 * fetch APIs (which add the user's token).
 *
 * @public
 */
export class ReliabilityClient implements ReliabilityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  listSlos(query: SloListQuery = {}): Promise<SloStatusPage> {
    return this.get(`/v1/slos${queryString({ ...query })}`);
  }

  getSlo(slo: EntityRefInput): Promise<SloStatusSnapshot> {
    const [, namespace, name] = entityPath(slo, 'slo').split('/');
    return this.get(`/v1/slos/${namespace}/${name}`);
  }

  getSloHistory(
    slo: EntityRefInput,
    range: { from?: number; to?: number; step?: number } = {},
  ): Promise<SloHistory> {
    const [, namespace, name] = entityPath(slo, 'slo').split('/');
    return this.get(
      `/v1/slos/${namespace}/${name}/history${queryString({ ...range })}`,
    );
  }

  async getEntitySummary(
    entity: EntityRefInput,
  ): Promise<EntityReliabilitySummary> {
    const raw = await this.get<
      Partial<EntityReliabilitySummary> & { entity: string }
    >(`/v1/entities/${entityPath(entity)}/summary`);
    return normalizeSummary(raw);
  }

  listServices(query: ServiceListQuery = {}): Promise<ServiceReliabilityPage> {
    return this.get(`/v1/services${queryString({ ...query })}`);
  }

  getReleaseGate(
    entity: EntityRefInput,
    environment = 'production',
  ): Promise<ReleaseGateDecision> {
    return this.get(
      `/v1/entities/${entityPath(entity)}/release-gate${queryString({
        environment,
      })}`,
    );
  }

  listDeployments(
    entity: EntityRefInput,
    query: { environment?: string; offset?: number; limit?: number } = {},
  ): Promise<DeploymentPage> {
    return this.get(
      `/v1/entities/${entityPath(entity)}/deployments${queryString({
        ...query,
      })}`,
    );
  }

  getDora(
    entity: EntityRefInput,
    query: { environment?: string; days?: number } = {},
  ): Promise<DoraReport> {
    return this.get(
      `/v1/entities/${entityPath(entity)}/dora${queryString({ ...query })}`,
    );
  }

  getOwnership(entity: EntityRefInput): Promise<OwnershipInfo> {
    return this.get(`/v1/entities/${entityPath(entity)}/ownership`);
  }

  listRunbooks(entity: EntityRefInput): Promise<RunbookList> {
    return this.get(`/v1/entities/${entityPath(entity)}/runbooks`);
  }

  getRunbook(entity: EntityRefInput, id: string): Promise<RunbookDocument> {
    return this.get(
      `/v1/entities/${entityPath(entity)}/runbooks/${encodeURIComponent(id)}`,
    );
  }
}
