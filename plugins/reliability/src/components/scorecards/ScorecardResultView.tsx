import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type {
  EntityScorecardResult,
  ScorecardCheckDefinition,
  ScorecardCheckResult,
  ScorecardInfo,
  ScorecardLevelInfo,
} from '@reliability-kit/plugin-reliability-common';
import { useState } from 'react';
import { formatDateTime, formatRelative } from '../common/format';
import { YamlSnippet } from '../common/states';
import { CheckStatusLabel, LevelBadge } from './presentation';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
    marginBottom: theme.spacing(1),
  },
  level: { marginTop: theme.spacing(2) },
  levelTop: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    paddingBottom: theme.spacing(0.5),
  },
  levelHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0, 1),
  },
  checks: { listStyle: 'none', margin: 0, padding: 0 },
  check: {
    display: 'grid',
    gridTemplateColumns: '9.5em 1fr',
    alignItems: 'start',
    gap: theme.spacing(0, 1.5),
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  muted: { opacity: 0.6 },
  fix: { marginTop: theme.spacing(0.5) },
  stale: { marginBottom: theme.spacing(1) },
}));

interface LevelView {
  level: ScorecardLevelInfo;
  index: number;
  reached: boolean;
  results: Array<{
    result: ScorecardCheckResult;
    check?: ScorecardCheckDefinition;
  }>;
}

/** The results grouped by the scorecard's levels, in its order. */
function groupByLevel(
  scorecard: ScorecardInfo | undefined,
  result: EntityScorecardResult,
): LevelView[] {
  if (!scorecard) {
    // Without the definition (it was removed meanwhile): one group per level id.
    const ids = [...new Set(result.checks.map(c => c.levelId))];
    return ids.map((id, index) => ({
      level: { id, title: id, checks: [] },
      index,
      reached: index <= result.levelIndex,
      results: result.checks
        .filter(c => c.levelId === id)
        .map(c => ({ result: c })),
    }));
  }
  return scorecard.levels.map((level, index) => ({
    level,
    index,
    reached: index <= result.levelIndex,
    results: result.checks
      .filter(c => c.levelId === level.id)
      .map(c => ({
        result: c,
        check: level.checks.find(d => d.id === c.id),
      })),
  }));
}

function failingCount(view: LevelView): number {
  return view.results.filter(r => r.result.status === 'fail').length;
}

function CheckItem(props: {
  result: ScorecardCheckResult;
  check?: ScorecardCheckDefinition;
}) {
  const { result, check } = props;
  const classes = useStyles();
  const [snippet, setSnippet] = useState(false);
  const notApplicable = result.status === 'not-applicable';
  const title = check?.title ?? result.id;
  return (
    <li
      className={`${classes.check} ${notApplicable ? classes.muted : ''}`}
      data-testid="scorecard-check"
      data-check={result.id}
      data-status={result.status}
      aria-label={title}
    >
      <CheckStatusLabel status={result.status} />
      <div>
        <Typography variant="body2" component="div">
          <strong>{title}</strong>
        </Typography>
        <Typography variant="body2" color="textSecondary" component="div">
          {result.message}
        </Typography>
        {result.status === 'fail' && check && (
          <div className={classes.fix}>
            <Typography variant="body2" component="div">
              <strong>How to fix:</strong> {check.howToFix}
            </Typography>
            {check.snippet && (
              <>
                <Button
                  size="small"
                  color="primary"
                  aria-expanded={snippet}
                  onClick={() => setSnippet(!snippet)}
                >
                  {snippet ? 'Hide snippet' : 'Show snippet'}
                </Button>
                {snippet && (
                  <YamlSnippet
                    yaml={check.snippet}
                    label={`Snippet for ${title}`}
                  />
                )}
              </>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

function LevelSection(props: { view: LevelView; scorecardId: string }) {
  const { view } = props;
  const classes = useStyles();
  const failing = failingCount(view);
  const counted = view.results.filter(
    r => r.result.status !== 'not-applicable',
  ).length;
  // Reached levels fold away: what is left to do matters more.
  const [open, setOpen] = useState(!view.reached);
  const headingId = `scorecard-level-${props.scorecardId}-${view.level.id}`;
  let state = 'not reached';
  if (view.reached) state = 'reached';
  else if (!failing) state = 'blocked by a lower level';
  return (
    <section className={classes.level} aria-labelledby={headingId}>
      <div className={classes.levelTop}>
        <div className={classes.levelHeader}>
          <Typography variant="subtitle2" component="h4" id={headingId}>
            {view.level.title}
          </Typography>
          <Typography variant="body2" color="textSecondary" component="span">
            {state} · {counted - failing} of {counted} pass
            {failing ? ` · ${failing} to fix` : ''}
          </Typography>
          <Button
            size="small"
            aria-expanded={open}
            aria-label={`${open ? 'Hide' : 'Show'} the ${
              view.level.title
            } checks`}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide checks' : `Show ${view.results.length} checks`}
          </Button>
        </div>
        {view.level.description && (
          <Typography variant="caption" color="textSecondary">
            {view.level.description}
          </Typography>
        )}
      </div>
      {open && (
        <ul
          className={classes.checks}
          aria-label={`${view.level.title} checks`}
        >
          {view.results.map(r => (
            <CheckItem key={r.result.id} result={r.result} check={r.check} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One scorecard's grade of an entity: the level badge, then the checks by
 * level with pass, fail, exempt or not applicable, how to fix the failing
 * ones, and a banner when the result is stale.
 */
export function ScorecardResultView(props: {
  scorecard?: ScorecardInfo;
  result: EntityScorecardResult;
  /** Show the scorecard's title above (when the entity has several). */
  showTitle?: boolean;
}) {
  const { scorecard, result } = props;
  const classes = useStyles();
  const levels = groupByLevel(scorecard, result);
  const next = levels[result.levelIndex + 1];
  const evaluatedAt = Date.parse(result.evaluatedAt);
  const title = scorecard?.title ?? result.scorecardId;
  return (
    <article aria-label={title} data-testid="scorecard-result">
      {props.showTitle && (
        <Typography variant="h6" component="h3">
          {title}
        </Typography>
      )}
      {result.stale && (
        <Alert severity="warning" role="status" className={classes.stale}>
          <AlertTitle>Stale result</AlertTitle>
          This grade may be out of date: the evaluations since{' '}
          {formatDateTime(Date.parse(result.stale.since))} failed (
          {result.stale.reason}).
        </Alert>
      )}
      <div className={classes.header}>
        <LevelBadge
          scorecard={scorecard}
          levelId={result.level}
          levelIndex={result.levelIndex}
        />
        <Typography variant="body2" component="span">
          {result.passed} of {result.applicable} checks pass
        </Typography>
        <Typography
          variant="body2"
          color="textSecondary"
          component="span"
          title={
            Number.isFinite(evaluatedAt)
              ? formatDateTime(evaluatedAt)
              : undefined
          }
        >
          Evaluated{' '}
          {Number.isFinite(evaluatedAt)
            ? formatRelative(evaluatedAt)
            : result.evaluatedAt}
        </Typography>
      </div>
      <Typography variant="body2">
        {next
          ? `To reach ${next.level.title}, fix ${failingCount(next)} check${
              failingCount(next) === 1 ? '' : 's'
            }.`
          : 'Every level reached.'}
      </Typography>
      {levels.map(view => (
        <LevelSection
          key={view.level.id}
          view={view}
          scorecardId={result.scorecardId}
        />
      ))}
    </article>
  );
}
