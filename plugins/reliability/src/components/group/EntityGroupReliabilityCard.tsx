import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import { formatPercent } from '../common/format';
import { ownedServicesSnippet } from '../common/snippets';
import {
  EmptyState,
  ErrorState,
  LoadingSkeleton,
  StaleBanner,
} from '../common/states';
import { AlertStateLabel, SloStatusLabel } from '../common/StatusLabel';
import { AT_RISK_STATUSES } from '../page/useServiceQuery';

const SHOWN = 8;

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'flex',
    gap: theme.spacing(3),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * For Group pages: the team's services, riskiest first, with their SLO
 * status, budget left and alert state.
 *
 * @public
 */
export function EntityGroupReliabilityCard(props: {
  /** Where the Reliability page is mounted; default `/reliability`. */
  pagePath?: string;
}) {
  const { entity } = useEntity();
  const classes = useStyles();
  const groupRef = stringifyEntityRef(entity);
  const pagePath = props.pagePath ?? '/reliability';
  const data = useReliabilityData(
    async api => {
      const [services, atRisk] = await Promise.all([
        api.listServices({ owner: [groupRef], order: 'risk', limit: SHOWN }),
        api.listServices({
          owner: [groupRef],
          status: AT_RISK_STATUSES,
          limit: 1,
        }),
      ]);
      return { services, atRisk: atRisk.totalCount };
    },
    [groupRef],
  );
  const link = `${pagePath}?owner=${encodeURIComponent(groupRef)}`;
  return (
    <InfoCard
      title="Service reliability"
      subheader="The team's services, riskiest first"
      deepLink={
        data.value?.services.totalCount
          ? { title: 'All of the team’s services', link }
          : undefined
      }
    >
      {data.loading && <LoadingSkeleton lines={5} />}
      {data.error && <ErrorState error={data.error} onRetry={data.retry} />}
      {data.value && data.value.services.totalCount === 0 && (
        <EmptyState
          title="No services with reliability data"
          description="Services this team owns show here once they have an SLO. Own a component:"
          yaml={ownedServicesSnippet(groupRef)}
        />
      )}
      {data.value && data.value.services.totalCount > 0 && (
        <>
          {data.value.services.items.some(s => s.stale) && (
            <StaleBanner what="The status of some services" />
          )}
          <div className={classes.counts}>
            <Typography variant="body2">
              <strong>{data.value.services.totalCount}</strong> services
            </Typography>
            <Typography variant="body2">
              <strong>{data.value.atRisk}</strong> at risk
            </Typography>
          </div>
          <Table size="small" aria-label="Services of the team">
            <TableHead>
              <TableRow>
                <TableCell>Service</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Budget left</TableCell>
                <TableCell>Alert</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.value.services.items.map(s => (
                <TableRow key={s.entity}>
                  <TableCell>
                    <EntityRefLink entityRef={s.entity} title={s.title} />
                  </TableCell>
                  <TableCell>
                    <SloStatusLabel status={s.status} />
                  </TableCell>
                  <TableCell align="right">
                    {formatPercent(s.budgetRemaining)}
                  </TableCell>
                  <TableCell>
                    <AlertStateLabel state={s.alertState} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </InfoCard>
  );
}
