import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type {
  BurnRateRuleEvaluation,
  ObjectiveStatus,
} from '@reliability-kit/plugin-reliability-common';
import { formatBurnRate, formatDuration } from '../common/format';
import { ToneLabel } from '../common/StatusLabel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';

function ruleState(rule: BurnRateRuleEvaluation) {
  if (!rule.applicable) {
    return {
      label: 'Not applicable',
      tone: 'neutral' as const,
      Icon: RemoveCircleOutlineIcon,
    };
  }
  if (rule.firing) {
    return {
      label: 'Firing',
      tone:
        rule.severity === 'page' ? ('error' as const) : ('warning' as const),
      Icon: NotificationsActiveIcon,
    };
  }
  return {
    label: 'Below threshold',
    tone: 'ok' as const,
    Icon: CheckCircleIcon,
  };
}

/**
 * The multi-window burn-rate alert rules of an objective: the burn rate
 * over each long and short window against the rule's threshold.
 */
export function BurnRateTable(props: { objective: ObjectiveStatus }) {
  const rules = props.objective.alerts?.rules ?? [];
  return (
    <TableContainer>
      <Table size="small" aria-label="Burn rates per alert window">
        <TableHead>
          <TableRow>
            <TableCell>Alert</TableCell>
            <TableCell>Windows</TableCell>
            <TableCell align="right">Threshold</TableCell>
            <TableCell align="right">Long window</TableCell>
            <TableCell align="right">Short window</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map(rule => (
            <TableRow key={`${rule.severity}-${rule.longWindowMs}`}>
              <TableCell>
                {rule.severity === 'page' ? 'Page' : 'Ticket'}
              </TableCell>
              <TableCell>
                {formatDuration(rule.longWindowMs)} and{' '}
                {formatDuration(rule.shortWindowMs)}
              </TableCell>
              <TableCell align="right">
                {formatBurnRate(rule.threshold)}
              </TableCell>
              <TableCell align="right">
                {formatBurnRate(rule.longBurnRate)}
              </TableCell>
              <TableCell align="right">
                {formatBurnRate(rule.shortBurnRate)}
              </TableCell>
              <TableCell>
                <ToneLabel presentation={ruleState(rule)} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
