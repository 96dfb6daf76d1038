import { useTheme } from '@material-ui/core/styles';

/**
 * A small line of values, hand-drawn in SVG. Nulls break the line. The
 * label says in words what the line shows.
 */
export function Sparkline(props: {
  values: ReadonlyArray<number | null>;
  label: string;
  width?: number;
  height?: number;
  /** Fixed range; defaults to the values' own. */
  min?: number;
  max?: number;
  color?: string;
}) {
  const theme = useTheme();
  const { values, label, width = 120, height = 28 } = props;
  const numbers = values.filter((v): v is number => v !== null);
  if (numbers.length < 2) {
    return (
      <svg width={width} height={height} role="img" aria-label={label}>
        <line
          x1={0}
          x2={width}
          y1={height / 2}
          y2={height / 2}
          stroke={theme.palette.divider}
          strokeDasharray="3 3"
        />
      </svg>
    );
  }
  let min = props.min ?? Math.min(...numbers);
  let max = props.max ?? Math.max(...numbers);
  if (max - min < 1e-9) {
    min -= 0.5;
    max += 0.5;
  }
  const step = width / Math.max(1, values.length - 1);
  const y = (v: number) =>
    height - 2 - ((v - min) / (max - min)) * (height - 4);
  const segments: string[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${(i * step).toFixed(1)},${y(v).toFixed(
      1,
    )}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <path
        d={segments.join(' ')}
        fill="none"
        stroke={props.color ?? theme.palette.primary.main}
        strokeWidth={1.5}
        strokeLinejoin="round"
      />
    </svg>
  );
}
