import {
  ErrorBudgetPolicyOverride,
  ReleaseGateDecision,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';

/** The error-budget policy the gate applies. */
export interface ErrorBudgetPolicy {
  blockWhenExhausted: boolean;
  warnBelow: number;
  blockBelow?: number;
}

type Decision = ReleaseGateDecision['decision'];
const RANK: Record<Decision, number> = { allow: 0, warn: 1, block: 2 };

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** Applies an entity's annotation override on top of the configured policy. */
export function effectivePolicy(
  configured: ErrorBudgetPolicy,
  override: ErrorBudgetPolicyOverride | undefined,
): ReleaseGateDecision['policy'] {
  return {
    blockWhenExhausted:
      override?.blockWhenExhausted ?? configured.blockWhenExhausted,
    warnBelow: override?.warnBelow ?? configured.warnBelow,
    blockBelow: override?.blockBelow ?? configured.blockBelow,
    source: override ? 'annotation' : 'config',
  };
}

function decide(
  slo: SloStatusSnapshot,
  policy: ReleaseGateDecision['policy'],
): ReleaseGateDecision['reasons'][number] {
  const remaining = slo.budgetRemaining;
  const base = { slo: slo.slo, budgetRemaining: remaining };
  if (slo.stale) {
    return {
      ...base,
      decision: 'warn',
      message: `${slo.title}: status is stale (${
        slo.error ?? 'the data source failed'
      }); last known budget ${
        remaining === null ? 'unknown' : percent(remaining)
      }`,
    };
  }
  if (remaining === null) {
    return {
      ...base,
      decision: 'allow',
      message: `${slo.title}: no data${slo.reason ? ` (${slo.reason})` : ''}`,
    };
  }
  if (policy.blockWhenExhausted && remaining <= 0) {
    return {
      ...base,
      decision: 'block',
      message: `${slo.title}: error budget exhausted (${percent(
        remaining,
      )} left); the policy blocks releases when a budget is exhausted`,
    };
  }
  if (policy.blockBelow !== undefined && remaining < policy.blockBelow) {
    return {
      ...base,
      decision: 'block',
      message: `${slo.title}: ${percent(
        remaining,
      )} of the error budget left, below the block threshold of ${percent(
        policy.blockBelow,
      )}`,
    };
  }
  if (remaining < policy.warnBelow) {
    return {
      ...base,
      decision: 'warn',
      message: `${slo.title}: ${percent(
        remaining,
      )} of the error budget left, below the warning threshold of ${percent(
        policy.warnBelow,
      )}`,
    };
  }
  return {
    ...base,
    decision: 'allow',
    message: `${slo.title}: ${percent(remaining)} of the error budget left`,
  };
}

/**
 * May the entity ship now? The worst decision over its SLOs, with a reason
 * per SLO that names it, its remaining budget and the policy.
 */
export function releaseGate(input: {
  entity: string;
  environment: string;
  slos: SloStatusSnapshot[];
  policy: ReleaseGateDecision['policy'];
  now: number;
}): ReleaseGateDecision {
  const reasons = input.slos.map(slo => decide(slo, input.policy));
  const decision = reasons.reduce<Decision>(
    (worst, r) => (RANK[r.decision] > RANK[worst] ? r.decision : worst),
    'allow',
  );
  return {
    entity: input.entity,
    environment: input.environment,
    decision,
    reasons,
    policy: input.policy,
    evaluatedAt: input.now,
  };
}
