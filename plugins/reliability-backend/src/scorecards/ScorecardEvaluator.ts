import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  ANNOTATION_SCORECARD_EXEMPTIONS,
  parseScorecardExemptionsAnnotation,
  ScorecardExemption,
  ScorecardFactValue,
  ScorecardDefinition,
  ScorecardRunSummary,
  ScorecardScore,
  ScorecardSubject,
  scoreEntity,
  scorecardAppliesTo,
  scorecardTierOf,
} from '@reliability-kit/plugin-reliability-common';
import { ScorecardFactProvider } from '@reliability-kit/plugin-reliability-node';
import { RemovalGuard } from '../service/RemovalGuard';
import { ScorecardCatalog } from './ScorecardCatalog';
import { ScorecardRegistry } from './ScorecardRegistry';
import { ScorecardResultInput } from './resultRows';
import { ScorecardStore } from './ScorecardStore';

function exemptionsOf(entity: Entity): ScorecardExemption[] {
  const raw = entity.metadata.annotations?.[ANNOTATION_SCORECARD_EXEMPTIONS];
  if (!raw) return [];
  // The catalog module reports a malformed annotation on the entity; here
  // it simply grants nothing.
  const parsed = parseScorecardExemptionsAnnotation(raw);
  return parsed.ok ? parsed.value : [];
}

/** Milliseconds per phase of a run, and per fact provider. */
class RunTimings {
  readonly phases: Record<string, number> = {};
  readonly providers: Record<string, number> = {};

  constructor(private readonly clock: () => number) {}

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = this.clock();
    try {
      return await work();
    } finally {
      this.phases[phase] = this.clock() - started;
    }
  }

  describe(): string {
    const list = (record: Record<string, number>) =>
      Object.entries(record)
        .map(([name, ms]) => `${name} ${ms} ms`)
        .join(', ');
    return `${list(this.phases)} (fact providers in parallel: ${list(
      this.providers,
    )})`;
  }
}

interface LastGrade {
  card: ScorecardDefinition;
  etag: string;
  facts: Readonly<Record<string, ScorecardFactValue>>;
  score: ScorecardScore;
}

function sameFacts(
  a: Readonly<Record<string, ScorecardFactValue>>,
  b: Readonly<Record<string, ScorecardFactValue>>,
): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(k => Object.is(a[k], b[k]));
}

const message = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Grades entities on every scorecard that applies to them: facts from all
 * providers in parallel (each over all entities at once), then the pure
 * level logic, then one transaction of results and snapshots.
 */
export class ScorecardEvaluator {
  /** Holds back a drastic removal of a scorecard's results once. */
  private readonly removals = new RemovalGuard();
  /**
   * The last grade of each entity on each scorecard, with what it was made
   * from: while the entity keeps its catalog etag and its facts, the grade
   * is the same and is not made again.
   */
  private readonly lastGrades = new Map<string, LastGrade>();

  constructor(
    private readonly options: {
      registry: ScorecardRegistry;
      providers: readonly ScorecardFactProvider[];
      catalog: ScorecardCatalog;
      store: ScorecardStore;
      logger: LoggerService;
      clock: () => number;
    },
  ) {}

  /**
   * Grades every applicable entity and replaces the stored results. When
   * the catalog cannot be read, stored results stay as they were, marked
   * stale, and the error is thrown.
   */
  async runAll(
    signal: AbortSignal = new AbortController().signal,
  ): Promise<ScorecardRunSummary> {
    const { registry, catalog, store, logger, clock } = this.options;
    const started = clock();
    const timings = new RunTimings(clock);
    let loaded;
    try {
      loaded = await timings.time('catalog', () =>
        catalog.entities(registry.kinds()),
      );
    } catch (error) {
      const reason = `catalog unavailable: ${message(error)}`;
      await store.markStale(reason, started);
      logger.warn(`Scorecard run skipped, results kept as stale: ${reason}`);
      throw new ServiceUnavailableError(
        `${reason}; the last scorecard results are kept, marked stale`,
      );
    }
    const results = await this.grade(
      loaded.entities,
      loaded.domainOf,
      started,
      signal,
      timings,
    );
    const { written, snapshots, removed } = await timings.time('save', () =>
      store.save(results, started, {
        scorecardIds: registry.ids(),
        mayRemove: (id, gone, stored) => this.mayRemove(id, gone, stored),
      }),
    );
    const summary = {
      scorecards: registry.ids().length,
      entities: new Set(results.map(r => r.entity)).size,
      results: results.length,
      written,
      snapshots,
      removed,
      durationMs: clock() - started,
      evaluatedAt: new Date(started).toISOString(),
      phasesMs: timings.phases,
      factProvidersMs: timings.providers,
    };
    logger.info(
      `Scorecards graded ${summary.entities} entities (${
        summary.results
      } results, ${written} written, ${snapshots} snapshots, ${removed} removed) in ${
        summary.durationMs
      } ms: ${timings.describe()}`,
    );
    return summary;
  }

  /** Whether a run may remove `gone` of `stored` results; warns if not. */
  private mayRemove(
    scorecardId: string,
    gone: number,
    stored: number,
  ): boolean {
    if (this.removals.mayRemove(scorecardId, gone, stored)) return true;
    this.options.logger.warn(
      `Scorecard ${scorecardId}: results of ${gone} of ${stored} entities would be removed because the catalog no longer lists them; kept until the next run confirms it`,
    );
    return false;
  }

  /** Grades one entity now; 404 when the catalog does not have it. */
  async runOne(ref: string): Promise<void> {
    const { catalog, store, clock } = this.options;
    const now = clock();
    let found;
    try {
      found = await catalog.entity(ref);
    } catch (error) {
      const reason = `catalog unavailable: ${message(error)}`;
      await store.markStale(reason, now, ref);
      throw new ServiceUnavailableError(
        `${reason}; the last scorecard results are kept, marked stale`,
      );
    }
    if (!found) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const results = await this.grade(
      [found.entity],
      found.domainOf,
      now,
      new AbortController().signal,
    );
    await store.save(results, now);
  }

  private async grade(
    entities: Entity[],
    domainOf: Map<string, string | undefined>,
    now: number,
    signal: AbortSignal,
    timings = new RunTimings(this.options.clock),
  ): Promise<ScorecardResultInput[]> {
    const cards = this.options.registry.list();
    const graded = entities.flatMap(entity => {
      const applying = cards.filter(card =>
        scorecardAppliesTo(card.appliesTo, entity),
      );
      return applying.length ? [{ entity, cards: applying }] : [];
    });
    const { facts, failures } = await timings.time('facts', () =>
      this.facts(
        graded.map(g => g.entity),
        now,
        signal,
        timings,
      ),
    );
    const gradingStarted = this.options.clock();
    const staleReason = failures.length ? failures.join('; ') : undefined;
    const results: ScorecardResultInput[] = [];
    for (const { entity, cards: applying } of graded) {
      const ref = stringifyEntityRef(entity);
      const subject = {
        facts: facts.get(ref) ?? {},
        exemptions: exemptionsOf(entity),
        tier: scorecardTierOf(entity),
      };
      const placement = ScorecardCatalog.placement(entity, domainOf);
      for (const card of applying) {
        results.push({
          scorecardId: card.id,
          entity: ref,
          ...placement,
          score: this.scoreOf(card, entity, ref, subject, now),
          ...(staleReason ? { staleReason } : {}),
        });
      }
    }
    timings.phases.grading = this.options.clock() - gradingStarted;
    return results;
  }

  /**
   * {@link scoreEntity}, or the last grade when the scorecard, the entity's
   * etag and its facts are the same. Entities with exemptions are always
   * graded again: an exemption can expire between two runs.
   */
  private scoreOf(
    card: ScorecardDefinition,
    entity: Entity,
    ref: string,
    subject: ScorecardSubject,
    now: number,
  ): ScorecardScore {
    const etag = entity.metadata.etag;
    const memoKey = `${card.id}\n${ref}`;
    const last = this.lastGrades.get(memoKey);
    if (
      last &&
      etag &&
      last.etag === etag &&
      last.card === card &&
      subject.exemptions.length === 0 &&
      sameFacts(last.facts, subject.facts)
    ) {
      return last.score;
    }
    const score = scoreEntity(card, subject, now);
    if (etag) {
      if (this.lastGrades.size > 500_000) this.lastGrades.clear();
      this.lastGrades.set(memoKey, { card, etag, facts: subject.facts, score });
    }
    return score;
  }

  /** Facts of all providers merged per entity; failed providers named. */
  private async facts(
    entities: Entity[],
    now: number,
    signal: AbortSignal,
    timings: RunTimings,
  ) {
    const facts = new Map<string, Record<string, ScorecardFactValue>>();
    const failures: string[] = [];
    if (entities.length === 0) return { facts, failures };
    await Promise.all(
      this.options.providers.map(async provider => {
        const started = this.options.clock();
        try {
          const values = await provider.retrieve({ entities, now, signal });
          timings.providers[provider.id] = this.options.clock() - started;
          for (const [ref, record] of values) {
            const merged = facts.get(ref);
            if (merged) Object.assign(merged, record);
            else facts.set(ref, { ...record });
          }
        } catch (error) {
          failures.push(
            `fact provider ${provider.id} failed: ${message(error)}`,
          );
          this.options.logger.warn(
            `Scorecard fact provider ${
              provider.id
            } failed; its facts have no value this run: ${message(error)}`,
          );
        }
      }),
    );
    return { facts, failures };
  }
}
