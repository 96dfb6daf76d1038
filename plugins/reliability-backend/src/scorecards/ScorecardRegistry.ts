import { NotFoundError } from '@backstage/errors';
import {
  ScorecardDefinition,
  ScorecardInfo,
} from '@reliability-kit/plugin-reliability-common';

/** The scorecards in force: the default, app-config's and modules'. */
export class ScorecardRegistry {
  private readonly byId = new Map<string, ScorecardInfo>();

  constructor(items: readonly ScorecardInfo[]) {
    for (const item of items) this.byId.set(item.id, item);
  }

  list(): ScorecardInfo[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The scorecard, or a 404 naming the known ones. */
  get(id: string): ScorecardInfo {
    const found = this.byId.get(id);
    if (!found) {
      throw new NotFoundError(
        `Unknown scorecard "${id}"; known: ${this.ids().join(', ') || 'none'}`,
      );
    }
    return found;
  }

  /** Kinds the scorecards grade; undefined when one grades every kind. */
  kinds(): string[] | undefined {
    const kinds = new Set<string>();
    for (const card of this.byId.values()) {
      if (!card.appliesTo.kind) return undefined;
      card.appliesTo.kind.forEach(k => kinds.add(k));
    }
    return [...kinds];
  }

  /** Level id of a level index, null for -1. */
  levelId(card: ScorecardDefinition, index: number): string | null {
    return card.levels[index]?.id ?? null;
  }
}
