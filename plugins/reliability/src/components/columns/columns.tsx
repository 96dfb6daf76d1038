import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import type { TableColumn } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { BudgetBar } from '../common/BudgetBar';
import { formatPercent } from '../common/format';
import { SloStatusLabel } from '../common/StatusLabel';
import { loaderFor } from './ServiceStatusLoader';

/**
 * A row of a catalog table: the legacy catalog's `CatalogTableRow` has this
 * shape, as does anything with an `entity`.
 *
 * @public
 */
export interface EntityTableRow {
  entity: Entity;
}

function useEntityStatus(entity: Entity) {
  const api = useApi(reliabilityApiRef);
  const ref = stringifyEntityRef(entity);
  return useAsync(() => loaderFor(api).load(ref), [api, ref]);
}

function SloStatusCell(props: { entity: Entity }) {
  const { loading, error, value } = useEntityStatus(props.entity);
  if (loading) return <Skeleton variant="text" width={80} />;
  if (error) {
    return (
      <Typography variant="body2" color="error" title={error.message}>
        Unavailable
      </Typography>
    );
  }
  if (!value?.sloCount) {
    return (
      <Typography variant="body2" color="textSecondary">
        No SLOs
      </Typography>
    );
  }
  return (
    <span title={value.stale ? 'Stale' : undefined}>
      <SloStatusLabel status={value.status} />
      {value.stale ? ' (stale)' : ''}
    </span>
  );
}

function BudgetCell(props: { entity: Entity }) {
  const { loading, error, value } = useEntityStatus(props.entity);
  if (loading) return <Skeleton variant="text" width={80} />;
  if (error || !value?.sloCount) {
    return (
      <Typography variant="body2" color="textSecondary">
        –
      </Typography>
    );
  }
  return (
    <div style={{ minWidth: 100 }}>
      <BudgetBar remaining={value.budgetRemaining} compact />
      <Typography variant="body2">
        {formatPercent(value.budgetRemaining)}
      </Typography>
    </div>
  );
}

/**
 * A catalog table column with the worst SLO status of each entity. Cells
 * on screen are fetched together, one request per 50 rows.
 *
 * @public
 */
export function createSloStatusColumn<
  T extends EntityTableRow = EntityTableRow,
>(options: { title?: string } = {}): TableColumn<T> {
  return {
    title: options.title ?? 'SLO status',
    field: 'entity.metadata.name',
    sorting: false,
    render: row => <SloStatusCell entity={row.entity} />,
  };
}

/**
 * A catalog table column with the lowest error budget left of each entity.
 *
 * @public
 */
export function createErrorBudgetColumn<
  T extends EntityTableRow = EntityTableRow,
>(options: { title?: string } = {}): TableColumn<T> {
  return {
    title: options.title ?? 'Error budget',
    field: 'entity.metadata.name',
    sorting: false,
    render: row => <BudgetCell entity={row.entity} />,
  };
}
