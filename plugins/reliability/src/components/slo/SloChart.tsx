import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  DeploymentMarker,
  SloHistoryPoint,
} from '@reliability-kit/plugin-reliability-common';
import { useState } from 'react';
import { formatDate, formatDateTime, formatPercent } from '../common/format';
import { toneColor } from '../common/StatusLabel';

const WIDTH = 640;
const PANEL = 110;
const GAP = 40;
const LEFT = 52;
const RIGHT = 8;
const TOP = 28;
const HEIGHT = TOP + PANEL * 2 + GAP + 24;

const useStyles = makeStyles(theme => ({
  // Past this width the chart would only grow taller.
  root: { position: 'relative', maxWidth: 820 },
  svg: { width: '100%', height: 'auto', display: 'block' },
  marker: {
    cursor: 'pointer',
    outline: 'none',
    '&:focus circle, &:hover circle': {
      strokeWidth: 3,
      stroke: theme.palette.text.primary,
    },
  },
  tooltip: {
    position: 'absolute',
    top: 0,
    transform: 'translateX(-50%)',
    background: theme.palette.background.paper,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    boxShadow: theme.shadows[4],
    padding: theme.spacing(1),
    pointerEvents: 'none',
    zIndex: 1,
    minWidth: 180,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
  },
}));

type Series = ReadonlyArray<{ at: number; value: number | null }>;

function path(
  series: Series,
  x: (at: number) => number,
  y: (v: number) => number,
): string {
  let d = '';
  let pen = false;
  for (const p of series) {
    if (p.value === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function anchor(t: number, from: number, to: number) {
  if (t === from) return 'start';
  return t === to ? 'end' : 'middle';
}

function deploymentText(d: DeploymentMarker): string {
  const what = d.version ? `Deployment ${d.version}` : 'Deployment';
  const burn = d.likelyCausedBurn ? ', likely caused budget burn' : '';
  return `${what} to ${d.environment}, ${d.status.replace(
    '_',
    ' ',
  )}, ${formatDateTime(d.at)}${burn}`;
}

/**
 * One panel of the chart: its label, three grid lines with values from
 * `low` to 1, a dashed reference line and the series.
 */
function Panel(props: {
  label: string;
  top: number;
  low: number;
  y: (v: number) => number;
  format: (v: number) => string;
  series: Series;
  x: (at: number) => number;
  colors: { axis: string; grid: string; line: string };
  reference?: { value: number; color: string; dash: string };
}) {
  const { y, colors, reference } = props;
  return (
    <g>
      <text x={LEFT} y={props.top - 12} fontSize={11} fill={colors.axis}>
        {props.label}
      </text>
      {[props.low, (props.low + 1) / 2, 1].map(v => (
        <g key={v}>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(v)}
            y2={y(v)}
            stroke={colors.grid}
          />
          <text
            x={LEFT - 4}
            y={y(v) + 4}
            fontSize={10}
            fill={colors.axis}
            textAnchor="end"
          >
            {props.format(v)}
          </text>
        </g>
      ))}
      {reference && (
        <line
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={y(reference.value)}
          y2={y(reference.value)}
          stroke={reference.color}
          strokeDasharray={reference.dash}
        />
      )}
      <path
        d={path(props.series, props.x, y)}
        fill="none"
        stroke={colors.line}
        strokeWidth={1.5}
      />
    </g>
  );
}

/**
 * The SLI against its target, and the remaining budget burning down over
 * the window, with a marker per deployment. Hand-drawn SVG: no chart
 * library in the bundle.
 */
export function SloChart(props: {
  title: string;
  points: ReadonlyArray<SloHistoryPoint>;
  from: number;
  to: number;
  target: number;
  deployments?: ReadonlyArray<DeploymentMarker>;
}) {
  const { points, from, to, target, title } = props;
  const theme = useTheme();
  const classes = useStyles();
  const [active, setActive] = useState<string | undefined>();
  const deployments = (props.deployments ?? []).filter(
    d => d.at >= from && d.at <= to,
  );

  const span = Math.max(1, to - from);
  const x = (at: number) =>
    LEFT + ((at - from) / span) * (WIDTH - LEFT - RIGHT);

  const slis = points.map(p => p.sli).filter((v): v is number => v !== null);
  const sliMin = Math.min(target, ...slis);
  const sliLow = Math.max(0, sliMin - (1 - sliMin) * 0.2 - 1e-4);
  const ySli = (v: number) =>
    TOP + PANEL - ((v - sliLow) / (1 - sliLow)) * PANEL;

  const budgets = points
    .map(p => p.budgetRemaining)
    .filter((v): v is number => v !== null);
  const budgetLow = Math.min(0, ...budgets);
  const budgetTop = TOP + PANEL + GAP;
  const yBudget = (v: number) =>
    budgetTop + PANEL - ((v - budgetLow) / (1 - budgetLow)) * PANEL;

  const lineColor = theme.palette.primary.main;
  const targetColor = toneColor(theme, 'warning');
  const errorColor = toneColor(theme, 'error');
  const axis = theme.palette.text.secondary;
  const grid = theme.palette.divider;

  const ticks = 4;
  const timeTicks = Array.from(
    { length: ticks + 1 },
    (_, i) => from + (span * i) / ticks,
  );
  const activeDeployment = deployments.find(d => d.id === active);
  const lastSli = [...points].reverse().find(p => p.sli !== null)?.sli ?? null;
  const lastBudget =
    [...points].reverse().find(p => p.budgetRemaining !== null)
      ?.budgetRemaining ?? null;

  return (
    <figure className={classes.root} style={{ margin: 0 }}>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-label={`${title}: SLI and error budget from ${formatDate(
          from,
        )} to ${formatDate(to)}`}
      >
        <Panel
          label="SLI"
          top={TOP}
          low={sliLow}
          y={ySli}
          format={v => formatPercent(v, v > 0.99 ? 2 : 1)}
          series={points.map(p => ({ at: p.at, value: p.sli }))}
          x={x}
          colors={{ axis, grid, line: lineColor }}
          reference={{ value: target, color: targetColor, dash: '6 4' }}
        />
        <Panel
          label="Budget left"
          top={budgetTop}
          low={budgetLow}
          y={yBudget}
          format={v => formatPercent(v, 0)}
          series={points.map(p => ({ at: p.at, value: p.budgetRemaining }))}
          x={x}
          colors={{ axis, grid, line: lineColor }}
          reference={
            budgetLow < 0
              ? { value: 0, color: errorColor, dash: '2 3' }
              : undefined
          }
        />
        {/* Time axis */}
        {timeTicks.map(t => (
          <text
            key={t}
            x={x(t)}
            y={HEIGHT - 6}
            fontSize={10}
            fill={axis}
            textAnchor={anchor(t, from, to)}
          >
            {formatDate(t)}
          </text>
        ))}
        {/* Deployments */}
        {deployments.map(d => {
          let color = axis;
          if (d.likelyCausedBurn) color = errorColor;
          else if (d.status === 'failed' || d.status === 'rolled_back') {
            color = targetColor;
          }
          return (
            <g
              key={d.id}
              className={classes.marker}
              tabIndex={0}
              role="button"
              aria-label={deploymentText(d)}
              data-testid="deployment-marker"
              onFocus={() => setActive(d.id)}
              onBlur={() => setActive(undefined)}
              onMouseEnter={() => setActive(d.id)}
              onMouseLeave={() => setActive(undefined)}
            >
              <line
                x1={x(d.at)}
                x2={x(d.at)}
                y1={TOP}
                y2={budgetTop + PANEL}
                stroke={color}
                strokeOpacity={d.likelyCausedBurn ? 0.9 : 0.35}
                strokeDasharray="2 3"
              />
              <circle cx={x(d.at)} cy={TOP - 2} r={4} fill={color} />
              {d.likelyCausedBurn && (
                <text x={x(d.at) + 5} y={TOP - 6} fontSize={10} fill={color}>
                  !
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {activeDeployment && (
        <div
          className={classes.tooltip}
          role="tooltip"
          style={{ left: `${(x(activeDeployment.at) / WIDTH) * 100}%` }}
        >
          <Typography variant="subtitle2">
            {activeDeployment.version ?? activeDeployment.id}
          </Typography>
          <Typography variant="body2">
            {activeDeployment.environment} ·{' '}
            {activeDeployment.status.replace('_', ' ')}
          </Typography>
          <Typography variant="body2">
            {formatDateTime(activeDeployment.at)}
          </Typography>
          {activeDeployment.likelyCausedBurn && (
            <Typography variant="body2" style={{ color: errorColor }}>
              Likely caused budget burn
            </Typography>
          )}
        </div>
      )}
      <figcaption className={classes.legend}>
        <Typography variant="caption" color="textSecondary">
          — SLI (now {formatPercent(lastSli, 3)})
        </Typography>
        <Typography variant="caption" color="textSecondary">
          - - target {formatPercent(target, 3)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          Budget left now {formatPercent(lastBudget)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {deployments.length
            ? `${deployments.length} deployment${
                deployments.length === 1 ? '' : 's'
              } marked (focus a marker for details)`
            : 'No deployments in this range'}
        </Typography>
      </figcaption>
    </figure>
  );
}
