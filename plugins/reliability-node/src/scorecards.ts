import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ScorecardDefinition,
  ScorecardFactValue,
} from '@reliability-kit/plugin-reliability-common';

/**
 * A fact a provider computes, as scorecard checks refer to it.
 *
 * @public
 */
export interface ScorecardFactDefinition {
  /** Unique across providers, such as `github.branchProtection`. */
  id: string;
  title: string;
  type: 'boolean' | 'number' | 'string';
  description?: string;
}

/**
 * What a fact provider is asked: facts for a batch of entities.
 *
 * @public
 */
export interface ScorecardFactRequest {
  /** Entities from the catalog, with metadata, spec and relations. */
  entities: Entity[];
  /** Evaluation time, epoch ms. */
  now: number;
  /** Aborted when the run times out or the backend stops. */
  signal: AbortSignal;
}

/**
 * Computes facts for many entities at once. A provider that throws makes its
 * facts null for that run (the checks reading them fail with "no value"),
 * and the error is logged and shown with the results.
 *
 * @public
 */
export interface ScorecardFactProvider {
  /** Unique id, for logs and errors. */
  readonly id: string;
  readonly facts: ScorecardFactDefinition[];
  /**
   * Fact values by entity ref (`kind:namespace/name`, lower case as
   * `stringifyEntityRef` gives it), each a record by fact id.
   */
  retrieve(
    request: ScorecardFactRequest,
  ): Promise<Map<string, Record<string, ScorecardFactValue>>>;
}

/**
 * Lets backend modules add scorecard facts and scorecards.
 *
 * @public
 */
export interface ReliabilityScorecardsExtensionPoint {
  /** Adds fact providers; fact ids must be unique across providers. */
  addFactProvider(...providers: ScorecardFactProvider[]): void;
  /** Adds scorecards next to those of app-config; ids must be unique. */
  addScorecard(...scorecards: ScorecardDefinition[]): void;
}

/**
 * Extension point for scorecard facts and scorecards.
 *
 * @public
 */
export const reliabilityScorecardsExtensionPoint =
  createExtensionPoint<ReliabilityScorecardsExtensionPoint>({
    id: 'reliability.scorecards',
  });
