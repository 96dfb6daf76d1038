import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  EntityScorecards,
  ScorecardInfo,
} from '@reliability-kit/plugin-reliability-common';
import { useEffect, useState } from 'react';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import {
  EmptyState,
  ErrorState,
  errorMessage,
  LoadingSkeleton,
} from '../common/states';
import { describeAppliesTo, EVALUATION_INTERVAL_MINUTES } from './presentation';
import { ScorecardResultView } from './ScorecardResultView';

const useStyles = makeStyles(theme => ({
  progress: { marginBottom: theme.spacing(1) },
  message: { marginBottom: theme.spacing(1.5) },
  result: {
    '& + &': {
      marginTop: theme.spacing(3),
      paddingTop: theme.spacing(2),
      borderTop: `2px solid ${theme.palette.divider}`,
    },
  },
  list: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(3) },
}));

/** No scorecard grades this entity: say what would make one apply. */
function NoScorecard(props: { scorecards: ScorecardInfo[] }) {
  const classes = useStyles();
  return (
    <EmptyState
      title="No scorecard applies to this entity"
      description={
        props.scorecards.length ? (
          <>
            A scorecard grades the entities its <code>appliesTo</code> matches
            (kind, <code>spec.type</code>, the <code>reliability/tier</code>{' '}
            annotation, <code>spec.lifecycle</code> and other fields):
            <ul className={classes.list} aria-label="Scorecards">
              {props.scorecards.map(s => (
                <li key={s.id}>
                  <strong>{s.title}</strong> grades{' '}
                  {describeAppliesTo(s.appliesTo)}.
                </li>
              ))}
            </ul>
            Change the entity to match one, or ask your platform team to add a
            scorecard for it under <code>reliability.scorecards</code> in{' '}
            <code>app-config.yaml</code>.
          </>
        ) : (
          <>
            No scorecards are defined. Platform teams define them under{' '}
            <code>reliability.scorecards</code> in <code>app-config.yaml</code>.
          </>
        )
      }
    />
  );
}

/** Scorecards that apply but have not run yet. */
function Pending(props: { titles: string[] }) {
  return (
    <Alert severity="info" role="status" data-testid="scorecards-pending">
      Not evaluated yet: {props.titles.join(', ')}. The scheduled run grades new
      entities within {EVALUATION_INTERVAL_MINUTES} minutes; Refresh grades this
      one now.
    </Alert>
  );
}

/**
 * The entity's scorecards: for each scorecard that grades it, the level
 * reached and every check by level, with how to fix what fails; a Refresh
 * button grades it again now.
 *
 * @public
 */
export function EntityScorecardCard(props: {
  /** Card title; default "Scorecards". */
  title?: string;
}) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(reliabilityApiRef);
  const classes = useStyles();
  const data = useReliabilityData(
    async client => {
      const [scorecards, list] = await Promise.all([
        client.getEntityScorecards(entityRef),
        client.listScorecards(),
      ]);
      return { scorecards, definitions: list.items };
    },
    [entityRef],
  );
  const [refreshed, setRefreshed] = useState<EntityScorecards | undefined>();
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<Error | undefined>();
  const [refreshedAt, setRefreshedAt] = useState<number | undefined>();
  useEffect(() => {
    setRefreshed(undefined);
    setRefreshError(undefined);
    setRefreshedAt(undefined);
  }, [entityRef]);

  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(undefined);
    try {
      setRefreshed(await api.refreshEntityScorecards(entityRef));
      setRefreshedAt(Date.now());
    } catch (error) {
      setRefreshError(error as Error);
    } finally {
      setRefreshing(false);
    }
  };

  const definitions = data.value?.definitions ?? [];
  const byId = new Map(definitions.map(d => [d.id, d]));
  const current = refreshed ?? data.value?.scorecards;
  const pendingTitles = (current?.pending ?? []).map(
    id => byId.get(id)?.title ?? id,
  );

  return (
    <InfoCard
      title={props.title ?? 'Scorecards'}
      subheader={
        current?.items.length === 1
          ? byId.get(current.items[0].scorecardId)?.title
          : undefined
      }
      action={
        <Button
          size="small"
          startIcon={<RefreshIcon />}
          onClick={refresh}
          disabled={refreshing || data.loading}
          aria-label="Refresh scorecards"
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      }
    >
      {refreshing && (
        <LinearProgress
          className={classes.progress}
          aria-label="Grading the entity again"
        />
      )}
      {refreshError && (
        <Alert
          severity="error"
          className={classes.message}
          onClose={() => setRefreshError(undefined)}
        >
          Could not refresh the scorecards: {errorMessage(refreshError)}
        </Alert>
      )}
      {refreshedAt && !refreshing && !refreshError && (
        <Typography
          variant="body2"
          color="textSecondary"
          role="status"
          className={classes.message}
        >
          Graded again just now.
        </Typography>
      )}
      {data.loading && <LoadingSkeleton lines={6} />}
      {data.error && (
        <ErrorState
          title="Could not load the scorecards"
          error={data.error}
          onRetry={data.retry}
        />
      )}
      {current && pendingTitles.length > 0 && (
        <Pending titles={pendingTitles} />
      )}
      {current && !current.items.length && !pendingTitles.length && (
        <NoScorecard scorecards={definitions} />
      )}
      {current?.items.map(result => (
        <div key={result.scorecardId} className={classes.result}>
          <ScorecardResultView
            scorecard={byId.get(result.scorecardId)}
            result={result}
            showTitle={current.items.length > 1}
          />
        </div>
      ))}
    </InfoCard>
  );
}
