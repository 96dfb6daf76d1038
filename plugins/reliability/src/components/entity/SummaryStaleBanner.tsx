import type { EntityReliabilitySummary } from '@reliability-kit/plugin-reliability-common';
import { isStale, StaleBanner } from '../common/states';

/** A stale banner when any SLO of the summary is stale or old. */
export function SummaryStaleBanner(props: {
  summary: EntityReliabilitySummary;
}) {
  const { summary } = props;
  const stale = summary.slos.filter(s => isStale(s));
  if (!summary.stale && !stale.length) return null;
  const oldest = Math.min(...summary.slos.map(s => s.evaluatedAt));
  return (
    <StaleBanner
      what={
        stale.length
          ? `The status of ${stale.map(s => s.title).join(', ')}`
          : undefined
      }
      evaluatedAt={Number.isFinite(oldest) ? oldest : undefined}
      error={stale.find(s => s.error)?.error}
    />
  );
}
