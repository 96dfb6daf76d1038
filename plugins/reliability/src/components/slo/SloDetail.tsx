import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  DeploymentMarker,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import { formatBurnRate, formatSli } from '../common/format';
import { Loaded } from '../common/states';
import { SloStatusLabel } from '../common/StatusLabel';
import { BurnRateTable } from './BurnRateTable';
import { objectiveLabel, worstObjective } from './objectives';
import { SloChart } from './SloChart';

/** Points drawn over the window: enough for a 640 px chart. */
const CHART_POINTS = 320;

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  windows: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: theme.spacing(1, 0),
  },
}));

/** Loads the SLO's history over its window and draws it. */
export function SloHistoryChart(props: {
  slo: SloStatusSnapshot;
  deployments?: ReadonlyArray<DeploymentMarker>;
}) {
  const { slo } = props;
  const to = slo.evaluatedAt || Date.now();
  const from = Math.min(slo.window.start, to - 60 * 60_000);
  const step = Math.max(60_000, Math.ceil((to - from) / CHART_POINTS));
  const history = useReliabilityData(
    api => api.getSloHistory(slo.slo, { from, to, step }),
    [slo.slo, from, to, step],
  );
  const objective = worstObjective(slo);
  return (
    <Loaded
      state={history}
      errorTitle="Could not load the SLO history"
      skeleton={{ height: 240, lines: 1 }}
    >
      {value => (
        <SloChart
          title={slo.title}
          points={value.points}
          from={from}
          to={to}
          target={objective?.target ?? 1}
          deployments={value.deployments ?? props.deployments}
        />
      )}
    </Loaded>
  );
}

/**
 * An SLO in detail: the SLI and budget burn-down chart with deployment
 * markers, then each objective's burn rates per alert window.
 */
export function SloDetail(props: {
  slo: SloStatusSnapshot;
  deployments?: ReadonlyArray<DeploymentMarker>;
}) {
  const { slo } = props;
  const classes = useStyles();
  return (
    <div>
      {slo.description && (
        <Typography variant="body2" paragraph>
          {slo.description}
        </Typography>
      )}
      <SloHistoryChart slo={slo} deployments={props.deployments} />
      {slo.objectives.map(o => (
        <section className={classes.section} key={o.index}>
          <Typography variant="subtitle1" component="h4">
            {objectiveLabel(o)}
          </Typography>
          <div className={classes.windows}>
            <SloStatusLabel status={o.status} />
            <Typography variant="body2">
              SLI {formatSli(o.sli.value)} of target {formatSli(o.target)}
            </Typography>
            {Object.entries(o.burnRates ?? {}).map(([window, rate]) => (
              <Typography variant="body2" key={window}>
                {window}: {formatBurnRate(rate)}
              </Typography>
            ))}
          </div>
          <BurnRateTable objective={o} />
        </section>
      ))}
    </div>
  );
}
