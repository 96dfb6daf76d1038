import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ServiceReliabilityPage,
  ServiceReliabilityRow,
} from '@reliability-kit/plugin-reliability-common';
import { memo } from 'react';
import type { ServiceOrder } from '../../api/ReliabilityApi';
import { BudgetBar, budgetText } from '../common/BudgetBar';
import { formatRelative, shortRef } from '../common/format';
import {
  AlertStateLabel,
  SloStatusLabel,
  ToneLabel,
} from '../common/StatusLabel';
import { DEPLOYMENT_STATUS } from '../deployments/presentation';
import ScheduleIcon from '@material-ui/icons/Schedule';
import { PAGE_SIZES } from './useServiceQuery';

const COLUMNS = 8;

const useStyles = makeStyles(theme => ({
  budget: { minWidth: 120 },
  nowrap: { whiteSpace: 'nowrap' },
  loading: { height: 4 },
  muted: { color: theme.palette.text.secondary },
}));

const ServiceRow = memo(function ServiceRowView(props: {
  row: ServiceReliabilityRow;
}) {
  const { row } = props;
  const classes = useStyles();
  const deploy = row.lastDeployment;
  return (
    <TableRow data-testid="service-row" data-entity={row.entity}>
      <TableCell component="th" scope="row" className={classes.nowrap}>
        <EntityRefLink entityRef={row.entity} title={row.title} />
        {row.stale && (
          <>
            {' '}
            <ToneLabel
              presentation={{
                label: 'Stale',
                tone: 'warning',
                Icon: ScheduleIcon,
              }}
            />
          </>
        )}
      </TableCell>
      <TableCell>
        <SloStatusLabel status={row.status} />
        <Typography variant="caption" display="block" className={classes.muted}>
          {row.sloCount} SLO{row.sloCount === 1 ? '' : 's'}
        </Typography>
      </TableCell>
      <TableCell className={classes.budget}>
        <BudgetBar
          remaining={row.budgetRemaining}
          compact
          label={`Lowest error budget left of ${row.title}`}
        />
        <Typography variant="body2">
          {budgetText(row.budgetRemaining)}
        </Typography>
      </TableCell>
      <TableCell>
        <AlertStateLabel state={row.alertState} />
      </TableCell>
      <TableCell>
        {row.owner ? (
          <EntityRefLink entityRef={row.owner} defaultKind="group" />
        ) : (
          '–'
        )}
      </TableCell>
      <TableCell className={classes.nowrap}>{row.tier ?? '–'}</TableCell>
      <TableCell>{row.system ? shortRef(row.system) : '–'}</TableCell>
      <TableCell>
        {deploy ? (
          <>
            <ToneLabel presentation={DEPLOYMENT_STATUS[deploy.status]} />
            <Typography
              variant="caption"
              display="block"
              className={classes.muted}
            >
              {deploy.version ? `${deploy.version} · ` : ''}
              {deploy.environment} ·{' '}
              {formatRelative(deploy.finishedAt ?? deploy.startedAt)}
            </Typography>
          </>
        ) : (
          <span className={classes.muted}>None</span>
        )}
      </TableCell>
    </TableRow>
  );
});

function SkeletonRows(props: { count: number }) {
  return (
    <>
      {Array.from({ length: props.count }, (_, i) => (
        <TableRow key={i} aria-hidden>
          {Array.from({ length: COLUMNS }, (__, j) => (
            <TableCell key={j}>
              <Skeleton variant="text" />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}

/**
 * One page of services, sorted and paged by the server: the page renders
 * only what is on screen, whatever the number of services.
 */
export function ServiceTable(props: {
  page?: ServiceReliabilityPage;
  loading: boolean;
  order: ServiceOrder;
  pageIndex: number;
  pageSize: number;
  onOrder: (order: ServiceOrder) => void;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}) {
  const { page, loading, order } = props;
  const classes = useStyles();
  return (
    <>
      <div className={classes.loading}>
        {loading && page && <LinearProgress aria-label="Loading services" />}
      </div>
      <TableContainer>
        <Table size="small" aria-label="Services" aria-busy={loading}>
          <TableHead>
            <TableRow>
              <TableCell sortDirection={order === 'name' ? 'asc' : false}>
                <TableSortLabel
                  active={order === 'name'}
                  direction="asc"
                  onClick={() => props.onOrder('name')}
                >
                  Service
                </TableSortLabel>
              </TableCell>
              <TableCell sortDirection={order === 'risk' ? 'desc' : false}>
                <TableSortLabel
                  active={order === 'risk'}
                  direction="desc"
                  onClick={() => props.onOrder('risk')}
                >
                  SLO status (by risk)
                </TableSortLabel>
              </TableCell>
              <TableCell sortDirection={order === 'budget' ? 'asc' : false}>
                <TableSortLabel
                  active={order === 'budget'}
                  direction="asc"
                  onClick={() => props.onOrder('budget')}
                >
                  Worst budget left
                </TableSortLabel>
              </TableCell>
              <TableCell>Alert</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Tier</TableCell>
              <TableCell>System</TableCell>
              <TableCell>Last deployment</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {!page ? (
              <SkeletonRows count={Math.min(props.pageSize, 10)} />
            ) : (
              page.items.map(row => <ServiceRow key={row.entity} row={row} />)
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {page && (
        <TablePagination
          component="div"
          count={page.totalCount}
          page={
            page.totalCount &&
            props.pageIndex * props.pageSize >= page.totalCount
              ? 0
              : props.pageIndex
          }
          rowsPerPage={props.pageSize}
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_, p) => props.onPage(p)}
          onRowsPerPageChange={e => props.onPageSize(Number(e.target.value))}
        />
      )}
    </>
  );
}
