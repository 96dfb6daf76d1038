import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { SloStatusPage } from '@reliability-kit/plugin-reliability-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { requireReader, requireServiceWrite } from '../service/authorize';
import { ReliabilityContext } from '../service/context';
import { listParam, parseInput, timeParam } from '../service/validateQuery';
import { assertVisible, visibleRefsFilter } from '../service/visibleEntities';
import { reliabilityEvaluationRunPermission } from '../sli/permissions';
import { historySeries } from './historySeries';

const STATUSES = ['healthy', 'warning', 'breaching', 'exhausted', 'no-data'];
const MAX_HISTORY_POINTS = 2000;

const listQuery = z
  .object({
    owner: listParam,
    system: listParam,
    domain: listParam,
    service: listParam,
    status: listParam.refine(
      values => !values || values.every(v => STATUSES.includes(v)),
      { message: `expected any of ${STATUSES.join(', ')}` },
    ),
    order: z.enum(['budget-asc', 'budget-desc', 'name']).default('budget-asc'),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const historyQuery = z
  .object({
    from: timeParam.optional(),
    to: timeParam.optional(),
    step: z.coerce
      .number()
      .int()
      .min(60_000, { message: 'expected at least 60000 (one minute, in ms)' })
      .optional(),
  })
  .strict();

/** Normalises refs given in filters the way the catalog writes them. */
function lowerRefs(values: string[] | undefined) {
  return values?.map(v => v.toLocaleLowerCase('en-US'));
}

/** SLO statuses, one SLO's status and history, and evaluation on demand. */
export function sloRoutes(ctx: ReliabilityContext) {
  const router = Router();

  router.get('/v1/slos', async (req, res) => {
    const credentials = await requireReader(ctx, req);
    const query = parseInput(listQuery, req.query, 'query');
    const { items, totalCount } = await ctx.statusStore.list({
      visible: await visibleRefsFilter(ctx, credentials),
      filter: {
        owner: lowerRefs(query.owner),
        system: lowerRefs(query.system),
        domain: lowerRefs(query.domain),
        service: lowerRefs(query.service),
        status: query.status,
      },
      order: query.order,
      offset: query.offset,
      limit: query.limit,
    });
    const page: SloStatusPage = {
      items,
      totalCount,
      offset: query.offset,
      limit: query.limit,
    };
    res.json(page);
  });

  router.get('/v1/slos/:namespace/:name', async (req, res) => {
    const credentials = await requireReader(ctx, req);
    const ref = stringifyEntityRef({ kind: 'slo', ...req.params });
    await assertVisible(ctx, credentials, ref);
    const status = await ctx.statusStore.get(ref);
    if (!status) {
      throw new NotFoundError(
        `No status for ${ref}: it is not an SLO entity in the catalog, or has not been evaluated yet`,
      );
    }
    res.json(status);
  });

  router.get('/v1/slos/:namespace/:name/history', async (req, res) => {
    const credentials = await requireReader(ctx, req);
    const ref = stringifyEntityRef({ kind: 'slo', ...req.params });
    const query = parseInput(historyQuery, req.query, 'query');
    const to = query.to ?? ctx.clock();
    const from = query.from ?? to - 7 * 86_400_000;
    if (from >= to) throw new InputError('from must be before to');
    const step = query.step ?? Math.max(60_000, Math.ceil((to - from) / 500));
    if ((to - from) / step > MAX_HISTORY_POINTS) {
      throw new InputError(
        `step: ${step} gives more than ${MAX_HISTORY_POINTS} points between from and to; use a larger step`,
      );
    }
    await assertVisible(ctx, credentials, ref);
    const [record] = (await ctx.sloCatalog.lookup([ref])).values();
    if (!record)
      throw new NotFoundError(`${ref} is not an SLO entity in the catalog`);
    const source = record.sourceType
      ? ctx.sources.get(record.sourceType)
      : undefined;
    const [points, deployments] = await Promise.all([
      source
        ? historySeries(record, source, { start: from, end: to, stepMs: step })
        : ctx.statusStore.history(ref, { start: from, end: to }),
      record.serviceRef
        ? ctx.deploymentStore.markers([record.serviceRef], { from, to })
        : [],
    ]);
    res.json({ slo: ref, from, to, step, points, deployments });
  });

  router.post('/v1/evaluations', async (req, res) => {
    await requireServiceWrite(ctx, req, reliabilityEvaluationRunPermission);
    const cycle = await ctx.evaluator.runCycle();
    const deploymentImpacts = await ctx.impacts.runCycle(ctx.clock());
    ctx.summaries.clear();
    if (cycle.catalogError) {
      throw new ServiceUnavailableError(
        `${cycle.catalogError}; the last status of ${cycle.stale} SLOs is kept, marked stale`,
      );
    }
    res.json({ ...cycle, deploymentImpacts });
  });

  // Read from the stored statuses, so every replica gives the same answer.
  router.get('/v1/evaluations/status', async (req, res) => {
    await requireReader(ctx, req);
    const overview = await ctx.statusStore.overview();
    res.json({
      slos: overview.slos,
      fresh: overview.slos - overview.stale,
      stale: overview.stale,
      staleByReason: {
        sourceError: overview.stale - overview.catalogUnavailable,
        catalogUnavailable: overview.catalogUnavailable,
      },
      lastCheckedAt: overview.lastCheckedAt,
    });
  });

  return router;
}
