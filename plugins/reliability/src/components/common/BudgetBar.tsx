import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { formatDuration, formatPercent } from './format';
import { toneColor, Tone } from './StatusLabel';

/** Budget left under which the bar turns to warning, as the status does. */
const WARNING_BELOW = 0.25;

export function budgetTone(remaining: number | null): Tone {
  if (remaining === null) return 'neutral';
  if (remaining <= 0) return 'error';
  if (remaining < WARNING_BELOW) return 'warning';
  return 'ok';
}

/** The budget left in words: `45.1% left`, `Exhausted (-6.5%)`. */
export function budgetText(remaining: number | null): string {
  if (remaining === null) return 'No data';
  if (remaining <= 0) return `Exhausted (${formatPercent(remaining)})`;
  return `${formatPercent(remaining)} left`;
}

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 8,
    borderRadius: 4,
    // A hatched track keeps "empty" readable without colour.
    background: `repeating-linear-gradient(45deg, ${theme.palette.action.hover}, ${theme.palette.action.hover} 4px, ${theme.palette.action.selected} 4px, ${theme.palette.action.selected} 8px)`,
    overflow: 'hidden',
  },
  fill: { height: '100%' },
  ok: { background: toneColor(theme, 'ok') },
  warning: { background: toneColor(theme, 'warning') },
  error: { background: toneColor(theme, 'error') },
  neutral: { background: theme.palette.text.disabled },
  caption: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
}));

/**
 * Remaining error budget as a bar, with the share (and time, for
 * time-sliced budgets) in text.
 */
export function BudgetBar(props: {
  remaining: number | null;
  remainingMs?: number;
  label?: string;
  compact?: boolean;
}) {
  const { remaining, remainingMs, compact } = props;
  const width =
    remaining === null ? 0 : Math.max(0, Math.min(1, remaining)) * 100;
  const tone = budgetTone(remaining);
  const classes = useStyles();
  const text = budgetText(remaining);
  let timeText: string | undefined;
  if (remainingMs !== undefined && remaining !== null) {
    timeText =
      remainingMs > 0
        ? `${formatDuration(remainingMs)} of bad time left`
        : `${formatDuration(-remainingMs)} over budget`;
  }
  return (
    <div>
      <div
        className={classes.track}
        role="meter"
        aria-label={props.label ?? 'Error budget remaining'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(width * 10) / 10}
        aria-valuetext={timeText ? `${text}, ${timeText}` : text}
      >
        <div
          className={`${classes.fill} ${classes[tone]}`}
          style={{ width: `${width}%` }}
        />
      </div>
      {!compact && (
        <div className={classes.caption}>
          <Typography variant="body2" component="span">
            {text}
          </Typography>
          {timeText && (
            <Typography variant="body2" color="textSecondary" component="span">
              {timeText}
            </Typography>
          )}
        </div>
      )}
    </div>
  );
}
