import { ScorecardInfo } from '@reliability-kit/plugin-reliability-common';
import { StoredScorecardResult } from './resultRows';

/**
 * A CSV cell: quoted when needed, and prefixed with `'` when it starts like
 * a spreadsheet formula (`=`, `+`, `-`, `@`, tab, CR), so that an entity
 * name cannot run a formula in whoever opens the export.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const BASE_COLUMNS = [
  'entity',
  'owner',
  'system',
  'domain',
  'level',
  'passed',
  'applicable',
  'evaluated_at',
  'stale',
];

/** One row per entity, one column per check (pass, fail, exempt, not-applicable). */
export function resultsToCsv(
  card: ScorecardInfo,
  results: readonly StoredScorecardResult[],
): string {
  const checkIds = card.levels.flatMap(l => l.checks.map(c => c.id));
  const lines = [[...BASE_COLUMNS, ...checkIds].map(csvCell).join(',')];
  for (const r of results) {
    const status = new Map(r.checks.map(c => [c.id, c.status]));
    lines.push(
      [
        r.entity,
        r.owner,
        r.system,
        r.domain,
        card.levels[r.levelIndex]?.id ?? 'none',
        r.passed,
        r.applicable,
        r.evaluatedAt,
        r.stale ? r.stale.reason : '',
        ...checkIds.map(id => status.get(id) ?? ''),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON export: results with their level id and placement. */
export function resultsToJson(
  card: ScorecardInfo,
  results: readonly StoredScorecardResult[],
) {
  return {
    scorecard: { id: card.id, title: card.title },
    levels: card.levels.map(l => l.id),
    items: results.map(r => ({
      ...r,
      level: card.levels[r.levelIndex]?.id ?? null,
    })),
  };
}
