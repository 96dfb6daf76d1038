import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  DeploymentPage,
  DoraReport,
  EntityReliabilitySummary,
  EntityScorecards,
  OwnershipInfo,
  ReleaseGateDecision,
  RunbookDocument,
  RunbookList,
  ScorecardLeaderboard,
  ScorecardLevels,
  ScorecardList,
  ScorecardRollup,
  ScorecardTrend,
  ServiceReliabilityPage,
  SloStatusPage,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import type {
  EntityRefInput,
  ReliabilityApi,
  ScorecardExportFile,
  ScorecardScope,
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

/** `scope` and `ref` query parameters; `ref` only where it means something. */
function scopeQuery(scope: ScorecardScope = { type: 'all' }) {
  return {
    scope: scope.type,
    ref: scope.type === 'all' ? undefined : scope.ref,
  };
}

/** The file name of a Content-Disposition header, if it names one. */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || undefined;
}

/** `production-readiness-group-default-payments.csv`, as the backend names it. */
export function exportFilename(
  scorecardId: string,
  format: 'csv' | 'json',
  scope: ScorecardScope = { type: 'all' },
): string {
  const what =
    scope.type === 'all' || !scope.ref
      ? 'all'
      : scope.ref.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${scorecardId}-${what}.${format}`;
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

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('reliability');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }

  private async get<T>(path: string): Promise<T> {
    return (await (await this.request(path)).json()) as T;
  }

  private async post<T>(path: string): Promise<T> {
    const response = await this.request(path, { method: 'POST' });
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

  listScorecards(): Promise<ScorecardList> {
    return this.get('/v1/scorecards');
  }

  getEntityScorecards(entity: EntityRefInput): Promise<EntityScorecards> {
    return this.get(`/v1/entities/${entityPath(entity)}/scorecards`);
  }

  refreshEntityScorecards(entity: EntityRefInput): Promise<EntityScorecards> {
    return this.post(`/v1/entities/${entityPath(entity)}/scorecards/refresh`);
  }

  getScorecardRollup(
    scorecardId: string,
    scope?: ScorecardScope,
  ): Promise<ScorecardRollup> {
    return this.get(
      `/v1/scorecards/${encodeURIComponent(scorecardId)}/rollup${queryString(
        scopeQuery(scope),
      )}`,
    );
  }

  getScorecardLeaderboard(
    scorecardId: string,
    by: 'team' | 'system' | 'domain' = 'team',
  ): Promise<ScorecardLeaderboard> {
    return this.get(
      `/v1/scorecards/${encodeURIComponent(
        scorecardId,
      )}/leaderboard${queryString({ by })}`,
    );
  }

  getScorecardTrend(
    scorecardId: string,
    scope?: ScorecardScope,
    days?: number,
  ): Promise<ScorecardTrend> {
    return this.get(
      `/v1/scorecards/${encodeURIComponent(scorecardId)}/trend${queryString({
        ...scopeQuery(scope),
        days,
      })}`,
    );
  }

  getScorecardLevels(
    scorecardId: string,
    entities: string[],
  ): Promise<ScorecardLevels> {
    // Comma-separated in one parameter, as the other list filters: the
    // shortest URL for up to 200 refs.
    return this.get(
      `/v1/scorecards/${encodeURIComponent(scorecardId)}/levels${queryString({
        entity: entities,
      })}`,
    );
  }

  async exportScorecard(
    scorecardId: string,
    format: 'csv' | 'json',
    scope?: ScorecardScope,
  ): Promise<ScorecardExportFile> {
    const response = await this.request(
      `/v1/scorecards/${encodeURIComponent(scorecardId)}/export${queryString({
        format,
        ...scopeQuery(scope),
      })}`,
    );
    const blob = await response.blob();
    return {
      blob,
      // Cross-origin, the browser hides Content-Disposition unless the
      // backend exposes it: then the name is made as the backend makes it.
      filename:
        dispositionFilename(response.headers.get('content-disposition')) ??
        exportFilename(scorecardId, format, scope),
    };
  }
}
