import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  Deployment,
  DeploymentPage,
} from '@reliability-kit/plugin-reliability-common';
import { useEffect, useState } from 'react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import {
  formatDateTime,
  formatDuration,
  formatRelative,
} from '../common/format';
import { deploymentSnippet } from '../common/snippets';
import {
  EmptyState,
  ErrorState,
  Loaded,
  LoadingSkeleton,
} from '../common/states';
import { ToneLabel } from '../common/StatusLabel';
import { CanaryProgress } from './CanaryProgress';
import { DoraTiles } from './DoraTiles';
import { DEPLOYMENT_STATUS } from './presentation';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';

const PAGE_SIZE = 10;

const useStyles = makeStyles(theme => ({
  env: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5),
    height: '100%',
  },
  timeline: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
  event: {
    position: 'relative',
    padding: theme.spacing(0.5, 0, 1.5, 2),
    '&::before': {
      content: '""',
      position: 'absolute',
      left: -6,
      top: 10,
      width: 10,
      height: 10,
      borderRadius: '50%',
      background: theme.palette.background.paper,
      border: `2px solid ${theme.palette.text.secondary}`,
    },
  },
  meta: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1.5) },
  heading: { margin: theme.spacing(2, 0, 1) },
}));

/** The newest deployment of each environment, production first. */
export function latestPerEnvironment(items: Deployment[]): Deployment[] {
  const latest = new Map<string, Deployment>();
  for (const d of items) {
    const seen = latest.get(d.environment);
    if (!seen || d.startedAt > seen.startedAt) latest.set(d.environment, d);
  }
  const rank = (d: Deployment) => (d.environment === 'production' ? 0 : 1);
  return [...latest.values()].sort(
    (a, b) => rank(a) - rank(b) || a.environment.localeCompare(b.environment),
  );
}

function BurnImpact(props: { deployment: Deployment }) {
  const { impact } = props.deployment;
  if (impact.state === 'pending') {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        Budget impact: pending
      </Typography>
    );
  }
  return impact.likelyCausedBurn ? (
    <ToneLabel
      presentation={{
        label: 'Likely burned error budget',
        tone: 'error',
        Icon: ReportProblemIcon,
      }}
    />
  ) : (
    <Typography variant="body2" color="textSecondary" component="span">
      No budget burn after it
    </Typography>
  );
}

function EnvironmentTile(props: { deployment: Deployment }) {
  const { deployment: d } = props;
  const classes = useStyles();
  return (
    <div className={classes.env} data-testid={`latest-${d.environment}`}>
      <Typography variant="overline" component="h4">
        {d.environment}
      </Typography>
      <Typography variant="subtitle1">
        {d.version ?? d.commit ?? d.id}
      </Typography>
      <div className={classes.meta}>
        <ToneLabel presentation={DEPLOYMENT_STATUS[d.status]} />
        {d.strategy && (
          <Typography variant="body2" component="span">
            {d.strategy}
          </Typography>
        )}
        <Typography
          variant="body2"
          color="textSecondary"
          component="span"
          title={formatDateTime(d.startedAt)}
        >
          {formatRelative(d.finishedAt ?? d.startedAt)}
        </Typography>
      </div>
      {d.strategy === 'canary' && d.canarySteps?.length ? (
        <CanaryProgress steps={d.canarySteps} />
      ) : null}
      <BurnImpact deployment={d} />
    </div>
  );
}

/** Deployments, newest first, with status, duration and budget impact. */
export function DeploymentTimeline(props: { items: Deployment[] }) {
  const classes = useStyles();
  return (
    <ol className={classes.timeline} aria-label="Deployment history">
      {props.items.map(d => (
        <li key={d.id} className={classes.event}>
          <div className={classes.meta}>
            <Typography variant="body2" component="span">
              <strong>{d.version ?? d.id}</strong> to {d.environment}
            </Typography>
            <ToneLabel presentation={DEPLOYMENT_STATUS[d.status]} />
            <Typography variant="body2" color="textSecondary" component="span">
              {formatDateTime(d.startedAt)}
              {d.finishedAt
                ? `, took ${formatDuration(d.finishedAt - d.startedAt)}`
                : ''}
            </Typography>
            {d.strategy && (
              <Typography variant="body2" component="span">
                {d.strategy}
              </Typography>
            )}
            <BurnImpact deployment={d} />
            {d.pipelineUrl && (
              <Link href={d.pipelineUrl} target="_blank" rel="noopener">
                Pipeline run
              </Link>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

/** The four DORA keys of the entity over 90 days. */
function DoraSection(props: { entityRef: string }) {
  const dora = useReliabilityData(
    api =>
      api.getDora(props.entityRef, { environment: 'production', days: 90 }),
    [props.entityRef],
  );
  return (
    <Loaded
      state={dora}
      errorTitle="Could not load the DORA metrics"
      skeleton={{ height: 96, lines: 1 }}
    >
      {value => <DoraTiles report={value} />}
    </Loaded>
  );
}

/**
 * Deployment health: the latest deployment per environment (status,
 * strategy, canary progress), the history, and the DORA tiles.
 */
export function DeploymentHealth(props: {
  entityRef: string;
  /** Latest deployment per environment, from the entity summary. */
  latest?: Deployment[];
}) {
  const { entityRef } = props;
  const classes = useStyles();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [shown, setShown] = useState<DeploymentPage | undefined>();
  const page = useReliabilityData(
    api => api.listDeployments(entityRef, { limit }),
    [entityRef, limit],
  );
  // Keep what is shown while "Show more" loads.
  useEffect(() => {
    if (page.value) setShown(page.value);
  }, [page.value]);

  if (page.error) {
    return (
      <ErrorState
        title="Could not load the deployments"
        error={page.error}
        onRetry={page.retry}
      />
    );
  }
  if (!shown) return <LoadingSkeleton height={72} lines={3} />;
  if (!shown.items.length) {
    return (
      <EmptyState
        title="No deployments recorded"
        description="Let the pipeline report each deployment to the reliability API; the latest per environment, the history and the DORA metrics show here."
        yaml={deploymentSnippet(entityRef)}
      />
    );
  }
  return (
    <div>
      <Grid container spacing={2}>
        {latestPerEnvironment(
          props.latest?.length ? props.latest : shown.items,
        ).map(d => (
          <Grid item xs={12} sm={6} md={4} key={d.environment}>
            <EnvironmentTile deployment={d} />
          </Grid>
        ))}
      </Grid>
      <Typography
        variant="subtitle1"
        component="h3"
        className={classes.heading}
      >
        DORA metrics (production, 90 days)
      </Typography>
      <DoraSection entityRef={entityRef} />
      <Typography
        variant="subtitle1"
        component="h3"
        className={classes.heading}
      >
        History
      </Typography>
      <DeploymentTimeline items={shown.items} />
      {shown.totalCount > shown.items.length && (
        <Button
          size="small"
          onClick={() => setLimit(l => l + PAGE_SIZE)}
          disabled={page.loading}
        >
          {page.loading
            ? 'Loading…'
            : `Show more (${shown.totalCount - shown.items.length} older)`}
        </Button>
      )}
    </div>
  );
}
