import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Link } from '@backstage/core-components';
import { sloSnippet } from '../common/snippets';
import { BudgetBar, budgetText } from '../common/BudgetBar';
import { EmptyState, ErrorState, LoadingSkeleton } from '../common/states';
import { AlertStateLabel, SloStatusLabel } from '../common/StatusLabel';
import { ReleaseGateBadge } from '../gate/ReleaseGateBadge';
import { SummaryStaleBanner } from './SummaryStaleBanner';
import { useEntitySummary } from './useEntitySummary';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1.5),
  },
  slos: { listStyle: 'none', padding: 0, margin: theme.spacing(1.5, 0) },
  slo: {
    padding: theme.spacing(0.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  sloLine: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  gate: { marginTop: theme.spacing(1.5) },
}));

/**
 * A compact reliability summary for the Overview tab: worst status, budget
 * left, alert state, each SLO in one line and the release gate.
 *
 * @public
 */
export function EntityReliabilityCard(props: {
  /** Where the full Reliability tab is, relative to the overview. */
  contentPath?: string;
}) {
  const { entity, entityRef, summary } = useEntitySummary();
  const classes = useStyles();
  const contentPath = props.contentPath ?? 'reliability';
  return (
    <InfoCard
      title="Reliability"
      deepLink={
        summary.value?.slos.length
          ? { title: 'View reliability', link: contentPath }
          : undefined
      }
    >
      {summary.loading && <LoadingSkeleton lines={4} />}
      {summary.error && (
        <ErrorState error={summary.error} onRetry={summary.retry} />
      )}
      {summary.value && !summary.value.slos.length && (
        <EmptyState
          title="No SLOs yet"
          description="Describe an SLO of this service in OpenSLO to see its error budget here."
          yaml={sloSnippet(entity.metadata.name)}
        />
      )}
      {summary.value && summary.value.slos.length > 0 && (
        <>
          <SummaryStaleBanner summary={summary.value} />
          <div className={classes.line}>
            <SloStatusLabel status={summary.value.status} />
            <AlertStateLabel state={summary.value.alertState} />
          </div>
          <Typography variant="body2" color="textSecondary">
            Lowest error budget left
          </Typography>
          <BudgetBar remaining={summary.value.budgetRemaining} />
          <ul className={classes.slos} aria-label="SLOs">
            {summary.value.slos.map(slo => (
              <li key={slo.slo} className={classes.slo}>
                <Link to={contentPath}>{slo.title}</Link>
                <div className={classes.sloLine}>
                  <SloStatusLabel status={slo.status} />
                  <Typography variant="body2" component="span">
                    {budgetText(slo.budgetRemaining)}
                  </Typography>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className={classes.gate}>
        <ReleaseGateBadge entityRef={entityRef} />
      </div>
    </InfoCard>
  );
}
