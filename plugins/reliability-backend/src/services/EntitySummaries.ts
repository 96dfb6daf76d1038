import {
  EntityReliabilitySummary,
  SloStatusSnapshot,
  worstAlertState,
} from '@reliability-kit/plugin-reliability-common';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { worstStatus } from '../slo/evaluateRecord';
import { StatusStore } from '../slo/StatusStore';

const MARKER_SPAN_MS = 30 * 86_400_000;

/**
 * Entity summaries, kept for a few seconds: an entity page is opened by many
 * people at once during an incident, and the numbers only change when an
 * evaluation runs or a deployment arrives. This replica forgets an entity's
 * summary as soon as it stores a deployment for it or finishes an
 * evaluation; other replicas see the change within `ttlMs`.
 */
export class EntitySummaries {
  private readonly cache = new Map<
    string,
    { at: number; summary: Promise<EntityReliabilitySummary> }
  >();

  constructor(
    private readonly statusStore: StatusStore,
    private readonly deploymentStore: DeploymentStore,
    private readonly clock: () => number,
    private readonly ttlMs = 5_000,
    private readonly maxSize = 5_000,
  ) {}

  get(ref: string): Promise<EntityReliabilitySummary> {
    const now = this.clock();
    const cached = this.cache.get(ref);
    if (cached && now - cached.at < this.ttlMs) return cached.summary;
    if (this.cache.size >= this.maxSize) this.cache.clear();
    const summary = this.compute(ref, now);
    this.cache.set(ref, { at: now, summary });
    // A failure is not kept.
    summary.catch(() => this.cache.delete(ref));
    return summary;
  }

  /** Forgets the summaries of some entities (after a deployment). */
  invalidate(refs: Iterable<string>) {
    for (const ref of refs) this.cache.delete(ref);
  }

  /** Forgets every summary (after an evaluation). */
  clear() {
    this.cache.clear();
  }

  private async compute(
    ref: string,
    now: number,
  ): Promise<EntityReliabilitySummary> {
    const isSlo = ref.startsWith('slo:');
    const slos: SloStatusSnapshot[] = isSlo
      ? [await this.statusStore.get(ref)].flatMap(s => (s ? [s] : []))
      : await this.statusStore.forService(ref);
    const deployed = isSlo ? slos[0]?.service : ref;
    const [latestDeployments, deployMarkers] = deployed
      ? await Promise.all([
          this.deploymentStore.latest([deployed]),
          this.deploymentStore.markers([deployed], {
            from: now - MARKER_SPAN_MS,
            to: now + 1,
          }),
        ])
      : [[], []];
    const budgets = slos.flatMap(s =>
      s.budgetRemaining === null ? [] : [s.budgetRemaining],
    );
    return {
      entity: ref,
      slos,
      status: worstStatus(slos.map(s => s.status)),
      budgetRemaining: budgets.length ? Math.min(...budgets) : null,
      alertState: worstAlertState(
        slos.flatMap(s => s.objectives.map(o => o.alerts)),
      ),
      stale: slos.some(s => s.stale),
      latestDeployments,
      deployMarkers,
    };
  }
}
