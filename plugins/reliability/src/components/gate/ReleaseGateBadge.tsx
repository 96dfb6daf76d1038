import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { ReleaseGateDecision } from '@reliability-kit/plugin-reliability-common';
import { useState } from 'react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import { formatPercent } from '../common/format';
import { Loaded } from '../common/states';
import { GATE_DECISION, ToneLabel, toneColor } from '../common/StatusLabel';

const useStyles = makeStyles(theme => ({
  root: {
    borderLeft: '4px solid',
    padding: theme.spacing(1, 2),
    background: theme.palette.background.paper,
    borderRadius: theme.shape.borderRadius,
  },
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  ok: { borderLeftColor: toneColor(theme, 'ok') },
  warning: { borderLeftColor: toneColor(theme, 'warning') },
  error: { borderLeftColor: toneColor(theme, 'error') },
  neutral: { borderLeftColor: theme.palette.divider },
  reasons: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(3) },
}));

/** Why the gate decided as it did, in one line. */
function summary(gate: ReleaseGateDecision): string {
  const deciding = gate.reasons.filter(r => r.decision === gate.decision);
  if (gate.decision === 'allow') {
    return gate.reasons.length
      ? `All ${gate.reasons.length} SLO budgets are above the policy's thresholds.`
      : 'No SLOs restrict releases.';
  }
  return deciding[0]?.message ?? '';
}

/** The decision with its reasons, from a release gate answer. */
export function ReleaseGateView(props: { gate: ReleaseGateDecision }) {
  const { gate } = props;
  const presentation = GATE_DECISION[gate.decision];
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <div
      className={`${classes.root} ${classes[presentation.tone]}`}
      data-testid="release-gate"
    >
      <div className={classes.line}>
        <Typography variant="subtitle2" component="span">
          Release gate ({gate.environment}):
        </Typography>
        <ToneLabel presentation={presentation} />
        <Typography variant="body2" component="span">
          {summary(gate)}
        </Typography>
        {gate.reasons.length > 0 && (
          <Button
            size="small"
            onClick={() => setOpen(o => !o)}
            aria-expanded={open}
          >
            {open ? 'Hide reasons' : `Why? (${gate.reasons.length})`}
          </Button>
        )}
      </div>
      <Collapse in={open} unmountOnExit>
        <ul className={classes.reasons}>
          {gate.reasons.map(r => (
            <li key={r.slo}>
              <Typography variant="body2">
                <ToneLabel presentation={GATE_DECISION[r.decision]} />{' '}
                {r.message} (budget left {formatPercent(r.budgetRemaining)})
              </Typography>
            </li>
          ))}
        </ul>
        <Typography variant="caption" color="textSecondary">
          Policy ({gate.policy.source}):{' '}
          {gate.policy.blockWhenExhausted
            ? 'block when a budget is exhausted'
            : 'never block on exhaustion'}
          , warn below {formatPercent(gate.policy.warnBelow, 0)}
          {gate.policy.blockBelow !== undefined
            ? `, block below ${formatPercent(gate.policy.blockBelow, 0)}`
            : ''}
          .
        </Typography>
      </Collapse>
    </div>
  );
}

/** May this entity ship now, and why: loads the release gate. */
export function ReleaseGateBadge(props: {
  entityRef: string;
  environment?: string;
}) {
  const { entityRef, environment = 'production' } = props;
  const gate = useReliabilityData(
    api => api.getReleaseGate(entityRef, environment),
    [entityRef, environment],
  );
  return (
    <Loaded
      state={gate}
      errorTitle="Could not ask the release gate"
      skeleton={{ lines: 1 }}
    >
      {value => <ReleaseGateView gate={value} />}
    </Loaded>
  );
}
