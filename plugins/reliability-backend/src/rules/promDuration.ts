const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

/**
 * Formats milliseconds as a Prometheus duration exactly like Prometheus'
 * `model.Duration.String()`, which Sloth uses for its window names: years and
 * weeks only when they divide the duration exactly (`28d` is `4w`, `30d`
 * stays `30d`), then days, hours, minutes, seconds and milliseconds.
 */
export function formatPromDuration(milliseconds: number): string {
  let ms = Math.trunc(milliseconds);
  if (ms <= 0) return '0s';
  let text = '';
  const unit = (suffix: string, size: number, exact: boolean) => {
    if (exact && ms % size !== 0) return;
    const count = Math.floor(ms / size);
    if (count > 0) {
      text += `${count}${suffix}`;
      ms -= count * size;
    }
  };
  unit('y', YEAR, true);
  unit('w', WEEK, true);
  unit('d', DAY, false);
  unit('h', HOUR, false);
  unit('m', MINUTE, false);
  unit('s', SECOND, false);
  unit('ms', 1, false);
  return text;
}
