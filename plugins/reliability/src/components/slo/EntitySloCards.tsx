import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
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
  // An open card takes the whole row: its chart and table need the width.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
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
        <Grid item xs={12} md={open.has(slo.slo) ? 12 : 6} key={slo.slo}>
          <SloCardWithHistory
            slo={slo}
            onExpandedChange={expanded =>
              setOpen(current => {
                const next = new Set(current);
                if (expanded) next.add(slo.slo);
                else next.delete(slo.slo);
                return next;
              })
            }
            deployments={summary.deployMarkers}
            titleLink={<SloTitleLink slo={slo} />}
          />
        </Grid>
      ))}
    </Grid>
  );
}
