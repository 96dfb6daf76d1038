import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SliSource } from '@reliability-kit/plugin-reliability-node';
import { ReliabilityConfig } from '../config';
import { DeploymentImpactEvaluator } from '../deployments/DeploymentImpactEvaluator';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { OwnershipService } from '../ownership/OwnershipService';
import { ScorecardFeature } from '../scorecards/routes';
import { RunbookService } from '../runbooks/RunbookService';
import { EntitySummaries } from '../services/EntitySummaries';
import { ServiceCatalog } from '../services/ServiceCatalog';
import { SliStore } from '../sli/SliStore';
import { SloCatalog } from '../slo/SloCatalog';
import { SloEvaluator } from '../slo/SloEvaluator';
import { StatusStore } from '../slo/StatusStore';
import { KnownEntities } from './KnownEntities';

/** What the feature routers share. */
export interface ReliabilityContext {
  config: ReliabilityConfig;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Read with the caller's credentials to respect catalog read permissions; see visibleEntities.ts. */
  catalog: CatalogService;
  sliStore: SliStore;
  statusStore: StatusStore;
  sloCatalog: SloCatalog;
  evaluator: SloEvaluator;
  sources: ReadonlyMap<string, SliSource>;
  deploymentStore: DeploymentStore;
  impacts: DeploymentImpactEvaluator;
  serviceCatalog: ServiceCatalog;
  summaries: EntitySummaries;
  knownEntities: KnownEntities;
  ownership: OwnershipService;
  runbooks: RunbookService;
  scorecards: ScorecardFeature;
  clock: () => number;
}
