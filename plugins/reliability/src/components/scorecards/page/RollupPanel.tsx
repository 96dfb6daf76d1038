import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ScorecardInfo,
  ScorecardRollup,
} from '@reliability-kit/plugin-reliability-common';
import {
  formatDateTime,
  formatPercent,
  formatRelative,
} from '../../common/format';
import { StaleBanner } from '../../common/states';
import { formatScore, LevelDistribution } from '../presentation';
import type { ScorecardQueryState } from './useScorecardQuery';

const useStyles = makeStyles(theme => ({
  numbers: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 4),
    margin: theme.spacing(1, 0, 2),
  },
  number: { display: 'flex', flexDirection: 'column' },
  banner: { marginBottom: theme.spacing(2) },
  children: { marginTop: theme.spacing(2) },
  levels: { minWidth: 120 },
}));

function Stat(props: { label: string; value: string; testId?: string }) {
  const classes = useStyles();
  return (
    <div className={classes.number}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h5" component="span" data-testid={props.testId}>
        {props.value}
      </Typography>
    </div>
  );
}

/**
 * The rollup of one scope: entities, score, pass rate, the level
 * distribution, and a team's direct sub-teams.
 */
export function RollupPanel(props: {
  scorecard?: ScorecardInfo;
  rollup: ScorecardRollup;
  hrefFor: (change: Partial<ScorecardQueryState>) => string;
}) {
  const { rollup, scorecard } = props;
  const classes = useStyles();
  const evaluatedAt = rollup.evaluatedAt ? Date.parse(rollup.evaluatedAt) : NaN;
  const name =
    rollup.scope.type === 'all'
      ? 'All graded entities'
      : rollup.scope.title ?? rollup.scope.ref ?? '';
  return (
    <div data-testid="scorecard-rollup">
      {rollup.staleCount > 0 && (
        <div className={classes.banner}>
          <StaleBanner
            what={`${rollup.staleCount} of the ${rollup.entities} results here`}
          />
        </div>
      )}
      <Typography variant="subtitle1" component="h3">
        {rollup.scope.ref ? (
          <EntityRefLink entityRef={rollup.scope.ref} title={name} />
        ) : (
          name
        )}
        {rollup.scope.type === 'team' && rollup.children?.length
          ? ' and its sub-teams'
          : ''}
      </Typography>
      <div className={classes.numbers}>
        <Stat label="Entities" value={String(rollup.entities)} />
        <Stat
          label="Score"
          value={formatScore(rollup.score)}
          testId="rollup-score"
        />
        <Stat label="Checks passed" value={formatPercent(rollup.passRate, 0)} />
        <Stat
          label="Oldest result"
          value={
            Number.isFinite(evaluatedAt) ? formatRelative(evaluatedAt) : '–'
          }
        />
      </div>
      <LevelDistribution
        scorecard={scorecard}
        levelCounts={rollup.levelCounts}
        label={`Levels of ${name}`}
      />
      {Number.isFinite(evaluatedAt) && (
        <Typography variant="caption" color="textSecondary">
          Score: the mean share of levels reached. Oldest result from{' '}
          {formatDateTime(evaluatedAt)}.
        </Typography>
      )}
      {rollup.children && rollup.children.length > 0 && (
        <Table size="small" className={classes.children} aria-label="Sub-teams">
          <TableHead>
            <TableRow>
              <TableCell>Sub-team</TableCell>
              <TableCell>Levels</TableCell>
              <TableCell align="right">Score</TableCell>
              <TableCell align="right">Entities</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rollup.children.map(child => (
              <TableRow key={child.ref} data-testid="sub-team-row">
                <TableCell component="th" scope="row">
                  <Link
                    to={props.hrefFor({ scopeType: 'team', ref: child.ref })}
                  >
                    {child.title}
                  </Link>
                </TableCell>
                <TableCell className={classes.levels}>
                  <LevelDistribution
                    scorecard={scorecard}
                    levelCounts={child.levelCounts}
                    label={`Levels of ${child.title}`}
                    legend={false}
                  />
                </TableCell>
                <TableCell align="right">{formatScore(child.score)}</TableCell>
                <TableCell align="right">{child.entities}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
