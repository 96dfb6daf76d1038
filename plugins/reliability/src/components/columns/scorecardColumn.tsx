import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import type { TableColumn } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { DEFAULT_SCORECARD_ID } from '@reliability-kit/plugin-reliability-common';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api/ReliabilityApi';
import { LevelBadge } from '../scorecards/presentation';
import type { EntityTableRow } from './columns';
import { levelLoaderFor } from './ScorecardLevelLoader';

function LevelCell(props: { entity: Entity; scorecardId: string }) {
  const api = useApi(reliabilityApiRef);
  const ref = stringifyEntityRef(props.entity);
  const { loading, error, value } = useAsync(
    () => levelLoaderFor(api, props.scorecardId).load(ref),
    [api, ref, props.scorecardId],
  );
  if (loading) return <Skeleton variant="text" width={80} />;
  if (error) {
    return (
      <Typography variant="body2" color="error" title={error.message}>
        Unavailable
      </Typography>
    );
  }
  if (!value?.graded) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not graded
      </Typography>
    );
  }
  return (
    <LevelBadge
      scorecard={value.scorecard}
      levelId={value.level}
      levelIndex={value.levelIndex}
      size="small"
      stale={value.stale}
    />
  );
}

/**
 * A catalog table column with the level each entity reached on a
 * scorecard (default: production readiness). Cells on screen are fetched
 * together, one request per 100 rows.
 *
 * @public
 */
export function createScorecardLevelColumn<
  T extends EntityTableRow = EntityTableRow,
>(options: { scorecardId?: string; title?: string } = {}): TableColumn<T> {
  const scorecardId = options.scorecardId ?? DEFAULT_SCORECARD_ID;
  return {
    title: options.title ?? 'Level',
    field: 'entity.metadata.name',
    sorting: false,
    render: row => <LevelCell entity={row.entity} scorecardId={scorecardId} />,
  };
}
