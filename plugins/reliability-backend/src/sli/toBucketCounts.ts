import { InputError } from '@backstage/errors';
import {
  BUILT_IN_SLI_SOURCE_TYPE,
  meetsThreshold,
} from '@reliability-kit/plugin-reliability-common';
import { SloRecord } from '../slo/SloCatalog';
import { BucketCount } from './buckets';
import { ParsedSliEvent } from './parseSliEventBatch';

const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_PROBLEMS_LISTED = 20;
const MAX_UNKNOWN_LISTED = 10;

/**
 * Checks events against the SLOs they name and turns them into bucket
 * counts: one per event for a ratio SLI, one per objective for a threshold
 * SLI. Throws an InputError listing every problem, so a rejected batch
 * stores nothing.
 */
export function toBucketCounts(
  events: ParsedSliEvent[],
  slos: Map<string, SloRecord | undefined>,
  refOf: (event: ParsedSliEvent) => string,
  limits: { now: number; retentionMs: number },
): BucketCount[] {
  const counts: BucketCount[] = [];
  const problems: string[] = [];
  /** Unknown SLO refs and the paths of the events naming them. */
  const unknown = new Map<string, string[]>();
  events.forEach((event, index) => {
    const ref = refOf(event);
    const record = slos.get(ref);
    const path = `events[${index}]`;
    if (!record) {
      const paths = unknown.get(ref) ?? [];
      paths.push(`${path}.slo`);
      unknown.set(ref, paths);
      return;
    }
    if (record.sourceType !== BUILT_IN_SLI_SOURCE_TYPE) {
      problems.push(
        `${path}.slo: ${ref} reads its SLI from ${
          record.sourceType ? `type ${record.sourceType}` : 'no metric source'
        }, not the built-in store (metricSource.type: ${BUILT_IN_SLI_SOURCE_TYPE})`,
      );
      return;
    }
    if (event.at > limits.now + FUTURE_TOLERANCE_MS) {
      problems.push(
        `${path}.timestamp: ${new Date(
          event.at,
        ).toISOString()} is in the future`,
      );
      return;
    }
    if (event.at < limits.now - limits.retentionMs) {
      problems.push(
        `${path}.timestamp: ${new Date(
          event.at,
        ).toISOString()} is older than the retention of ${Math.round(
          limits.retentionMs / 86_400_000,
        )} days`,
      );
      return;
    }
    const isThreshold = Boolean(record.indicator?.spec.thresholdMetric);
    if ('value' in event) {
      if (!isThreshold) {
        problems.push(
          `${path}: ${ref} has a ratio SLI; send {slo, timestamp, good, total}`,
        );
        return;
      }
      record.slo.spec.objectives.forEach((objective, objectiveIndex) => {
        counts.push({
          sloRef: ref,
          objective: objectiveIndex,
          bucketStart: event.at,
          good: meetsThreshold(event.value, objective.op, objective.value ?? 0)
            ? 1
            : 0,
          total: 1,
        });
      });
    } else {
      if (isThreshold) {
        problems.push(
          `${path}: ${ref} has a threshold SLI; send {slo, timestamp, value}`,
        );
        return;
      }
      counts.push({
        sloRef: ref,
        objective: 0,
        bucketStart: event.at,
        good: event.good,
        total: event.total,
      });
    }
  });
  if (unknown.size > 0) {
    const refs = [...unknown.keys()].sort();
    const listed = refs.slice(0, MAX_UNKNOWN_LISTED).map(ref => {
      const paths = unknown.get(ref)!;
      const more = paths.length > 1 ? ` and ${paths.length - 1} more` : '';
      return `${ref} (${paths[0]}${more})`;
    });
    const moreRefs =
      refs.length > MAX_UNKNOWN_LISTED
        ? `, and ${refs.length - MAX_UNKNOWN_LISTED} more`
        : '';
    problems.unshift(
      `unknown SLOs (not SLO entities in the catalog): ${listed.join(
        ', ',
      )}${moreRefs}`,
    );
  }
  if (problems.length > 0) {
    const more =
      problems.length > MAX_PROBLEMS_LISTED
        ? `; and ${problems.length - MAX_PROBLEMS_LISTED} more`
        : '';
    throw new InputError(
      `Rejected SLI event batch, nothing was stored: ${problems
        .slice(0, MAX_PROBLEMS_LISTED)
        .join('; ')}${more}`,
    );
  }
  return counts;
}
