import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import {
  EmptyState,
  ErrorState,
  isNotFound,
  isStale,
  LoadingSkeleton,
  StaleBanner,
} from '../common/states';
import { ReleaseGateBadge } from '../gate/ReleaseGateBadge';
import { Runbooks } from '../runbooks/RunbookList';
import { SloCardWithHistory } from '../slo/SloCardWithHistory';
import { sloRunbookSnippet } from '../common/snippets';

/**
 * The page of an OpenSLO `SLO` entity: its status card with the chart and
 * burn-rate table open, the release gate of its service, and its runbook.
 *
 * @public
 */
export function EntitySloContent() {
  const { entity } = useEntity();
  const sloRef = stringifyEntityRef(entity);
  const slo = useReliabilityData(api => api.getSlo(sloRef), [sloRef]);
  const service = slo.value?.service;
  if (slo.loading) return <LoadingSkeleton height={240} lines={2} />;
  if (slo.error) {
    if (isNotFound(slo.error)) {
      return (
        <InfoCard title="SLO status">
          <EmptyState
            title="Not evaluated yet"
            description={
              <>
                The reliability backend evaluates SLOs every minute; this one
                has no status yet. If it stays like this, check that its metric
                source sends data.{' '}
                <Button size="small" variant="outlined" onClick={slo.retry}>
                  Check again
                </Button>
              </>
            }
          />
        </InfoCard>
      );
    }
    return <ErrorState error={slo.error} onRetry={slo.retry} />;
  }
  if (!slo.value) return null;
  return (
    <Grid container spacing={3}>
      {isStale(slo.value) && (
        <Grid item xs={12}>
          <StaleBanner
            evaluatedAt={slo.value.evaluatedAt}
            error={slo.value.error}
          />
        </Grid>
      )}
      {service && (
        <Grid item xs={12}>
          <ReleaseGateBadge entityRef={service} />
        </Grid>
      )}
      <Grid item xs={12}>
        <SloCardWithHistory slo={slo.value} expanded />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Runbook">
          <Runbooks
            entityRef={sloRef}
            emptySnippet={sloRunbookSnippet(entity.metadata.name)}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
