import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { Link } from '@backstage/core-components';
import type {
  ScorecardInfo,
  ScorecardLeaderboard,
} from '@reliability-kit/plugin-reliability-common';
import { formatPercent, shortRef } from '../../common/format';
import { Loaded } from '../../common/states';
import { formatScore, LevelDistribution } from '../presentation';
import type { LeaderboardBy, ScorecardQueryState } from './useScorecardQuery';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  name: { minWidth: 140 },
  levels: { minWidth: 80, width: '25%' },
  nowrap: { whiteSpace: 'nowrap' },
  selected: { background: theme.palette.action.selected },
}));

export const BY_LABEL: Record<LeaderboardBy, { one: string; many: string }> = {
  team: { one: 'Team', many: 'Teams' },
  system: { one: 'System', many: 'Systems' },
  domain: { one: 'Domain', many: 'Domains' },
};

/**
 * Teams (or systems, or domains) ranked by score, each with its level
 * distribution; a name opens its rollup.
 */
export function Leaderboard(props: {
  scorecard?: ScorecardInfo;
  state: {
    loading: boolean;
    error?: Error;
    value?: ScorecardLeaderboard;
    retry: () => void;
  };
  by: LeaderboardBy;
  selectedRef?: string;
  onBy: (by: LeaderboardBy) => void;
  hrefFor: (change: Partial<ScorecardQueryState>) => string;
}) {
  const { scorecard, state, by } = props;
  const classes = useStyles();
  const label = BY_LABEL[by];
  return (
    <section aria-labelledby="scorecard-leaderboard">
      <div className={classes.header}>
        <Typography variant="h6" component="h2" id="scorecard-leaderboard">
          Leaderboard
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={by}
          onChange={(_, value: LeaderboardBy | null) =>
            value && props.onBy(value)
          }
          aria-label="Rank by"
        >
          {(Object.keys(BY_LABEL) as LeaderboardBy[]).map(b => (
            <ToggleButton key={b} value={b} aria-label={BY_LABEL[b].many}>
              {BY_LABEL[b].many}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </div>
      <Loaded
        state={state}
        errorTitle="Could not load the leaderboard"
        skeleton={{ lines: 6 }}
      >
        {board =>
          board.rows.length ? (
            <Table size="small" aria-label={`${label.many} by score`}>
              <TableHead>
                <TableRow>
                  <TableCell>#</TableCell>
                  <TableCell>{label.one}</TableCell>
                  <TableCell>Levels</TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    Score
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    Passed
                  </TableCell>
                  <TableCell align="right" className={classes.nowrap}>
                    Entities
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {board.rows.map(row => {
                  // A team missing from the catalog comes back as its ref.
                  const title =
                    row.title === row.ref ? shortRef(row.ref) : row.title;
                  return (
                    <TableRow
                      key={row.ref}
                      data-testid="leaderboard-row"
                      data-ref={row.ref}
                      className={
                        row.ref === props.selectedRef ? classes.selected : ''
                      }
                    >
                      <TableCell>{row.rank}</TableCell>
                      <TableCell
                        component="th"
                        scope="row"
                        className={classes.name}
                      >
                        <Link
                          to={props.hrefFor({ scopeType: by, ref: row.ref })}
                          title={`Show the rollup of ${title}`}
                        >
                          {title}
                        </Link>
                      </TableCell>
                      <TableCell className={classes.levels}>
                        <LevelDistribution
                          scorecard={scorecard}
                          levelCounts={row.levelCounts}
                          label={`Levels of ${title}`}
                          legend={false}
                        />
                      </TableCell>
                      <TableCell align="right" className={classes.nowrap}>
                        {formatScore(row.score)}
                      </TableCell>
                      <TableCell align="right" className={classes.nowrap}>
                        {formatPercent(row.passRate, 0)}
                      </TableCell>
                      <TableCell align="right">{row.entities}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          ) : (
            <Typography role="status" color="textSecondary">
              No {label.many.toLocaleLowerCase('en-US')} with graded entities
              yet.
            </Typography>
          )
        }
      </Loaded>
    </section>
  );
}
