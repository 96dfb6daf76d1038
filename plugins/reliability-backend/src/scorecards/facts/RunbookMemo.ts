import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { collectRunbooks } from '../../runbooks/collectRunbooks';

/**
 * The runbooks of each entity, remembered while the entity and its SLOs
 * keep their catalog `etag`: resolving every link of 10,000 entities again
 * each run costs more than grading them.
 */
export class RunbookMemo {
  private readonly known = new Map<
    string,
    { key: string; count: number; markdown: string[] }
  >();

  of(entity: Entity, slos: Entity[]): { count: number; markdown: string[] } {
    const etags = [entity, ...slos].map(e => e.metadata.etag);
    const key = etags.every(Boolean) ? etags.join(' ') : undefined;
    const ref = stringifyEntityRef(entity);
    const known = this.known.get(ref);
    if (key && known?.key === key) return known;
    const { runbooks } = collectRunbooks(entity, slos);
    const value = {
      count: runbooks.length,
      markdown: runbooks.filter(r => r.format === 'markdown').map(r => r.url),
    };
    if (key) {
      if (this.known.size > 200_000) this.known.clear();
      this.known.set(ref, { key, ...value });
    }
    return value;
  }
}
