import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  OpenSloInlineIndicator,
  OpenSloSlo,
  RELATION_MEASURES,
  SLI_KIND,
  SLO_KIND,
  validateOpenSloDocument,
} from '@reliability-kit/plugin-reliability-common';
import { CatalogReads } from '../service/uncompressedCatalog';

/** An SLO entity with everything the evaluation and the API need. */
export interface SloRecord {
  ref: string;
  entity: Entity;
  slo: OpenSloSlo;
  /** The inline indicator, or the spec of the SLI entity it refers to. */
  indicator?: OpenSloInlineIndicator;
  /** Why the indicator is missing, for a no-data status. */
  indicatorProblem?: string;
  sourceType?: string;
  title: string;
  serviceRef?: string;
  ownerRef?: string;
  systemRef?: string;
  domainRef?: string;
}

function targetOf(entity: Entity, type: string): string | undefined {
  return entity.relations?.find(r => r.type === type)?.targetRef;
}

/**
 * The ref in a spec field such as `spec.system`, resolved the way the catalog
 * does: relative to the entity's namespace.
 */
function specRef(
  entity: Entity | undefined,
  field: string,
  defaultKind: string,
): string | undefined {
  const value = entity?.spec?.[field];
  return typeof value === 'string'
    ? stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind,
          defaultNamespace: entity!.metadata.namespace,
        }),
      )
    : undefined;
}

/** The metric source of an indicator; the first one found. */
function metricSourceOf(indicator: OpenSloInlineIndicator | undefined) {
  const spec = indicator?.spec;
  const metric =
    spec?.thresholdMetric ??
    spec?.ratioMetric?.total ??
    spec?.ratioMetric?.good ??
    spec?.ratioMetric?.raw;
  return metric?.metricSource;
}

/** The metric source type of an indicator; the first one found. */
export function sourceTypeOf(
  indicator: OpenSloInlineIndicator | undefined,
): string | undefined {
  return metricSourceOf(indicator)?.type;
}

/**
 * The data source an SLO reads, for logs and metrics: the type and the
 * OpenSLO `metricSourceRef` (such as a Prometheus instance name) when set,
 * e.g. `Prometheus "main"`.
 */
export function sourceLabelOf(record: SloRecord): string {
  const ref = metricSourceOf(record.indicator)?.metricSourceRef;
  const type = record.sourceType ?? '(no type)';
  return ref ? `${type} "${ref}"` : type;
}

/**
 * Reads the SLO entities from the catalog, together with their SLIs,
 * services, systems and domains. Keeps the last list for lookups between
 * refreshes.
 */
export class SloCatalog {
  private records = new Map<string, SloRecord>();
  private loadedAt = 0;

  constructor(
    private readonly catalog: CatalogReads,
    private readonly auth: AuthService,
  ) {}

  /** Reloads every SLO from the catalog. */
  async refresh(): Promise<SloRecord[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const [slos, slis] = await Promise.all([
      this.catalog.getEntities({ filter: { kind: SLO_KIND } }, { credentials }),
      this.catalog.getEntities({ filter: { kind: SLI_KIND } }, { credentials }),
    ]);
    const sliByRef = new Map(
      slis.items.map(e => [stringifyEntityRef(e), e] as const),
    );
    const serviceRefs = [
      ...new Set(
        slos.items.flatMap(e => {
          const ref = targetOf(e, RELATION_MEASURES);
          return ref ? [ref] : [];
        }),
      ),
    ];
    const services = await this.entitiesByRef(serviceRefs, credentials);
    const systemRefs = [
      ...new Set(
        [...services.values()].flatMap(service => {
          const ref = specRef(service, 'system', 'system');
          return ref ? [ref] : [];
        }),
      ),
    ];
    const systems = await this.entitiesByRef(systemRefs, credentials);

    const records = new Map<string, SloRecord>();
    for (const entity of slos.items) {
      const record = this.toRecord(entity, sliByRef, services, systems);
      if (record) records.set(record.ref, record);
    }
    this.records = records;
    this.loadedAt = Date.now();
    return [...records.values()];
  }

  /**
   * The known SLOs, reloading when older than `maxAgeMs`. While the catalog
   * fails, the last list it gave is served (requests for SLO history, rule
   * export and deployment impacts keep working); only a first load throws.
   */
  async list(maxAgeMs = 60_000): Promise<SloRecord[]> {
    if (Date.now() - this.loadedAt > maxAgeMs) {
      try {
        await this.refresh();
      } catch (error) {
        if (this.loadedAt === 0) throw error;
      }
    }
    return [...this.records.values()];
  }

  /** Looks SLOs up by ref, reloading once if some are unknown. */
  async lookup(refs: string[]): Promise<Map<string, SloRecord | undefined>> {
    await this.list();
    if (
      refs.some(ref => !this.records.has(ref)) &&
      Date.now() - this.loadedAt > 5_000
    ) {
      await this.refresh();
    }
    return new Map(refs.map(ref => [ref, this.records.get(ref)] as const));
  }

  private async entitiesByRef(
    refs: string[],
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
  ): Promise<Map<string, Entity>> {
    if (refs.length === 0) return new Map();
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const found = new Map<string, Entity>();
    items.forEach((entity, i) => {
      if (entity) found.set(refs[i], entity);
    });
    return found;
  }

  private toRecord(
    entity: Entity,
    sliByRef: Map<string, Entity>,
    services: Map<string, Entity>,
    systems: Map<string, Entity>,
  ): SloRecord | undefined {
    const validated = validateOpenSloDocument(entity);
    if (!validated.ok || validated.value.kind !== 'SLO') {
      return undefined;
    }
    const slo = validated.value;
    const ref = stringifyEntityRef(entity);
    let indicator = slo.spec.indicator;
    let indicatorProblem: string | undefined;
    if (!indicator && slo.spec.indicatorRef) {
      const sliRef = stringifyEntityRef(
        parseEntityRef(slo.spec.indicatorRef, {
          defaultKind: SLI_KIND,
          defaultNamespace: entity.metadata.namespace,
        }),
      );
      const sli = sliByRef.get(sliRef);
      const parsed = sli ? validateOpenSloDocument(sli) : undefined;
      if (parsed?.ok && parsed.value.kind === 'SLI') {
        indicator = {
          metadata: parsed.value.metadata,
          spec: parsed.value.spec,
        };
      } else {
        indicatorProblem = `the SLI ${sliRef} named by indicatorRef is not in the catalog`;
      }
    }
    const serviceRef = targetOf(entity, RELATION_MEASURES);
    const service = serviceRef ? services.get(serviceRef) : undefined;
    const systemRef = specRef(service, 'system', 'system');
    const system = systemRef ? systems.get(systemRef) : undefined;
    return {
      ref,
      entity,
      slo,
      indicator,
      indicatorProblem,
      sourceType: sourceTypeOf(indicator),
      title:
        entity.metadata.title ?? slo.metadata.displayName ?? slo.metadata.name,
      serviceRef,
      ownerRef: targetOf(entity, RELATION_OWNED_BY),
      systemRef,
      domainRef: specRef(system, 'domain', 'domain'),
    };
  }
}
