import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  DoraBand,
  DoraReport,
} from '@reliability-kit/plugin-reliability-common';
import { formatDuration, formatPercent } from '../common/format';
import { ToneLabel } from '../common/StatusLabel';
import { DORA_BAND, NO_BAND } from './presentation';

const useStyles = makeStyles(theme => ({
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: 0,
  },
  tile: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5),
  },
  value: { fontSize: '1.4rem', fontWeight: 500 },
}));

function Tile(props: {
  title: string;
  value: string;
  detail: string;
  band: DoraBand | null;
}) {
  const classes = useStyles();
  return (
    <li className={classes.tile}>
      <Typography variant="caption" color="textSecondary" component="h4">
        {props.title}
      </Typography>
      <div className={classes.value}>{props.value}</div>
      <ToneLabel
        presentation={props.band ? DORA_BAND[props.band] : NO_BAND}
        text={
          props.band ? `${DORA_BAND[props.band].label} performer` : undefined
        }
      />
      <Typography variant="body2" color="textSecondary">
        {props.detail}
      </Typography>
    </li>
  );
}

function perPeriod(perDay: number): string {
  if (perDay >= 1) return `${perDay.toFixed(1)} / day`;
  if (perDay * 7 >= 1) return `${(perDay * 7).toFixed(1)} / week`;
  return `${(perDay * 30).toFixed(1)} / month`;
}

/** The four DORA keys, each with its performance band. */
export function DoraTiles(props: { report: DoraReport }) {
  const classes = useStyles();
  const {
    deploymentFrequency: df,
    leadTimeForChanges: lt,
    changeFailureRate: cfr,
    timeToRestore: ttr,
  } = props.report;
  const days = Math.round((props.report.to - props.report.from) / 86_400_000);
  return (
    <ul className={classes.tiles} aria-label="DORA metrics">
      <Tile
        title="Deployment frequency"
        value={perPeriod(df.perDay)}
        detail={`${df.deployments} deployments in ${days} days`}
        band={df.band}
      />
      <Tile
        title="Lead time for changes"
        value={formatDuration(lt.medianMs)}
        detail={`median of ${lt.deployments} deployments`}
        band={lt.band}
      />
      <Tile
        title="Change failure rate"
        value={formatPercent(cfr.rate, 0)}
        detail={`${cfr.failed} of ${cfr.total} failed or rolled back`}
        band={cfr.band}
      />
      <Tile
        title="Time to restore"
        value={formatDuration(ttr.medianMs)}
        detail={`median of ${ttr.restored} restores${
          ttr.unrestored ? `, ${ttr.unrestored} not yet restored` : ''
        }`}
        band={ttr.band}
      />
    </ul>
  );
}
