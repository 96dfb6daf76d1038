import {
  BUILT_IN_SLI_SOURCE_TYPE,
  SliSample,
} from '@reliability-kit/plugin-reliability-common';
import { SliQuery, SliSource } from '@reliability-kit/plugin-reliability-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { HOUR_MS } from './buckets';
import { SliStore } from './SliStore';

// Minute data this close to the end of a range serves the short burn-rate
// windows (5m to 6h); older data is read from hourly rollups.
const MINUTE_DETAIL_MS = 6 * HOUR_MS;

/** The SLI source of SLOs whose metric source type is `BuiltIn`. */
export class BuiltInSliSource implements SliSource {
  readonly type = BUILT_IN_SLI_SOURCE_TYPE;

  constructor(private readonly store: SliStore) {}

  async readSamples(query: SliQuery): Promise<SliSample[]> {
    const { objectiveIndex, start, end } = query;
    const ref = stringifyEntityRef(query.entity);
    // Ratio SLIs store one count per event, shared by every objective.
    const objective = query.indicator.spec.thresholdMetric ? objectiveIndex : 0;
    // Time slices shorter than an hour need minute data for the whole window.
    const needsMinutes = query.resolutionMs < HOUR_MS;
    const minuteFrom = needsMinutes ? start : end - MINUTE_DETAIL_MS;
    return this.store.readSamples(ref, objective, { start, end }, minuteFrom);
  }
}
