import { ZodIssue } from 'zod';

function pathOf(path: ReadonlyArray<string | number>): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${i === 0 ? '' : '.'}${segment}`,
    )
    .join('');
}

/** Cuts a message that repeats input (such as unknown keys) to a readable length. */
function cut(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Formats zod issues as `path: message` sentences, so that a client sees
 * which field was wrong; long lists are cut after the first ten, and long
 * messages after 300 characters.
 */
export function formatZodIssues(issues: ReadonlyArray<ZodIssue>): string {
  const shown = issues.slice(0, 10).map(issue => {
    const path = cut(pathOf(issue.path), 200);
    return path ? `${path}: ${cut(issue.message)}` : cut(issue.message);
  });
  const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
  return `${shown.join('; ')}${more}`;
}
