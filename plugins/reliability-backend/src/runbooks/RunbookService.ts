import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RELATION_MEASURED_BY,
  RunbookDocument,
  RunbookInfo,
  RunbookList,
} from '@reliability-kit/plugin-reliability-common';
import { collectRunbooks, RunbookRef } from './collectRunbooks';
import { runbookFreshness } from './freshness';
import { RunbookReader } from './RunbookReader';

/**
 * The runbooks of an entity from the catalog, with their markdown read
 * through {@link RunbookReader} and their freshness.
 */
export class RunbookService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      reader: RunbookReader;
      logger: LoggerService;
      maxAgeDays: number;
      clock: () => number;
    },
  ) {}

  /** The entity from the catalog, or undefined. */
  async entity(ref: string): Promise<Entity | undefined> {
    return this.options.catalog.getEntityByRef(ref, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
  }

  /** Every runbook of the entity, markdown ones read (through the cache). */
  async list(entity: Entity): Promise<RunbookList> {
    const refs = await this.runbookRefs(entity);
    const items = await Promise.all(
      refs.map(async ref => {
        const { markdown: _markdown, ...info } = await this.describe(ref);
        return info;
      }),
    );
    return {
      entity: stringifyEntityRef(entity),
      maxAgeDays: this.options.maxAgeDays,
      items,
    };
  }

  /** One runbook with its markdown; undefined for an id the entity lacks. */
  async document(
    entity: Entity,
    id: string,
  ): Promise<RunbookDocument | undefined> {
    const ref = (await this.runbookRefs(entity)).find(r => r.id === id);
    return ref ? this.describe(ref) : undefined;
  }

  private async runbookRefs(entity: Entity): Promise<RunbookRef[]> {
    const { runbooks, skipped } = collectRunbooks(
      entity,
      await this.slosOf(entity),
    );
    for (const { from, message } of skipped) {
      this.options.logger.debug(`Runbook of ${from} skipped: ${message}`);
    }
    return runbooks;
  }

  /** The SLO entities that measure the entity. */
  private async slosOf(entity: Entity): Promise<Entity[]> {
    const refs = [
      ...new Set(
        (entity.relations ?? [])
          .filter(r => r.type === RELATION_MEASURED_BY)
          .map(r => r.targetRef),
      ),
    ];
    if (refs.length === 0) return [];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items.filter((e): e is Entity => Boolean(e));
  }

  private async describe(ref: RunbookRef): Promise<RunbookDocument> {
    const base: RunbookInfo = {
      id: ref.id,
      title: ref.title,
      url: ref.url,
      source: ref.source,
      ...(ref.slo ? { slo: ref.slo } : {}),
      format: ref.format,
      freshness: 'unknown',
    };
    if (ref.format === 'link') return { ...base, markdown: '' };

    const read = await this.options.reader.read(ref.url);
    if (!read.ok) return { ...base, error: read.error, markdown: '' };
    const { runbook, lastModifiedAt } = read;
    const fromFrontMatter = runbook.lastReviewed !== undefined;
    const lastReviewed = runbook.lastReviewed ?? lastModifiedAt;
    return {
      ...base,
      title: runbook.title ?? ref.title,
      ...(lastReviewed !== undefined
        ? {
            lastReviewed,
            lastReviewedSource: fromFrontMatter
              ? 'front-matter'
              : 'file-change',
          }
        : {}),
      freshness: runbookFreshness(
        lastReviewed,
        this.options.clock(),
        this.options.maxAgeDays,
      ),
      ...(runbook.warnings.length ? { warnings: runbook.warnings } : {}),
      markdown: runbook.markdown,
    };
  }
}
