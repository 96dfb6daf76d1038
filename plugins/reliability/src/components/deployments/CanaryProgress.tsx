import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { CanaryStep } from '@reliability-kit/plugin-reliability-common';
import { ToneLabel } from '../common/StatusLabel';
import { CANARY_STEP } from './presentation';

const useStyles = makeStyles(theme => ({
  steps: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(0.5, 0, 0),
  },
}));

/** How far a canary rollout got: steps passed, each with its traffic share. */
export function CanaryProgress(props: { steps: CanaryStep[] }) {
  const { steps } = props;
  const classes = useStyles();
  const passed = steps.filter(s => s.status === 'passed').length;
  const value = steps.length ? (passed / steps.length) * 100 : 0;
  const current = steps.find(s => s.status === 'running');
  return (
    <div>
      <Typography variant="body2">
        Canary: {passed} of {steps.length} steps passed
        {current ? `, ${current.weight}% of traffic now` : ''}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={value}
        aria-label={`Canary progress: ${passed} of ${steps.length} steps passed`}
      />
      <ol className={classes.steps}>
        {steps.map((s, i) => (
          <li key={i} title={s.analysis}>
            <Typography variant="caption">
              {s.weight}%: <ToneLabel presentation={CANARY_STEP[s.status]} />
              {s.analysis ? ` (${s.analysis})` : ''}
            </Typography>
          </li>
        ))}
      </ol>
    </div>
  );
}
