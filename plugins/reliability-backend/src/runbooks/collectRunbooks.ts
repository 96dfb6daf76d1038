import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_SLO_RUNBOOK,
  linksOfType,
  RELIABILITY_LINK_TYPES,
  RunbookInfo,
} from '@reliability-kit/plugin-reliability-common';
import {
  isMarkdownUrl,
  resolveRunbookUrl,
  runbookBaseOf,
  runbookId,
} from './resolveRunbookUrl';

/** A runbook found in the catalog, before its markdown is read. */
export interface RunbookRef {
  id: string;
  url: string;
  /** The link title, or a title made from the SLO; the markdown's wins. */
  title: string;
  source: RunbookInfo['source'];
  slo?: string;
  format: RunbookInfo['format'];
}

/** A value that could not become a runbook, for the log. */
export interface SkippedRunbook {
  from: string;
  message: string;
}

/** Most runbooks of one entity that are looked at. */
export const MAX_RUNBOOKS = 50;

function sloTitleOf(slo: Entity): string {
  const displayName = slo.metadata.displayName;
  return (
    slo.metadata.title ??
    (typeof displayName === 'string' ? displayName : slo.metadata.name)
  );
}

/** The file name of a URL, as the title of last resort. */
function fileNameOf(url: string): string {
  const { pathname, hostname } = new URL(url);
  const name = decodeURIComponent(
    pathname.split('/').filter(Boolean).pop() ?? '',
  );
  return name || hostname || url;
}

/**
 * The runbooks of an entity: its links of type `runbook`, then the
 * `reliability/slo-runbook` annotation of each SLO that measures it. Relative
 * paths resolve against the source location of the entity that names them.
 * A URL named twice is listed once, with its first source.
 */
export function collectRunbooks(
  entity: Entity,
  slos: Entity[],
): { runbooks: RunbookRef[]; skipped: SkippedRunbook[] } {
  const runbooks: RunbookRef[] = [];
  const skipped: SkippedRunbook[] = [];
  const seen = new Set<string>();
  const add = (
    from: string,
    value: string,
    owner: Entity,
    ref: Omit<RunbookRef, 'id' | 'url' | 'format' | 'title'> & {
      title?: string;
    },
  ) => {
    const resolved = resolveRunbookUrl(value, runbookBaseOf(owner));
    if (!resolved.ok) {
      skipped.push({ from, message: resolved.message });
      return;
    }
    if (seen.has(resolved.url) || runbooks.length >= MAX_RUNBOOKS) return;
    seen.add(resolved.url);
    runbooks.push({
      ...ref,
      id: runbookId(resolved.url),
      url: resolved.url,
      title: ref.title || fileNameOf(resolved.url),
      format: isMarkdownUrl(resolved.url) ? 'markdown' : 'link',
    });
  };

  const entityRef = stringifyEntityRef(entity);
  const links = entity.metadata.links ?? [];
  for (const link of linksOfType(links, RELIABILITY_LINK_TYPES.runbook)) {
    add(
      `${entityRef} metadata.links[${links.indexOf(link)}]`,
      link.url,
      entity,
      {
        title: link.title,
        source: 'entity-link',
      },
    );
  }

  const sorted = slos
    .map(slo => ({ slo, ref: stringifyEntityRef(slo) }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
  for (const { slo, ref } of sorted) {
    const value = slo.metadata.annotations?.[ANNOTATION_SLO_RUNBOOK];
    if (value === undefined) continue;
    add(`${ref} ${ANNOTATION_SLO_RUNBOOK}`, value, slo, {
      title: `${sloTitleOf(slo)} runbook`,
      source: 'slo-annotation',
      slo: ref,
    });
  }
  return { runbooks, skipped };
}
