import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_SLO_RUNBOOK,
  linksOfType,
  parseSloRunbookAnnotation,
  RELIABILITY_LINK_TYPES,
} from '@reliability-kit/plugin-reliability-common';

function httpUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return undefined;
    }
    // Prometheus expands annotations as Go templates: keep braces out.
    return url.toString().replace(/\{/g, '%7B').replace(/\}/g, '%7D');
  } catch {
    return undefined;
  }
}

/**
 * The runbook URL for an SLO entity's alerts: the `reliability/slo-runbook`
 * annotation when it is an http(s) URL, otherwise the first
 * `metadata.links` entry of type `runbook` (any case) with an http(s) URL;
 * undefined when there is neither.
 *
 * @remarks
 * A relative path in the annotation cannot be turned into a URL here (it is
 * relative to the entity's source file), so it falls through to the links.
 */
export function runbookUrlFor(entity: Entity): string | undefined {
  const annotation = entity.metadata.annotations?.[ANNOTATION_SLO_RUNBOOK];
  if (annotation !== undefined) {
    const parsed = parseSloRunbookAnnotation(annotation);
    if (parsed.ok && parsed.value.kind === 'url') {
      const url = httpUrl(parsed.value.url);
      if (url) return url;
    }
  }
  for (const link of linksOfType(
    entity.metadata.links,
    RELIABILITY_LINK_TYPES.runbook,
  )) {
    const url = httpUrl(link.url);
    if (url) return url;
  }
  return undefined;
}
