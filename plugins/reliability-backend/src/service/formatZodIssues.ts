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

/**
 * Formats zod issues as `path: message` sentences, so that a client sees
 * which field was wrong; long lists are cut after the first ten.
 */
export function formatZodIssues(issues: ReadonlyArray<ZodIssue>): string {
  const shown = issues.slice(0, 10).map(issue => {
    const path = pathOf(issue.path);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
  return `${shown.join('; ')}${more}`;
}
