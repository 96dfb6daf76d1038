import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { AnnotationsOf, computeReleaseGate } from '../gate/computeReleaseGate';
import { ReliabilityContext } from '../service/context';
import { assertVisible, visibleRefsFilter } from '../service/visibleEntities';

function normaliseRef(ref: string, defaultKind: string) {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );
}

/**
 * Actions for automation and agents (exposed over MCP by the MCP actions
 * backend): read SLO status, find SLOs at risk, ask the release gate. Like
 * the HTTP API, they answer only about entities the caller may read in the
 * catalog.
 */
export function registerActions(
  actions: ActionsRegistryService,
  ctx: ReliabilityContext,
  annotationsOf: AnnotationsOf,
) {
  actions.register({
    name: 'get-slo-status',
    title: 'Get SLO status',
    description:
      'Returns the latest evaluation of one SLO: status (healthy, warning, breaching, exhausted, no-data), remaining error budget, burn rates and alert state.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          slo: z
            .string()
            .describe(
              'SLO entity ref, e.g. slo:default/checkout-service-availability, or a bare SLO name',
            ),
        }),
      output: z =>
        z.object({
          slo: z.string(),
          title: z.string(),
          status: z.string(),
          budgetRemaining: z.number().nullable(),
          stale: z.boolean(),
          snapshot: z.record(z.unknown()),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = normaliseRef(input.slo, 'slo');
      await assertVisible(ctx, credentials, ref);
      const status = await ctx.statusStore.get(ref);
      if (!status) throw new NotFoundError(`No status for ${ref}`);
      return {
        output: {
          slo: status.slo,
          title: status.title,
          status: status.status,
          budgetRemaining: status.budgetRemaining,
          stale: status.stale,
          snapshot: status as unknown as Record<string, unknown>,
        },
      };
    },
  });

  actions.register({
    name: 'list-slos-at-risk',
    title: 'List SLOs at risk',
    description:
      'Lists SLOs that are exhausted, breaching or in warning, least remaining error budget first, optionally for one owner.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .optional()
            .describe('Owner entity ref, e.g. group:default/payments'),
          limit: z.number().int().min(1).max(100).default(20),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              slo: z.string(),
              title: z.string(),
              service: z.string().optional(),
              owner: z.string().optional(),
              status: z.string(),
              budgetRemaining: z.number().nullable(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { items } = await ctx.statusStore.list({
        visible: await visibleRefsFilter(ctx, credentials),
        filter: {
          status: ['exhausted', 'breaching', 'warning'],
          owner: input.owner ? [normaliseRef(input.owner, 'group')] : undefined,
        },
        order: 'budget-asc',
        offset: 0,
        limit: input.limit ?? 20,
      });
      return {
        output: {
          items: items.map(s => ({
            slo: s.slo,
            title: s.title,
            service: s.service,
            owner: s.owner,
            status: s.status,
            budgetRemaining: s.budgetRemaining,
          })),
        },
      };
    },
  });

  actions.register({
    name: 'check-release-gate',
    title: 'Check release gate',
    description:
      'Answers allow, warn or block for releasing an entity to an environment, from its SLOs and the error-budget policy, with a reason per SLO.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .describe('Entity ref, e.g. component:default/checkout-service'),
          environment: z.string().default('production'),
        }),
      output: z =>
        z.object({
          decision: z.enum(['allow', 'warn', 'block']),
          reasons: z.array(
            z.object({
              slo: z.string(),
              decision: z.string(),
              message: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = normaliseRef(input.entity, 'component');
      await assertVisible(ctx, credentials, ref);
      const gate = await computeReleaseGate(
        ctx,
        annotationsOf,
        ref,
        input.environment ?? 'production',
      );
      return {
        output: {
          decision: gate.decision,
          reasons: gate.reasons.map(r => ({
            slo: r.slo,
            decision: r.decision,
            message: r.message,
          })),
        },
      };
    },
  });
  actions.register({
    name: 'get-entity-scorecards',
    title: 'Get scorecard levels of an entity',
    description:
      'Returns the level an entity reached on each scorecard (such as production-readiness: bronze, silver, gold) and its failing checks with how to fix them.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .describe(
              'Entity ref, e.g. component:default/payments-api, or a bare component name',
            ),
        }),
      output: z =>
        z.object({
          entity: z.string(),
          scorecards: z.array(
            z.object({
              scorecard: z.string(),
              level: z.string().nullable(),
              passed: z.number(),
              applicable: z.number(),
              stale: z.boolean(),
              failing: z.array(
                z.object({
                  check: z.string(),
                  message: z.string(),
                  howToFix: z.string(),
                }),
              ),
            }),
          ),
          pending: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = normaliseRef(input.entity, 'component');
      await assertVisible(ctx, credentials, ref);
      const entity = await ctx.catalog.getEntityByRef(ref, { credentials });
      if (!entity) throw new NotFoundError(`${ref} is not in the catalog`);
      const { registry, service } = ctx.scorecards;
      const result = await service.forEntity(entity, ref);
      return {
        output: {
          entity: ref,
          scorecards: result.items.map(item => {
            const checks = new Map(
              registry
                .get(item.scorecardId)
                .levels.flatMap(l => l.checks.map(c => [c.id, c] as const)),
            );
            return {
              scorecard: item.scorecardId,
              level: item.level,
              passed: item.passed,
              applicable: item.applicable,
              stale: Boolean(item.stale),
              failing: item.checks
                .filter(c => c.status === 'fail')
                .map(c => ({
                  check: c.id,
                  message: c.message,
                  howToFix: checks.get(c.id)?.howToFix ?? '',
                })),
            };
          }),
          pending: result.pending,
        },
      };
    },
  });
}
