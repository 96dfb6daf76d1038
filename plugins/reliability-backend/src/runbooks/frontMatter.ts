import { parse } from 'yaml';

/** A markdown runbook, split into its front matter fields and body. */
export interface ParsedRunbook {
  /** The markdown without its front matter. */
  markdown: string;
  /** Front matter `title`, else the first level-one heading. */
  title?: string;
  /** Front matter `last_reviewed`, epoch ms. */
  lastReviewed?: number;
  /** Front matter that was there but could not be used. */
  warnings: string[];
}

const FRONT_MATTER =
  /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * Reads a date-only (`2026-11-02`, taken as UTC midnight) or ISO 8601 date
 * and time; undefined for anything else, including dates such as
 * `2026-02-30` that do not exist.
 */
export function parseReviewDate(value: unknown): number | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const [year, month, date] = day.slice(1).map(Number);
    const at = Date.UTC(year, month - 1, date);
    const back = new Date(at);
    return back.getUTCFullYear() === year &&
      back.getUTCMonth() === month - 1 &&
      back.getUTCDate() === date
      ? at
      : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? undefined : at;
  }
  return undefined;
}

/** The text of the first `# heading` outside code blocks. */
export function firstHeading(markdown: string): string | undefined {
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (!fence) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const heading = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading?.[1]) return heading[1];
  }
  return undefined;
}

/**
 * Splits a runbook into front matter (a `---` YAML block at the very start,
 * with `title` and `last_reviewed`) and markdown.
 */
export function parseRunbookMarkdown(text: string): ParsedRunbook {
  const source = text.replace(/^\uFEFF/, '');
  const warnings: string[] = [];
  const match = FRONT_MATTER.exec(source);
  let fields: Record<string, unknown> = {};
  if (match) {
    try {
      const value = parse(match[1] ?? '');
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        fields = value;
      } else if (value !== null && value !== undefined) {
        warnings.push('front matter: expected key: value pairs');
      }
    } catch (e) {
      warnings.push(
        `front matter is not valid YAML: ${
          (e as Error).message.split('\n')[0]
        }`,
      );
    }
  }
  // The blank line people leave after the front matter is not content.
  const markdown = match
    ? source.slice(match[0].length).replace(/^(?:[ \t]*\r?\n)+/, '')
    : source;

  let lastReviewed: number | undefined;
  if (fields.last_reviewed !== undefined) {
    lastReviewed = parseReviewDate(fields.last_reviewed);
    if (lastReviewed === undefined) {
      warnings.push(
        `front matter last_reviewed: expected a date such as 2026-11-02, got ${JSON.stringify(
          fields.last_reviewed,
        )}; the file's last change is used instead`,
      );
    }
  }
  const title =
    typeof fields.title === 'string' && fields.title.trim()
      ? fields.title.trim()
      : firstHeading(markdown);
  return { markdown, title, lastReviewed, warnings };
}
