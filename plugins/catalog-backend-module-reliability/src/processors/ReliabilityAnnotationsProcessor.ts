import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  CatalogService,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { annotationProblems } from './annotationProblems';

/**
 * Validates the reliability annotations and reliability links of every
 * entity. A wrong value is a catalog processing error that names the entity,
 * the annotation, the value and what was expected.
 *
 * @remarks
 * The catalog's norm for a processing error is to keep the last good version
 * of the entity and show the error on its page. An entity that is not in the
 * catalog yet has no last good version, and a typo in an annotation should not
 * hide a whole service; so a new entity is admitted first (with a warning in
 * the log), and the error is reported from the next processing round on,
 * where the entity page shows it.
 *
 * @public
 */
export class ReliabilityAnnotationsProcessor implements CatalogProcessor {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  getProcessorName(): string {
    return 'ReliabilityAnnotationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const problems = annotationProblems(entity);
    if (problems.length === 0) {
      return entity;
    }
    const ref = stringifyEntityRef(entity);
    if (await this.isInCatalog(ref)) {
      for (const problem of problems) {
        emit(processingResult.inputError(location, `${ref}: ${problem}`));
      }
    } else {
      this.options.logger.warn(
        `Admitting new entity ${ref} despite invalid reliability annotations; they are reported as processing errors from the next round: ${problems.join(
          '; ',
        )}`,
      );
    }
    return entity;
  }

  private async isInCatalog(ref: string): Promise<boolean> {
    try {
      const existing = await this.options.catalog.getEntityByRef(ref, {
        credentials: await this.options.auth.getOwnServiceCredentials(),
      });
      return existing !== undefined;
    } catch {
      // When unsure, report the error: that is the catalog's norm.
      return true;
    }
  }
}
