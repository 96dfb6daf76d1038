const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A share as a percentage: `formatPercent(0.99912, 3)` is `99.912%`. */
export function formatPercent(
  ratio: number | null | undefined,
  digits = 1,
): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '–';
  if (!Number.isFinite(ratio)) return ratio > 0 ? '∞' : '−∞';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/**
 * An SLI or target as a percentage with enough digits to tell it from its
 * target: 99.95% needs two, 99.9% one.
 */
export function formatSli(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '–';
  return formatPercent(ratio, ratio >= 0.999 ? 3 : 2);
}

/** A burn rate: `2.4×`. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '–';
  if (!Number.isFinite(rate)) return '∞';
  return `${rate < 10 ? rate.toFixed(2) : rate.toFixed(1)}×`;
}

/** A duration, two largest units: `3d 4h`, `45m`, `20s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const sign = ms < 0 ? '−' : '';
  let rest = Math.abs(ms);
  if (rest < MINUTE) return `${sign}${Math.round(rest / 1000)}s`;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0 || parts.length) {
      if (n > 0) parts.push(`${n}${unit}`);
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return sign + (parts.join(' ') || '0m');
}

/** Time since (or until) an epoch ms: `5m ago`, `in 2d 3h`. */
export function formatRelative(at: number, now = Date.now()): string {
  const diff = at - now;
  if (Math.abs(diff) < MINUTE) return 'just now';
  return diff < 0
    ? `${formatDuration(-diff)} ago`
    : `in ${formatDuration(diff)}`;
}

/** A date and time in the user's locale, to the minute. */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A date in the user's locale. */
export function formatDate(at: number): string {
  return new Date(at).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

/** The SLO window, e.g. `30d rolling` or `1M calendar`. */
export function formatWindow(window: {
  duration: string;
  rolling: boolean;
}): string {
  return `${window.duration} ${window.rolling ? 'rolling' : 'calendar'}`;
}

/** An entity ref without its default parts: `payments` for `group:default/payments`. */
export function shortRef(ref: string | undefined): string {
  if (!ref) return '–';
  const match = /^(?:([^:]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref);
  if (!match) return ref;
  const [, , namespace, name] = match;
  return namespace && namespace !== 'default' ? `${namespace}/${name}` : name;
}
