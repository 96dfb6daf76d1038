import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import type {
  ScorecardInfo,
  ScorecardScopeType,
} from '@reliability-kit/plugin-reliability-common';
import { useReliabilityData } from '../../../hooks/useReliabilityData';
import {
  EmptyState,
  ErrorState,
  Loaded,
  LoadingSkeleton,
} from '../../common/states';
import { EVALUATION_INTERVAL_MINUTES } from '../presentation';
import { ExportButtons } from './ExportButtons';
import { FailingChecks } from './FailingChecks';
import { Leaderboard } from './Leaderboard';
import { RollupPanel } from './RollupPanel';
import { ScorecardTrendChart } from './ScorecardTrendChart';
import { TREND_DAYS, useScorecardQuery } from './useScorecardQuery';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(3) },
  top: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  title: { marginBottom: theme.spacing(1), maxWidth: 900 },
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
  },
  select: { minWidth: 200 },
  grow: { flex: 1 },
  paper: { padding: theme.spacing(2) },
  // Two columns on wide screens, each a stack: the leaderboard over the
  // trend, the rollup over the failing checks.
  columns: {
    display: 'grid',
    gap: theme.spacing(2),
    gridTemplateColumns: '1fr',
    alignItems: 'start',
    [theme.breakpoints.up('lg')]: { gridTemplateColumns: '1fr 1fr' },
  },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    minWidth: 0,
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

const SCOPE_LABEL: Record<ScorecardScopeType, string> = {
  all: 'All entities',
  team: 'Team',
  system: 'System',
  domain: 'Domain',
};

/** No results at all yet: when they come and how to make them now. */
function NoResults() {
  return (
    <EmptyState
      title="No results yet"
      description={
        <>
          The backend grades every entity a scorecard applies to on a schedule
          (every {EVALUATION_INTERVAL_MINUTES} minutes unless{' '}
          <code>reliability.scorecards.schedule</code> says otherwise), so the
          first results show within {EVALUATION_INTERVAL_MINUTES} minutes of the
          backend starting. An admin can run it now with a service token:{' '}
          <code>
            curl -X POST -H 'Authorization: Bearer $TOKEN'
            $BACKEND/api/reliability/v1/scorecards/evaluations
          </code>
          . The Refresh button on an entity&apos;s scorecard card grades that
          entity alone.
        </>
      }
    />
  );
}

/**
 * Scorecards across the organisation: a leaderboard of teams, systems or
 * domains; the rollup, trend and most failing checks of the chosen scope;
 * and CSV or JSON exports.
 *
 * @public
 */
export function ScorecardsPageContent() {
  const classes = useStyles();
  const { state, update, hrefFor, scope } = useScorecardQuery();
  const list = useReliabilityData(api => api.listScorecards(), []);
  const scorecards: ScorecardInfo[] = list.value?.items ?? [];
  const scorecard =
    scorecards.find(s => s.id === state.scorecard) ?? scorecards[0];
  const id = scorecard?.id;

  const leaderboard = useReliabilityData(
    async api => (id ? api.getScorecardLeaderboard(id, state.by) : undefined),
    [id, state.by],
  );
  const options = useReliabilityData(
    async api =>
      id && state.scopeType !== 'all'
        ? api.getScorecardLeaderboard(id, state.scopeType)
        : undefined,
    [id, state.scopeType],
  );
  const rollup = useReliabilityData(
    async api => (id && scope ? api.getScorecardRollup(id, scope) : undefined),
    [id, scope?.type, scope?.ref],
  );
  const trend = useReliabilityData(
    async api =>
      id && scope ? api.getScorecardTrend(id, scope, state.days) : undefined,
    [id, scope?.type, scope?.ref, state.days],
  );

  if (list.loading) {
    return (
      <div className={classes.root}>
        <LoadingSkeleton lines={8} />
      </div>
    );
  }
  if (list.error) {
    return (
      <div className={classes.root}>
        <ErrorState
          title="Could not load the scorecards"
          error={list.error}
          onRetry={list.retry}
        />
      </div>
    );
  }
  if (!scorecard) {
    return (
      <div className={classes.root}>
        <EmptyState
          title="No scorecards"
          description="Define scorecards under reliability.scorecards in app-config.yaml; the built-in production-readiness scorecard is on unless it is turned off there."
        />
      </div>
    );
  }

  const refOptions: Array<{ ref: string; title: string }> = (
    options.value?.rows ?? []
  ).map(r => ({ ref: r.ref, title: r.title }));
  // A ref from a shared link that has no graded entities stays choosable.
  if (state.ref && !refOptions.some(r => r.ref === state.ref)) {
    refOptions.unshift({ ref: state.ref, title: state.ref });
  }
  const nothingYet =
    scope?.type === 'all' &&
    rollup.value?.entities === 0 &&
    rollup.value.evaluatedAt === null;
  const scopeName =
    rollup.value?.scope.title ??
    (scope?.type === 'all' ? 'All entities' : scope?.ref) ??
    '';

  return (
    <div className={classes.root}>
      <Paper className={classes.top}>
        <div className={classes.title}>
          <Typography variant="h6" component="h2">
            {scorecard.title}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {scorecard.description}
          </Typography>
        </div>
        <div className={classes.controls}>
          {scorecards.length > 1 ? (
            <TextField
              select
              id="scorecard-picker"
              className={classes.select}
              label="Scorecard"
              value={scorecard.id}
              onChange={e =>
                update({ scorecard: e.target.value, scopeType: 'all' })
              }
            >
              {scorecards.map(s => (
                <MenuItem key={s.id} value={s.id}>
                  {s.title}
                </MenuItem>
              ))}
            </TextField>
          ) : null}
          <TextField
            select
            id="scorecard-scope"
            className={classes.select}
            label="Scope"
            value={state.scopeType}
            onChange={e =>
              update({
                scopeType: e.target.value as ScorecardScopeType,
                ref: undefined,
              })
            }
          >
            {(Object.keys(SCOPE_LABEL) as ScorecardScopeType[]).map(s => (
              <MenuItem key={s} value={s}>
                {SCOPE_LABEL[s]}
              </MenuItem>
            ))}
          </TextField>
          {state.scopeType !== 'all' && (
            <TextField
              select
              id="scorecard-scope-ref"
              className={classes.select}
              label={SCOPE_LABEL[state.scopeType]}
              value={state.ref ?? ''}
              onChange={e => update({ ref: e.target.value || undefined })}
              helperText={
                options.loading ? 'Loading…' : `${refOptions.length} graded`
              }
            >
              {refOptions.map(r => (
                <MenuItem key={r.ref} value={r.ref}>
                  {r.title}
                </MenuItem>
              ))}
            </TextField>
          )}
          <div className={classes.grow} />
          <ExportButtons scorecardId={scorecard.id} scope={scope} />
        </div>
      </Paper>
      {nothingYet ? (
        <Paper className={classes.paper}>
          <NoResults />
        </Paper>
      ) : (
        <div className={classes.columns}>
          <div className={classes.column}>
            <Paper className={classes.paper}>
              <Leaderboard
                scorecard={scorecard}
                state={leaderboard}
                by={state.by}
                selectedRef={state.ref}
                onBy={by => update({ by })}
                hrefFor={hrefFor}
              />
            </Paper>
            <Paper className={classes.paper}>
              <section aria-labelledby="scorecard-trend-heading">
                <div className={classes.heading}>
                  <Typography
                    variant="h6"
                    component="h2"
                    id="scorecard-trend-heading"
                  >
                    Trend
                  </Typography>
                  <ToggleButtonGroup
                    size="small"
                    exclusive
                    value={state.days}
                    onChange={(_, days: number | null) =>
                      days && update({ days })
                    }
                    aria-label="Days"
                  >
                    {TREND_DAYS.map(d => (
                      <ToggleButton key={d} value={d}>
                        {d} days
                      </ToggleButton>
                    ))}
                  </ToggleButtonGroup>
                </div>
                {scope && (
                  <Loaded
                    state={trend}
                    errorTitle="Could not load the trend"
                    skeleton={{ height: 200, lines: 1 }}
                  >
                    {value =>
                      value.points.length >= 2 ? (
                        <ScorecardTrendChart
                          title={`${scorecard.title}, ${scopeName}`}
                          scorecard={scorecard}
                          points={value.points}
                        />
                      ) : (
                        <Typography role="status" color="textSecondary">
                          Not enough history yet: the trend gains a point for
                          every day with results ({value.points.length} so far).
                        </Typography>
                      )
                    }
                  </Loaded>
                )}
              </section>
            </Paper>
          </div>
          <div className={classes.column}>
            <Paper className={classes.paper}>
              <section aria-labelledby="scorecard-rollup-heading">
                <Typography
                  variant="h6"
                  component="h2"
                  id="scorecard-rollup-heading"
                >
                  Rollup
                </Typography>
                {scope ? (
                  <Loaded
                    state={rollup}
                    errorTitle="Could not load the rollup"
                    skeleton={{ lines: 6 }}
                  >
                    {value =>
                      value.entities === 0 ? (
                        <Typography role="status" color="textSecondary">
                          {scopeName}: no entity here is graded by{' '}
                          {scorecard.title} yet.
                        </Typography>
                      ) : (
                        <RollupPanel
                          scorecard={scorecard}
                          rollup={value}
                          hrefFor={hrefFor}
                        />
                      )
                    }
                  </Loaded>
                ) : (
                  <Typography role="status" color="textSecondary">
                    Choose a{' '}
                    {SCOPE_LABEL[state.scopeType].toLocaleLowerCase('en-US')}{' '}
                    above, or one in the leaderboard.
                  </Typography>
                )}
              </section>
            </Paper>
            <Paper className={classes.paper}>
              <section aria-labelledby="scorecard-failing-heading">
                <Typography
                  variant="h6"
                  component="h2"
                  id="scorecard-failing-heading"
                >
                  Checks that fail most
                </Typography>
                {scope && (
                  <Loaded
                    state={rollup}
                    errorTitle="Could not load the checks"
                    skeleton={{ lines: 6 }}
                  >
                    {value => (
                      <FailingChecks
                        scorecard={scorecard}
                        checks={value.checks}
                      />
                    )}
                  </Loaded>
                )}
              </section>
            </Paper>
          </div>
        </div>
      )}
    </div>
  );
}
