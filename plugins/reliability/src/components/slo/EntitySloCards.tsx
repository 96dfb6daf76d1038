import Grid from '@material-ui/core/Grid';
import type { EntityReliabilitySummary } from '@reliability-kit/plugin-reliability-common';
import { EmptyState } from '../common/states';
import { sloSnippet } from '../common/snippets';
import { SloCardWithHistory } from './SloCardWithHistory';
import { SloTitleLink } from './SloTitleLink';

/** A card per SLO of the entity, or how to add one. */
export function EntitySloCards(props: {
  summary: EntityReliabilitySummary;
  entityName: string;
}) {
  const { summary, entityName } = props;
  if (!summary.slos.length) {
    return (
      <EmptyState
        title="No SLOs yet"
        description="Describe an SLO of this service in OpenSLO, next to the code. Its status shows here about a minute after the catalog reads it."
        yaml={sloSnippet(entityName)}
      />
    );
  }
  return (
    <Grid container spacing={2}>
      {summary.slos.map(slo => (
        <Grid item xs={12} md={6} key={slo.slo}>
          <SloCardWithHistory
            slo={slo}
            deployments={summary.deployMarkers}
            titleLink={<SloTitleLink slo={slo} />}
          />
        </Grid>
      ))}
    </Grid>
  );
}
