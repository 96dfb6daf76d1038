import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  getEntitySourceLocation,
} from '@backstage/catalog-model';
import {
  ANNOTATION_SLO_RUNBOOK,
  parseSloRunbookAnnotation,
} from '@reliability-kit/plugin-reliability-common';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

/**
 * The URL that relative runbook paths of an entity resolve against: its
 * `backstage.io/source-location` (a directory), else the catalog file it
 * came from (`backstage.io/managed-by-location`). Undefined when the entity
 * has neither, or a location type other than `url` or `file`.
 */
export function runbookBaseOf(entity: Entity): string | undefined {
  let location: { type: string; target: string };
  try {
    location = getEntitySourceLocation(entity);
  } catch {
    return undefined;
  }
  let base: URL;
  try {
    if (location.type === 'file') base = pathToFileURL(location.target);
    else if (location.type === 'url') base = new URL(location.target);
    else return undefined;
  } catch {
    return undefined;
  }
  // A source location names a directory, with or without its trailing slash.
  if (
    entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION] &&
    !base.pathname.endsWith('/')
  ) {
    base.pathname = `${base.pathname}/`;
  }
  return base.toString();
}

/** An absolute runbook URL, or why there is none. */
export type ResolvedRunbookUrl =
  | { ok: true; url: string }
  | { ok: false; message: string };

/**
 * Resolves a runbook link or `reliability/slo-runbook` value: an http(s) URL
 * is kept, a relative path is resolved against `base` (see
 * {@link runbookBaseOf}) the way the catalog's SCM integrations do; other
 * schemes (javascript:, file:, data:) and absolute paths are refused.
 */
export function resolveRunbookUrl(
  value: string,
  base: string | undefined,
): ResolvedRunbookUrl {
  const parsed = parseSloRunbookAnnotation(value);
  if (!parsed.ok) {
    return {
      ok: false,
      message: parsed.message.replace(`${ANNOTATION_SLO_RUNBOOK}: `, ''),
    };
  }
  if (parsed.value.kind === 'url') return { ok: true, url: parsed.value.url };
  if (!base) {
    return {
      ok: false,
      message: `the relative path ${parsed.value.path} cannot be resolved: the entity has no source location`,
    };
  }
  const from = new URL(base);
  const url = new URL(parsed.value.path, from);
  // A relative path stays in the repository the entity came from: never
  // another scheme (a script URL) or host, whatever the parser made of it.
  if (url.protocol !== from.protocol || url.host !== from.host) {
    return {
      ok: false,
      message: `the relative path ${JSON.stringify(parsed.value.path)} leaves ${
        from.protocol
      }//${from.host}`,
    };
  }
  if (!url.search) url.search = from.search;
  return { ok: true, url: url.toString() };
}

/** Runbooks that are markdown files, read and rendered by the plugin. */
export function isMarkdownUrl(url: string): boolean {
  return /\.(md|markdown)$/i.test(new URL(url).pathname);
}

/** A short, URL-safe id that stays the same as long as the URL does. */
export function runbookId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 12);
}

/** Valid values of {@link runbookId}. */
export const RUNBOOK_ID_PATTERN = /^[0-9a-f]{12}$/;
