import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  sloDefinitionFromOpenSlo,
  validateOpenSloDocument,
} from '@reliability-kit/plugin-reliability-common';
import {
  describeDemoSlo,
  entityRefOf,
  MINUTE_MS,
  type DemoSlo,
  type EntityLike,
} from '../history';

// The Prometheus demo profile (`node scripts/bootstrap.mjs start:prometheus`):
// its catalog (catalog/all-prometheus.yaml, with the Prometheus variants of
// some demo SLOs in catalog/prometheus/) and the Prometheus series each of its
// SLOs reads. The numbers come from the built-in demo's generator
// (../history.ts), so both profiles tell the same story.

/** The metric source type of the profile's SLOs. */
export const PROMETHEUS_SOURCE_TYPE = 'Prometheus';

/** The repository's catalog/ folder. */
export const CATALOG_DIR = resolvePackagePath('backend', '../../catalog');

/** The profile's catalog Location, under catalog/. */
export const PROFILE_LOCATION = 'all-prometheus.yaml';

/**
 * The series of a ratio SLI, as `name{label="value",…}`: two of good, bad
 * and total. The SLO's queries must read them back, e.g. total as the sum of
 * a good and a bad series told apart by a label.
 */
export interface CounterPlan {
  kind: 'counters';
  good?: string;
  bad?: string;
  total?: string;
}

/** A threshold SLI read from a gauge: the value of the last minute. */
export interface GaugePlan {
  kind: 'gauge';
  series: string;
}

/**
 * A threshold SLI read with `histogram_quantile(quantile, …)` from a
 * histogram: requests of each minute spread so that the minute's
 * `quantile` is the generated value.
 */
export interface HistogramPlan {
  kind: 'histogram';
  /** `<family>_bucket{…, le="…"}` series. */
  family: string;
  labels: Record<string, string>;
  /** In (0.95, 1). */
  quantile: number;
  /** Upper bounds, ascending; `+Inf` is added. */
  buckets: number[];
}

export type SeriesPlan = CounterPlan | GaugePlan | HistogramPlan;

/**
 * The series of every SLO of the profile. An SLO under catalog/prometheus/
 * without an entry here fails the generator (and the tests).
 */
export const PROFILE_SERIES: Readonly<Record<string, SeriesPlan>> = {
  'payments-api-availability': {
    kind: 'counters',
    good: 'payments_authorisations_total{service="payments-api",outcome="approved"}',
    bad: 'payments_authorisations_total{service="payments-api",outcome="error"}',
  },
  'payments-api-latency': {
    kind: 'counters',
    good: 'payments_authorisation_duration_seconds_bucket{service="payments-api",le="0.4"}',
    total:
      'payments_authorisation_duration_seconds_count{service="payments-api"}',
  },
  'search-api-availability': {
    kind: 'counters',
    good: 'search_queries_total{service="search-api",result="ok"}',
    bad: 'search_queries_total{service="search-api",result="error"}',
  },
  'search-api-latency': {
    kind: 'histogram',
    family: 'http_server_request_duration_seconds',
    labels: { service: 'search-api', route: '/v1/search' },
    quantile: 0.99,
    buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5],
  },
  'orders-service-availability': {
    kind: 'counters',
    good: 'orders_requests_total{service="orders-service",code="200"}',
    bad: 'orders_requests_total{service="orders-service",code="500"}',
  },
  'orders-service-latency': {
    kind: 'counters',
    good: 'orders_placement_duration_seconds_bucket{service="orders-service",le="0.5"}',
    total: 'orders_placement_duration_seconds_count{service="orders-service"}',
  },
  'inventory-service-availability': {
    kind: 'counters',
    good: 'inventory_requests_total{service="inventory-service",code="200"}',
    bad: 'inventory_requests_total{service="inventory-service",code="503"}',
  },
  'inventory-service-latency': {
    kind: 'gauge',
    series:
      'inventory_reservation_duration_p99_seconds{service="inventory-service"}',
  },
};

/** A catalog entity and the file it came from, relative to catalog/. */
export interface CatalogDocument {
  file: string;
  entity: EntityLike;
}

/** The YAML documents of a file under catalog/, empty ones left out. */
export function readCatalogFile(file: string): EntityLike[] {
  const text = fs.readFileSync(path.join(CATALOG_DIR, file), 'utf8');
  return parseAllDocuments(text).flatMap((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(
        `catalog/${file}, document ${index + 1}: ${doc.errors
          .map(e => e.message)
          .join('; ')}`,
      );
    }
    const value = doc.toJS();
    return value ? [value as EntityLike] : [];
  });
}

/**
 * The targets of a Location file under catalog/, as paths relative to
 * catalog/ (e.g. `all.yaml` lists `./org/groups.yaml`, read as
 * `org/groups.yaml`).
 */
export function locationTargets(file: string): string[] {
  const [location] = readCatalogFile(file);
  const spec = location?.spec as { targets?: unknown } | undefined;
  if (location?.kind !== 'Location' || !Array.isArray(spec?.targets)) {
    throw new Error(`catalog/${file} is not a Location with spec.targets`);
  }
  return spec!.targets.map(target =>
    path.posix.join(path.posix.dirname(file), String(target)),
  );
}

/** Every entity the profile's catalog location loads. */
export function loadProfileCatalog(): CatalogDocument[] {
  return locationTargets(PROFILE_LOCATION).flatMap(file =>
    readCatalogFile(file).map(entity => ({ file, entity })),
  );
}

/** A Prometheus-backed SLO of the profile: what to generate and how. */
export interface ProfileSlo {
  demo: DemoSlo;
  plan: SeriesPlan;
  /**
   * Time between samples: a minute, or a third of a shorter time slice, so
   * that `increase()` over one slice sees at least two samples.
   */
  sampleMs: number;
}

/** Sample intervals that divide a minute, longest first. */
const SUB_MINUTE_STEPS = [30_000, 20_000, 15_000, 10_000, 5_000];

/**
 * The SLOs of a catalog that read Prometheus, with their series; SLOs on
 * other sources are left out. Throws for a Prometheus SLO the generator
 * cannot describe or has no series for.
 */
export function describeProfileSlos(
  documents: ReadonlyArray<CatalogDocument>,
): ProfileSlo[] {
  const entities = documents.map(d => d.entity);
  const slis = new Map(
    entities.filter(e => e.kind === 'SLI').map(e => [entityRefOf(e), e]),
  );
  const result: ProfileSlo[] = [];
  for (const entity of entities) {
    if (entity.kind !== 'SLO') continue;
    const findSli = (ref: string) => slis.get(ref);
    if (describeDemoSlo(entity, findSli)) continue; // BuiltIn: the seeder's
    const demo = describeDemoSlo(entity, findSli, PROMETHEUS_SOURCE_TYPE);
    const name = entity.metadata.name;
    if (!demo) {
      throw new Error(
        `SLO ${name}: not a ratio or threshold SLO read from ${PROMETHEUS_SOURCE_TYPE} only, which the demo generator needs`,
      );
    }
    const plan = PROFILE_SERIES[name];
    if (!plan) {
      throw new Error(
        `SLO ${name} reads Prometheus but PROFILE_SERIES (packages/backend/src/demo/prometheus/profile.ts) has no series for it`,
      );
    }
    if ((plan.kind === 'counters') !== (demo.kind === 'ratio')) {
      throw new Error(
        `SLO ${name} is a ${demo.kind} SLO; its series are ${plan.kind}`,
      );
    }
    const validated = validateOpenSloDocument(entity);
    const slo =
      validated.ok && validated.value.kind === 'SLO'
        ? validated.value
        : undefined;
    let sampleMs = MINUTE_MS;
    slo?.spec.objectives.forEach((_, index) => {
      const sliceMs = sloDefinitionFromOpenSlo(slo, index)?.timeSliceWindowMs;
      if (sliceMs && sliceMs < 3 * MINUTE_MS) {
        const fits = SUB_MINUTE_STEPS.find(step => step <= sliceMs / 3);
        sampleMs = Math.min(sampleMs, fits ?? SUB_MINUTE_STEPS.at(-1)!);
      }
    });
    result.push({ demo, plan, sampleMs });
  }
  return result;
}
