import {
  EntityScorecards,
  rankRollups,
  rollupScores,
  rowsByScope,
  ScorecardInfo,
  ScorecardLeaderboard,
  ScorecardLevels,
  ScorecardRollup,
  ScorecardScopeType,
  ScorecardTrend,
  scorecardAppliesTo,
} from '@reliability-kit/plugin-reliability-common';
import { Entity } from '@backstage/catalog-model';
import { groupAndAncestors } from '@reliability-kit/plugin-reliability-common';
import { ScorecardCatalog } from './ScorecardCatalog';
import { ScorecardRegistry } from './ScorecardRegistry';
import { StoredScorecardResult } from './resultRows';
import { ScorecardStore, SnapshotAggregate, utcDay } from './ScorecardStore';

const DAY = 86_400_000;

export interface ScorecardScope {
  type: ScorecardScopeType;
  ref?: string;
}

/** Keeps the results the caller may see. */
export type RowFilter = (
  rows: StoredScorecardResult[],
) => Promise<StoredScorecardResult[]>;

const SCOPE_COLUMN = {
  team: 'owner_ref',
  system: 'system_ref',
  domain: 'domain_ref',
  all: 'owner_ref',
} as const;

/** Reads of stored scorecard results: per entity, rollups, trends, exports. */
export class ScorecardService {
  constructor(
    private readonly options: {
      registry: ScorecardRegistry;
      store: ScorecardStore;
      catalog: ScorecardCatalog;
      clock: () => number;
    },
  ) {}

  /** Results of every scorecard that grades the entity. */
  async forEntity(entity: Entity, ref: string): Promise<EntityScorecards> {
    const { registry, store } = this.options;
    const stored = new Map(
      (await store.forEntity(ref)).map(r => [r.scorecardId, r]),
    );
    const items = [];
    const pending = [];
    for (const card of registry.list()) {
      if (!scorecardAppliesTo(card.appliesTo, entity)) continue;
      const result = stored.get(card.id);
      if (!result) {
        pending.push(card.id);
        continue;
      }
      const { owner: _o, system: _s, domain: _d, ...rest } = result;
      items.push({ ...rest, level: registry.levelId(card, result.levelIndex) });
    }
    return { entity: ref, items, pending };
  }

  async levels(id: string, entities: string[]): Promise<ScorecardLevels> {
    const card = this.options.registry.get(id);
    const rows = await this.options.store.levels(id, entities);
    return {
      scorecardId: id,
      items: rows.map(r => ({
        ...r,
        level: this.options.registry.levelId(card, r.levelIndex),
      })),
    };
  }

  /** Stored results of a scorecard within a scope. */
  async results(
    id: string,
    scope: ScorecardScope,
  ): Promise<StoredScorecardResult[]> {
    this.options.registry.get(id);
    const all = await this.options.store.forScorecard(id);
    if (scope.type === 'all' || !scope.ref) return all;
    if (scope.type !== 'team') {
      return all.filter(
        r => r[scope.type as 'system' | 'domain'] === scope.ref,
      );
    }
    return (
      rowsByScope(all, 'team', await this.options.catalog.groups()).get(
        scope.ref,
      ) ?? []
    );
  }

  async rollup(
    id: string,
    scope: ScorecardScope,
    visible: RowFilter = async rows => rows,
  ): Promise<ScorecardRollup> {
    const card = this.options.registry.get(id);
    const rows = await visible(await this.results(id, scope));
    const stats = rollupScores(card, rows);
    let title: string | undefined;
    let children: ScorecardRollup['children'];
    if (scope.type === 'team' && scope.ref) {
      const groups = await this.options.catalog.groups();
      title = groups.find(g => g.ref === scope.ref)?.title;
      const byTeam = rowsByScope(rows, 'team', groups);
      children = groups
        .filter(g => g.parent === scope.ref)
        .map(g => ({
          ref: g.ref,
          title: g.title,
          ...rollupScores(card, byTeam.get(g.ref) ?? []),
        }));
    } else if (scope.ref) {
      title = await this.options.catalog.titleOf(scope.ref);
    }
    const times = rows.map(r => Date.parse(r.evaluatedAt));
    return {
      scorecardId: id,
      scope: {
        type: scope.type,
        ...(scope.ref ? { ref: scope.ref } : {}),
        ...(title ? { title } : {}),
      },
      ...stats,
      ...(children ? { children } : {}),
      evaluatedAt: times.length
        ? new Date(Math.min(...times)).toISOString()
        : null,
      staleCount: rows.filter(r => r.stale).length,
    };
  }

  async leaderboard(
    id: string,
    by: 'team' | 'system' | 'domain',
    visible: RowFilter = async rows => rows,
  ): Promise<ScorecardLeaderboard> {
    const card = this.options.registry.get(id);
    const rows = await visible(await this.options.store.forScorecard(id));
    const groups = by === 'team' ? await this.options.catalog.groups() : [];
    const titleOf = new Map(groups.map(g => [g.ref, g.title]));
    const scoped = rowsByScope(rows, by, groups);
    const items = await Promise.all(
      [...scoped].map(async ([ref, list]) => ({
        ref,
        title: titleOf.get(ref) ?? (await this.options.catalog.titleOf(ref)),
        ...rollupScores(card, list),
      })),
    );
    return { scorecardId: id, by, rows: rankRollups(items) };
  }

  async trend(
    id: string,
    scope: ScorecardScope,
    days: number,
  ): Promise<ScorecardTrend> {
    const card = this.options.registry.get(id);
    const since = utcDay(this.options.clock() - (days - 1) * DAY);
    const aggregates = await this.options.store.snapshotAggregates(
      id,
      SCOPE_COLUMN[scope.type],
      since,
    );
    const wanted = await this.scopeFilter(scope);
    const byDay = new Map<string, SnapshotAggregate[]>();
    for (const a of aggregates) {
      if (!wanted(a.scope)) continue;
      const list = byDay.get(a.day);
      if (list) list.push(a);
      else byDay.set(a.day, [a]);
    }
    const levels = card.levels.length;
    const points = [...byDay].map(([day, list]) => {
      const levelCounts = new Array<number>(levels + 1).fill(0);
      let entities = 0;
      let passed = 0;
      let applicable = 0;
      let attained = 0;
      for (const a of list) {
        const index = Math.max(-1, Math.min(levels - 1, a.levelIndex));
        levelCounts[index + 1] += a.entities;
        entities += a.entities;
        passed += a.passed;
        applicable += a.applicable;
        attained += levels ? ((index + 1) / levels) * a.entities : 0;
      }
      return {
        day,
        entities,
        levelCounts,
        passRate: applicable ? passed / applicable : null,
        score: entities ? attained / entities : null,
      };
    });
    points.sort((a, b) => a.day.localeCompare(b.day));
    return {
      scorecardId: id,
      scope: { type: scope.type, ...(scope.ref ? { ref: scope.ref } : {}) },
      days,
      points,
    };
  }

  /** Which snapshot scope values belong to the scope. */
  private async scopeFilter(
    scope: ScorecardScope,
  ): Promise<(value: string | null) => boolean> {
    if (scope.type === 'all' || !scope.ref) return () => true;
    if (scope.type !== 'team') return value => value === scope.ref;
    const groups = await this.options.catalog.groups();
    const parentOf = new Map(groups.map(g => [g.ref, g.parent]));
    const memo = new Map<string, boolean>();
    return value => {
      if (!value) return false;
      let inside = memo.get(value);
      if (inside === undefined) {
        inside = groupAndAncestors(value, parentOf).includes(scope.ref!);
        memo.set(value, inside);
      }
      return inside;
    };
  }

  info(id: string): ScorecardInfo {
    return this.options.registry.get(id);
  }
}
