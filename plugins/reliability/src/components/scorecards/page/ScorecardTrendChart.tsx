import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  ScorecardInfo,
  ScorecardTrendPoint,
} from '@reliability-kit/plugin-reliability-common';
import { formatPercent } from '../../common/format';
import { toneColor } from '../../common/StatusLabel';
import { levelLegend } from '../presentation';

const WIDTH = 640;
const PANEL = 100;
const GAP = 40;
const LEFT = 44;
const RIGHT = 8;
const TOP = 24;
const HEIGHT = TOP + PANEL * 2 + GAP + 24;

const useStyles = makeStyles(theme => ({
  root: { margin: 0, maxWidth: 820 },
  svg: { width: '100%', height: 'auto', display: 'block' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    marginTop: theme.spacing(0.5),
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
  },
}));

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Trend days are UTC days: label them as such, whatever the time zone. */
function formatDay(at: number): string {
  return new Date(at).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

function line(
  points: ReadonlyArray<{ at: number; value: number | null }>,
  x: (at: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.value === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function Grid(props: {
  top: number;
  label: string;
  axis: string;
  grid: string;
}) {
  const y = (v: number) => props.top + PANEL - v * PANEL;
  return (
    <g>
      <text x={LEFT} y={props.top - 8} fontSize={11} fill={props.axis}>
        {props.label}
      </text>
      {[0, 0.5, 1].map(v => (
        <g key={v}>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(v)}
            y2={y(v)}
            stroke={props.grid}
          />
          <text
            x={LEFT - 4}
            y={y(v) + 4}
            fontSize={10}
            fill={props.axis}
            textAnchor="end"
          >
            {formatPercent(v, 0)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** From → to of a series in words, for the chart's label. */
function change(values: Array<number | null>): string {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return 'no data';
  const first = known[0];
  const last = known[known.length - 1];
  return `from ${formatPercent(first, 0)} to ${formatPercent(last, 0)}`;
}

/**
 * A scorecard over time: the share of entities at each level (stacked),
 * then the score and the pass rate. Hand-drawn SVG, as the SLO chart.
 */
export function ScorecardTrendChart(props: {
  title: string;
  scorecard?: Pick<ScorecardInfo, 'levels'>;
  points: ReadonlyArray<ScorecardTrendPoint>;
}) {
  const { points, scorecard, title } = props;
  const theme = useTheme();
  const classes = useStyles();
  const axis = theme.palette.text.secondary;
  const grid = theme.palette.divider;
  const scoreColor = theme.palette.primary.main;
  const passColor = toneColor(theme, 'ok');

  const from = dayMs(points[0].day);
  const to = dayMs(points[points.length - 1].day);
  const span = Math.max(1, to - from);
  const x = (at: number) =>
    LEFT + ((at - from) / span) * (WIDTH - LEFT - RIGHT);
  const levelsTop = TOP;
  const linesTop = TOP + PANEL + GAP;
  const yLevels = (v: number) => levelsTop + PANEL - v * PANEL;
  const yLines = (v: number) => linesTop + PANEL - v * PANEL;

  const levelCount = Math.max(
    (scorecard?.levels.length ?? 0) + 1,
    ...points.map(p => p.levelCounts.length),
  );
  const legend = levelLegend(theme, scorecard, levelCount);
  // Cumulative shares per day: band i spans [below, below + share_i].
  const graded = points.filter(p => p.entities > 0);
  const bands = legend.map((level, i) => {
    const lower: string[] = [];
    const upper: string[] = [];
    for (const p of graded) {
      const below = p.levelCounts.slice(0, i).reduce((a, b) => a + b, 0);
      const share = p.levelCounts[i] ?? 0;
      const px = x(dayMs(p.day)).toFixed(1);
      lower.push(`${px},${yLevels(below / p.entities).toFixed(1)}`);
      upper.push(`${px},${yLevels((below + share) / p.entities).toFixed(1)}`);
    }
    return {
      ...level,
      d: graded.length
        ? `M${upper.join('L')}L${lower.reverse().join('L')}Z`
        : '',
    };
  });

  const series = (key: 'score' | 'passRate') =>
    points.map(p => ({ at: dayMs(p.day), value: p[key] }));
  const last = points[points.length - 1];
  const lastText = legend
    .map((l, i) => `${last.levelCounts[i] ?? 0} ${l.title}`)
    .join(', ');
  const ticks = 4;
  const timeTicks = Array.from(
    { length: ticks + 1 },
    (_, i) => from + (span * i) / ticks,
  );
  const anchorOf = (i: number) => {
    if (i === 0) return 'start';
    return i === ticks ? 'end' : 'middle';
  };

  return (
    <figure className={classes.root}>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${title} from ${formatDay(from)} to ${formatDay(
          to,
        )}: score ${change(points.map(p => p.score))}, pass rate ${change(
          points.map(p => p.passRate),
        )}; on the last day ${lastText}.`}
      >
        <Grid
          top={levelsTop}
          label="Entities per level"
          axis={axis}
          grid={grid}
        />
        {bands.map(b => (
          <path
            key={b.title}
            d={b.d}
            fill={b.color}
            fillOpacity={0.85}
            stroke="none"
          />
        ))}
        <Grid
          top={linesTop}
          label="Score and pass rate"
          axis={axis}
          grid={grid}
        />
        <path
          d={line(series('passRate'), x, yLines)}
          fill="none"
          stroke={passColor}
          strokeWidth={1.5}
          strokeDasharray="5 3"
        />
        <path
          d={line(series('score'), x, yLines)}
          fill="none"
          stroke={scoreColor}
          strokeWidth={2}
        />
        {timeTicks.map((t, i) => (
          <text
            key={t}
            x={x(t)}
            y={HEIGHT - 6}
            fontSize={10}
            fill={axis}
            textAnchor={anchorOf(i)}
          >
            {formatDay(t)}
          </text>
        ))}
      </svg>
      <figcaption className={classes.legend}>
        {legend.map((l, i) => (
          <Typography key={l.title} variant="caption" color="textSecondary">
            <span className={classes.swatch} style={{ background: l.color }} />
            {l.title} {last.levelCounts[i] ?? 0}
          </Typography>
        ))}
        <Typography variant="caption" color="textSecondary">
          — score {formatPercent(last.score, 0)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          - - pass rate {formatPercent(last.passRate, 0)}
        </Typography>
      </figcaption>
    </figure>
  );
}
