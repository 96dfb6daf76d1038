import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  ScorecardCheckStats,
  ScorecardInfo,
} from '@reliability-kit/plugin-reliability-common';
import { formatPercent } from '../../common/format';
import { mostFailing } from '../stats';

const useStyles = makeStyles({ nowrap: { whiteSpace: 'nowrap' } });

/** Which checks fail most in the scope, with their level and pass rate. */
export function FailingChecks(props: {
  scorecard?: ScorecardInfo;
  checks: readonly ScorecardCheckStats[];
}) {
  const { scorecard } = props;
  const classes = useStyles();
  const rows = mostFailing(props.checks);
  if (!rows.length) {
    return (
      <Typography role="status" color="textSecondary">
        No check fails here.
      </Typography>
    );
  }
  const definition = (id: string) => {
    for (const level of scorecard?.levels ?? []) {
      const check = level.checks.find(c => c.id === id);
      if (check) return { check, level };
    }
    return undefined;
  };
  return (
    <Table size="small" aria-label="Checks that fail most">
      <TableHead>
        <TableRow>
          <TableCell>Check</TableCell>
          <TableCell>Level</TableCell>
          <TableCell align="right">Failing</TableCell>
          <TableCell align="right">Pass rate</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(stats => {
          const found = definition(stats.id);
          const counted = stats.pass + stats.fail + stats.exempt;
          return (
            <TableRow
              key={stats.id}
              data-testid="failing-check"
              data-check={stats.id}
            >
              <TableCell component="th" scope="row">
                {found?.check.title ?? stats.id}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {found?.level.title ?? stats.levelId}
              </TableCell>
              <TableCell align="right" className={classes.nowrap}>
                {stats.fail} of {counted}
              </TableCell>
              <TableCell align="right" className={classes.nowrap}>
                {formatPercent(stats.passRate, 0)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
