import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Collapse from '@material-ui/core/Collapse';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  DeploymentMarker,
  SloHistoryPoint,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import { useState } from 'react';
import { BudgetBar } from '../common/BudgetBar';
import {
  formatBurnRate,
  formatDuration,
  formatSli,
  formatWindow,
} from '../common/format';
import { Sparkline } from '../common/Sparkline';
import { AlertStateLabel, SloStatusLabel } from '../common/StatusLabel';
import { objectiveLabel, worstObjective } from './objectives';
import { SloDetail } from './SloDetail';

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  header: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
    gap: theme.spacing(1.5),
    margin: theme.spacing(2, 0),
    '& dt': {
      color: theme.palette.text.secondary,
      fontSize: '0.75rem',
      textTransform: 'uppercase',
      letterSpacing: '0.04em',
    },
    '& dd': { margin: 0, fontSize: '1rem', fontWeight: 500 },
  },
  sli: { fontSize: '1.5rem !important' },
  spark: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

/** Text for the exhaustion forecast of an objective. */
function forecastText(
  o: ReturnType<typeof worstObjective>,
): string | undefined {
  if (!o) return undefined;
  if ((o.errorBudget?.remaining ?? 1) <= 0) return 'Exhausted';
  if (!o.forecast) return 'Not at the current burn';
  return `In ${formatDuration(o.forecast.inMs)}`;
}

/**
 * One SLO: objective, window, SLI, budget left, burn rate, alert state,
 * forecast and a sparkline of the SLI; its detail opens below.
 */
export function SloCard(props: {
  slo: SloStatusSnapshot;
  history?: SloHistoryPoint[];
  /** The history is still loading. */
  historyLoading?: boolean;
  deployments?: DeploymentMarker[];
  /** Open the detail from the start. */
  expanded?: boolean;
  /** Told when the detail opens or closes, e.g. to widen the card. */
  onExpandedChange?: (expanded: boolean) => void;
  /** Where the SLO's own entity page is, to link its title. */
  titleLink?: React.ReactNode;
}) {
  const { slo, history } = props;
  const classes = useStyles();
  const [expanded, setExpanded] = useState(props.expanded ?? false);
  const objective = worstObjective(slo);
  const budget = objective?.errorBudget ?? null;
  const headingId = `slo-${slo.slo.replace(/[^a-z0-9]/gi, '-')}`;
  const detailId = `${headingId}-detail`;
  const sliValues = history?.map(p => p.sli) ?? [];
  return (
    <Card
      className={classes.card}
      component="article"
      aria-labelledby={headingId}
    >
      <CardContent>
        <div className={classes.header}>
          <div>
            <Typography variant="h6" component="h3" id={headingId}>
              {props.titleLink ?? slo.title}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {objective ? objectiveLabel(objective) : 'No objective'} ·{' '}
              {formatWindow(slo.window)} · {slo.budgetingMethod}
            </Typography>
          </div>
          <SloStatusLabel status={slo.status} />
        </div>
        {slo.reason && slo.status === 'no-data' && (
          <Typography variant="body2" color="textSecondary">
            {slo.reason}
          </Typography>
        )}
        <dl className={classes.facts}>
          <div>
            <dt>SLI</dt>
            <dd className={classes.sli} data-testid="slo-sli">
              {formatSli(objective?.sli.value)}
            </dd>
          </div>
          <div>
            <dt>Target</dt>
            <dd data-testid="slo-target">
              {objective ? formatSli(objective.target) : '–'}
            </dd>
          </div>
          <div>
            <dt>Burn rate (1h)</dt>
            <dd data-testid="slo-burn-rate">
              {formatBurnRate(objective?.currentBurnRate ?? null)}
            </dd>
          </div>
          <div>
            <dt>Alert</dt>
            <dd>
              <AlertStateLabel state={objective?.alerts?.state ?? 'none'} />
            </dd>
          </div>
          <div>
            <dt>Budget exhaustion</dt>
            <dd data-testid="slo-forecast">{forecastText(objective) ?? '–'}</dd>
          </div>
        </dl>
        <BudgetBar
          remaining={budget ? budget.remaining : null}
          remainingMs={budget?.time?.remainingMs}
          label={`Error budget remaining of ${slo.title}`}
        />
        <div className={classes.spark}>
          {props.historyLoading ? (
            <Skeleton variant="rect" width={160} height={28} />
          ) : (
            <Sparkline
              values={sliValues}
              width={160}
              label={
                sliValues.some(v => v !== null)
                  ? `SLI of ${slo.title} over the last 7 days, from ${formatSli(
                      sliValues.find(v => v !== null),
                    )} to ${formatSli(
                      [...sliValues].reverse().find(v => v !== null),
                    )}`
                  : `No SLI history for ${slo.title}`
              }
            />
          )}
          <Typography variant="caption" color="textSecondary">
            SLI, last 7 days
          </Typography>
        </div>
        <Button
          size="small"
          onClick={() => {
            setExpanded(!expanded);
            props.onExpandedChange?.(!expanded);
          }}
          aria-expanded={expanded}
          aria-controls={detailId}
          endIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
          style={{ marginTop: 8 }}
        >
          {expanded ? 'Hide details' : 'Show details'}
        </Button>
      </CardContent>
      <Collapse in={expanded} unmountOnExit>
        <div id={detailId}>
          <CardContent>
            <SloDetail slo={slo} deployments={props.deployments} />
          </CardContent>
        </div>
      </Collapse>
    </Card>
  );
}
