import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  CatalogService,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SLO_OWNER,
  isOpenSloEntity,
  OpenSloSlo,
  RELATION_INDICATOR_OF,
  RELATION_MEASURED_BY,
  RELATION_MEASURES,
  RELATION_USES_INDICATOR,
  SLO_KIND,
  validateOpenSloDocument,
} from '@reliability-kit/plugin-reliability-common';
import { quoted, refOf, resolveRef } from './refs';

const OWNER_CACHE_KEY = 'serviceOwner';

/**
 * Admits OpenSLO v1 `SLO` and `SLI` documents as catalog entities, validated
 * against the OpenSLO spec, and relates each SLO to the service it measures,
 * to its SLI, and to its owner (the service's owner unless the SLO names one
 * with the `reliability/owner` annotation).
 *
 * @public
 */
export class OpenSloEntityProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  getProcessorName(): string {
    return 'OpenSloEntityProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!isOpenSloEntity(entity)) {
      return entity;
    }
    // OpenSLO names things for people with metadata.displayName and
    // spec.description; the catalog shows metadata.title and
    // metadata.description.
    const displayName = entity.metadata.displayName;
    const description = entity.spec?.description;
    const metadata = { ...entity.metadata };
    if (typeof displayName === 'string' && !metadata.title) {
      metadata.title = displayName;
    }
    if (typeof description === 'string' && !metadata.description) {
      metadata.description = description;
    }
    return { ...entity, metadata };
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isOpenSloEntity(entity)) {
      return false;
    }
    const result = validateOpenSloDocument(entity);
    if (!result.ok) {
      const lines = result.errors.map(error => `  ${error.formatted}`);
      throw new InputError(
        `Invalid OpenSLO ${entity.kind} "${refOf(entity)}":\n${lines.join(
          '\n',
        )}`,
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (!isOpenSloEntity(entity) || entity.kind !== SLO_KIND) {
      return entity;
    }
    const slo = entity as unknown as OpenSloSlo & Entity;
    const self = refOf(entity);

    const service = this.tryResolve(
      slo.spec.service,
      entity,
      'component',
      'spec.service',
      location,
      emit,
    );
    if (service) {
      emitPair(emit, entity, RELATION_MEASURES, service, RELATION_MEASURED_BY);
    }

    for (const { ref, path } of indicatorRefs(slo)) {
      const sli = this.tryResolve(ref, entity, 'sli', path, location, emit);
      if (sli) {
        emitPair(
          emit,
          entity,
          RELATION_USES_INDICATOR,
          sli,
          RELATION_INDICATOR_OF,
        );
      }
    }

    const owner = await this.ownerOf(slo, service, location, emit, cache);
    if (owner) {
      emitPair(emit, entity, RELATION_OWNED_BY, owner, RELATION_OWNER_OF);
    } else {
      this.options.logger.debug(`No owner known yet for ${self}`);
    }
    return entity;
  }

  private tryResolve(
    ref: string,
    entity: Entity,
    defaultKind: string,
    path: string,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): CompoundEntityRef | undefined {
    try {
      return resolveRef(ref, entity, defaultKind);
    } catch (error) {
      emit(
        processingResult.inputError(
          location,
          `${refOf(entity)}: ${path}: ${quoted(
            ref,
          )} is not an entity reference; expected a name such as "checkout-service" or a reference such as "component:default/checkout-service"`,
        ),
      );
      return undefined;
    }
  }

  private async ownerOf(
    slo: Entity,
    service: CompoundEntityRef | undefined,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<CompoundEntityRef | undefined> {
    const named = slo.metadata.annotations?.[ANNOTATION_SLO_OWNER];
    if (named) {
      return this.tryResolve(
        named,
        slo,
        'group',
        `metadata.annotations["${ANNOTATION_SLO_OWNER}"]`,
        location,
        emit,
      );
    }
    if (!service) {
      return undefined;
    }
    const cached = await cache.get<string>(OWNER_CACHE_KEY);
    try {
      const serviceEntity = await this.options.catalog.getEntityByRef(service, {
        credentials: await this.options.auth.getOwnServiceCredentials(),
      });
      const owner = serviceEntity?.spec?.owner;
      if (typeof owner !== 'string') {
        // The service may simply not be ingested yet; the next processing
        // round tries again.
        return cached ? resolveRef(cached, slo, 'group') : undefined;
      }
      const ownerRef = resolveRef(owner, serviceEntity!, 'group');
      await cache.set(OWNER_CACHE_KEY, refOf(ownerRef));
      return ownerRef;
    } catch (error) {
      this.options.logger.warn(
        `Could not look up the owner of ${refOf(service)} for ${refOf(
          slo,
        )}: ${error}`,
      );
      return cached ? resolveRef(cached, slo, 'group') : undefined;
    }
  }
}

function emitPair(
  emit: CatalogProcessorEmit,
  source: Entity,
  type: string,
  target: CompoundEntityRef,
  reverseType: string,
) {
  const sourceRef = {
    kind: source.kind,
    namespace: source.metadata.namespace ?? 'default',
    name: source.metadata.name,
  };
  emit(processingResult.relation({ source: sourceRef, type, target }));
  emit(
    processingResult.relation({
      source: target,
      type: reverseType,
      target: sourceRef,
    }),
  );
}

function indicatorRefs(slo: OpenSloSlo): Array<{ ref: string; path: string }> {
  const refs: Array<{ ref: string; path: string }> = [];
  if (slo.spec.indicatorRef) {
    refs.push({ ref: slo.spec.indicatorRef, path: 'spec.indicatorRef' });
  }
  slo.spec.objectives.forEach((objective, index) => {
    if (objective.indicatorRef) {
      refs.push({
        ref: objective.indicatorRef,
        path: `spec.objectives[${index}].indicatorRef`,
      });
    }
  });
  return refs;
}
