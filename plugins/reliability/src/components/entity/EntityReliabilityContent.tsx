import Grid from '@material-ui/core/Grid';
import { InfoCard } from '@backstage/core-components';
import { ReleaseGateBadge } from '../gate/ReleaseGateBadge';
import { DeploymentHealth } from '../deployments/DeploymentHealth';
import { Ownership } from '../ownership/OwnershipCard';
import { Runbooks } from '../runbooks/RunbookList';
import { EntitySloCards } from '../slo/EntitySloCards';
import { ErrorState, LoadingSkeleton } from '../common/states';
import { SummaryStaleBanner } from './SummaryStaleBanner';
import { useEntitySummary } from './useEntitySummary';

/**
 * The Reliability tab of a component: release gate, SLO cards with their
 * detail, deployment health, ownership and runbooks. Each part loads on
 * its own, so one failing does not hide the others.
 *
 * @public
 */
export function EntityReliabilityContent() {
  const { entity, entityRef, summary } = useEntitySummary();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ReleaseGateBadge entityRef={entityRef} />
      </Grid>
      {summary.value && (
        <Grid item xs={12}>
          <SummaryStaleBanner summary={summary.value} />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="Service level objectives">
          {summary.loading && <LoadingSkeleton height={180} lines={2} />}
          {summary.error && (
            <ErrorState error={summary.error} onRetry={summary.retry} />
          )}
          {summary.value && (
            <EntitySloCards
              summary={summary.value}
              entityName={entity.metadata.name}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Deployment health">
          <DeploymentHealth
            entityRef={entityRef}
            latest={summary.value?.latestDeployments}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Ownership">
          <Ownership entityRef={entityRef} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Runbooks">
          <Runbooks entityRef={entityRef} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
