import {
  ANNOTATION_ERROR_BUDGET_POLICY,
  parseErrorBudgetPolicyAnnotation,
  ReleaseGateDecision,
} from '@reliability-kit/plugin-reliability-common';
import { ReliabilityContext } from '../service/context';
import { effectivePolicy, releaseGate } from './releaseGate';

/** Looks up an entity's annotations in the catalog. */
export type AnnotationsOf = (
  ref: string,
) => Promise<Record<string, string> | undefined>;

/**
 * The release gate for an entity in an environment: the configured policy,
 * that environment's overrides, then the entity's annotation.
 */
export async function computeReleaseGate(
  ctx: ReliabilityContext,
  annotationsOf: AnnotationsOf,
  entityRef: string,
  environment: string,
): Promise<ReleaseGateDecision> {
  const configured = {
    ...ctx.config.policy,
    ...ctx.config.environments[environment],
  };
  const annotation = (await annotationsOf(entityRef))?.[
    ANNOTATION_ERROR_BUDGET_POLICY
  ];
  const override = annotation
    ? parseErrorBudgetPolicyAnnotation(annotation)
    : undefined;
  return releaseGate({
    entity: entityRef,
    environment,
    slos: await ctx.statusStore.forService(entityRef),
    // A malformed override is a catalog processing error; meanwhile the gate
    // applies the configured policy.
    policy: effectivePolicy(
      configured,
      override?.ok ? override.value : undefined,
    ),
    now: ctx.clock(),
  });
}
