import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import { formatPercent } from '../common/format';
import {
  EmptyState,
  ErrorState,
  LoadingSkeleton,
  StaleBanner,
} from '../common/states';
import { mostFailing } from '../scorecards/stats';
import {
  describeAppliesTo,
  EVALUATION_INTERVAL_MINUTES,
  formatScore,
  LevelDistribution,
} from '../scorecards/presentation';

const useStyles = makeStyles(theme => ({
  numbers: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 3),
    marginBottom: theme.spacing(1.5),
  },
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(3) },
  section: { marginTop: theme.spacing(2) },
}));

/**
 * For Group pages: how the team's entities (with its sub-teams') do on a
 * scorecard: the level distribution, score, pass rate and the checks that
 * fail most, with a link to the team on the Scorecards page.
 *
 * @public
 */
export function EntityGroupScorecardCard(props: {
  /** Scorecard to show; default the first one the backend lists. */
  scorecardId?: string;
  /** Where the Scorecards page is mounted; default `/scorecards`. */
  pagePath?: string;
}) {
  const { entity } = useEntity();
  const classes = useStyles();
  const groupRef = stringifyEntityRef(entity);
  const pagePath = props.pagePath ?? '/scorecards';
  const data = useReliabilityData(
    async api => {
      const { items } = await api.listScorecards();
      const scorecard = items.find(s => s.id === props.scorecardId) ?? items[0];
      if (!scorecard) return { scorecard, rollup: undefined };
      const rollup = await api.getScorecardRollup(scorecard.id, {
        type: 'team',
        ref: groupRef,
      });
      return { scorecard, rollup };
    },
    [groupRef, props.scorecardId],
  );
  const scorecard = data.value?.scorecard;
  const rollup = data.value?.rollup;
  const link = `${pagePath}?${new URLSearchParams({
    ...(scorecard && props.scorecardId ? { scorecard: scorecard.id } : {}),
    scope: 'team',
    ref: groupRef,
  }).toString()}`;
  const failing = rollup ? mostFailing(rollup.checks, 3) : [];
  const checkTitle = (id: string) =>
    scorecard?.levels.flatMap(l => l.checks).find(c => c.id === id)?.title ??
    id;

  return (
    <InfoCard
      title={scorecard ? `Scorecard: ${scorecard.title}` : 'Scorecard'}
      subheader="The team's entities, with its sub-teams'"
      deepLink={
        rollup?.entities
          ? { title: 'Team on the Scorecards page', link }
          : undefined
      }
    >
      {data.loading && <LoadingSkeleton lines={4} />}
      {data.error && (
        <ErrorState
          title="Could not load the team's scorecard"
          error={data.error}
          onRetry={data.retry}
        />
      )}
      {data.value && !scorecard && (
        <EmptyState
          title="No scorecards"
          description="Platform teams define scorecards under reliability.scorecards in app-config.yaml."
        />
      )}
      {scorecard && rollup && rollup.entities === 0 && (
        <EmptyState
          title="Nothing graded yet"
          description={`${scorecard.title} grades ${describeAppliesTo(
            scorecard.appliesTo,
          )}. None that this team or its sub-teams own has a result yet; the scheduled run grades new entities within ${EVALUATION_INTERVAL_MINUTES} minutes.`}
        />
      )}
      {scorecard && rollup && rollup.entities > 0 && (
        <>
          {rollup.staleCount > 0 && (
            <StaleBanner
              what={`${rollup.staleCount} of the team's ${rollup.entities} results`}
            />
          )}
          <div className={classes.numbers}>
            <Typography variant="body2">
              <strong>{rollup.entities}</strong> graded
            </Typography>
            <Typography variant="body2" data-testid="group-score">
              Score <strong>{formatScore(rollup.score)}</strong>
            </Typography>
            <Typography variant="body2">
              <strong>{formatPercent(rollup.passRate, 0)}</strong> of checks
              pass
            </Typography>
            {rollup.children?.length ? (
              <Typography variant="body2">
                <strong>{rollup.children.length}</strong> sub-team
                {rollup.children.length === 1 ? '' : 's'}
              </Typography>
            ) : null}
          </div>
          <LevelDistribution
            scorecard={scorecard}
            levelCounts={rollup.levelCounts}
            label="Levels of the team's entities"
          />
          {failing.length > 0 && (
            <div className={classes.section}>
              <Typography variant="subtitle2" component="h3">
                Checks that fail most
              </Typography>
              <ul className={classes.list} aria-label="Checks that fail most">
                {failing.map(c => (
                  <li key={c.id}>
                    <Typography variant="body2">
                      {checkTitle(c.id)}: {c.fail} failing
                    </Typography>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </InfoCard>
  );
}
