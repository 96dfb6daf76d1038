import type {
  DeploymentMarker,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import { ReactNode } from 'react';
import { useReliabilityData } from '../../hooks/useReliabilityData';
import { SloCard } from './SloCard';

const DAY = 86_400_000;

/** An SLO card with its last 7 days of SLI (hourly) for the sparkline. */
export function SloCardWithHistory(props: {
  slo: SloStatusSnapshot;
  deployments?: DeploymentMarker[];
  expanded?: boolean;
  onExpandedChange?: (expanded: boolean) => void;
  titleLink?: ReactNode;
}) {
  const { slo } = props;
  const to = slo.evaluatedAt || Date.now();
  // A failed sparkline is not worth an error: the card still has numbers.
  const history = useReliabilityData(
    api =>
      api
        .getSloHistory(slo.slo, { from: to - 7 * DAY, to, step: 3_600_000 })
        .catch(() => undefined),
    [slo.slo, to],
  );
  return (
    <SloCard
      slo={slo}
      history={history.value?.points}
      historyLoading={history.loading}
      deployments={props.deployments}
      expanded={props.expanded}
      onExpandedChange={props.onExpandedChange}
      titleLink={props.titleLink}
    />
  );
}
