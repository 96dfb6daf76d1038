import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import type { ServiceReliabilityPage } from '@reliability-kit/plugin-reliability-common';
import { useEffect, useState } from 'react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import { sloSnippet } from '../common/snippets';
import { EmptyState, ErrorState, StaleBanner } from '../common/states';
import { ServiceFilters } from './ServiceFilters';
import { ServiceTable } from './ServiceTable';
import { ServiceView, useServiceQuery } from './useServiceQuery';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(3) },
  paper: { padding: theme.spacing(2) },
  tabs: { marginBottom: theme.spacing(2) },
  banner: { marginBottom: theme.spacing(2) },
}));

/** Why the table is empty, and what to do about it. */
function NoServices(props: { filtered: boolean; atRisk: boolean }) {
  if (props.filtered) {
    return (
      <Typography role="status">No services match these filters.</Typography>
    );
  }
  if (props.atRisk) {
    return (
      <Typography role="status">
        No service is at risk: every error budget is above its warning threshold
        and no burn-rate alert fires.
      </Typography>
    );
  }
  return (
    <EmptyState
      title="No services with reliability data"
      description="Services show here once they have an SLO. Put an OpenSLO document next to a component's catalog-info.yaml."
      yaml={sloSnippet('my-service')}
    />
  );
}

/**
 * Every service ranked by reliability: filters, sorting, an "at risk"
 * view, and pages fetched from the server.
 *
 * @public
 */
export function ReliabilityPageContent() {
  const classes = useStyles();
  const { state, update, apiQuery } = useServiceQuery();
  const result = useReliabilityData(
    api => api.listServices(apiQuery),
    [JSON.stringify(apiQuery)],
  );
  // The last page stays on screen while the next one loads.
  const [page, setPage] = useState<ServiceReliabilityPage | undefined>();
  useEffect(() => {
    if (result.value) setPage(result.value);
  }, [result.value]);
  const staleCount = page?.items.filter(r => r.stale).length ?? 0;
  const filtered =
    apiQuery.owner?.length ||
    apiQuery.system?.length ||
    apiQuery.domain?.length ||
    apiQuery.tier?.length ||
    state.status.length ||
    state.q;

  let body: JSX.Element;
  if (result.error) {
    body = (
      <ErrorState
        title="Could not load the services"
        error={result.error}
        onRetry={result.retry}
      />
    );
  } else if (page && page.totalCount === 0 && !result.loading) {
    body = (
      <NoServices filtered={!!filtered} atRisk={state.view === 'at-risk'} />
    );
  } else {
    body = (
      <ServiceTable
        page={page}
        loading={result.loading}
        order={state.order}
        pageIndex={state.page}
        pageSize={state.pageSize}
        onOrder={order => update({ order })}
        onPage={p => update({ page: p })}
        onPageSize={pageSize => update({ pageSize })}
      />
    );
  }

  return (
    <div className={classes.root}>
      <Tabs
        className={classes.tabs}
        value={state.view}
        onChange={(_, view: ServiceView) =>
          update({
            view,
            order: view === 'at-risk' ? 'risk' : 'name',
            status: [],
          })
        }
        indicatorColor="primary"
        aria-label="Service views"
      >
        <Tab value="all" label="All services" />
        <Tab value="at-risk" label="At risk" />
      </Tabs>
      <Paper className={classes.paper}>
        <ServiceFilters state={state} facets={page?.facets} onChange={update} />
        {staleCount > 0 && (
          <div className={classes.banner}>
            <StaleBanner
              what={`The status of ${staleCount} service${
                staleCount === 1 ? '' : 's'
              } on this page`}
            />
          </div>
        )}
        {body}
      </Paper>
    </div>
  );
}
