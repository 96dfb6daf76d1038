import { InputError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import { requireReader, requireServiceWrite } from '../service/authorize';
import { ReliabilityContext } from '../service/context';
import { listParam, parseInput } from '../service/validateQuery';
import {
  requireVisibleEntity,
  visibleRefsFilter,
} from '../service/visibleEntities';
import {
  reliabilityEvaluationRunPermission,
  reliabilityScorecardsRefreshPermission,
} from '../sli/permissions';
import { resultsToCsv, resultsToJson } from './exportResults';
import { ScorecardEvaluator } from './ScorecardEvaluator';
import { ScorecardRegistry } from './ScorecardRegistry';
import { ScorecardScope, ScorecardService } from './ScorecardService';
import { StoredScorecardResult } from './resultRows';
import { Request } from 'express';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError, NotFoundError } from '@backstage/errors';

/** What the scorecard routes need beyond the shared context. */
export interface ScorecardFeature {
  registry: ScorecardRegistry;
  service: ScorecardService;
  evaluator: ScorecardEvaluator;
}

const entityRef = z
  .string()
  .regex(
    /^[^:\s]+:[^/\s]+\/\S+$/,
    'expected an entity ref such as group:default/payments',
  );

const scopeQuery = z
  .object({
    scope: z.enum(['all', 'team', 'system', 'domain']).default('all'),
    ref: entityRef.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.scope !== 'all' && !value.ref) {
      ctx.addIssue({
        code: 'custom',
        path: ['ref'],
        message: `required when scope is ${value.scope}`,
      });
    }
  });

const trendQuery = z
  .object({
    scope: z.enum(['all', 'team', 'system', 'domain']).default('all'),
    ref: entityRef.optional(),
    days: z.coerce.number().int().min(1).max(400).default(90),
  })
  .strict();

const noQuery = z.object({}).strict();

/** Keeps the results the caller may read in the catalog. */
async function visibleResults(
  ctx: ReliabilityContext,
  req: Request,
  results: StoredScorecardResult[],
) {
  const credentials = await requireReader(ctx, req);
  const filter = await visibleRefsFilter(ctx, credentials);
  if (!filter) return results;
  const visible = await filter(results.map(r => r.entity));
  return results.filter(r => visible.has(r.entity));
}

/** Scorecards: definitions, entity grades, rollups, trends and exports. */
export function scorecardRoutes(ctx: ReliabilityContext) {
  const router = Router();
  const { registry, service, evaluator } = ctx.scorecards;

  router.get('/v1/scorecards', async (req, res) => {
    await requireReader(ctx, req);
    parseInput(noQuery, req.query, 'query');
    res.json({ items: registry.list() });
  });

  router.post('/v1/scorecards/evaluations', async (req, res) => {
    await requireServiceWrite(ctx, req, reliabilityEvaluationRunPermission);
    res.json(await evaluator.runAll());
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/scorecards',
    async (req, res) => {
      const { ref, credentials } = await requireVisibleEntity(ctx, req);
      parseInput(noQuery, req.query, 'query');
      const entity = await ctx.catalog.getEntityByRef(ref, { credentials });
      if (!entity) throw new NotFoundError(`${ref} is not in the catalog`);
      res.json(await service.forEntity(entity, ref));
    },
  );

  router.post(
    '/v1/entities/:kind/:namespace/:name/scorecards/refresh',
    async (req, res) => {
      const { ref, credentials } = await requireVisibleEntity(ctx, req);
      const [decision] = await ctx.permissions.authorize(
        [{ permission: reliabilityScorecardsRefreshPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `The permission policy does not allow ${reliabilityScorecardsRefreshPermission.name}`,
        );
      }
      await evaluator.runOne(ref);
      const entity = await ctx.catalog.getEntityByRef(ref, { credentials });
      if (!entity) throw new NotFoundError(`${ref} is not in the catalog`);
      res.json(await service.forEntity(entity, ref));
    },
  );

  router.get('/v1/scorecards/:id/rollup', async (req, res) => {
    const card = registry.get(req.params.id);
    const query = parseInput(scopeQuery, req.query, 'query');
    const scope: ScorecardScope = { type: query.scope, ref: query.ref };
    const rollup = await service.rollup(card.id, scope, rows =>
      visibleResults(ctx, req, rows),
    );
    res.json(rollup);
  });

  router.get('/v1/scorecards/:id/leaderboard', async (req, res) => {
    const card = registry.get(req.params.id);
    const { by } = parseInput(
      z
        .object({ by: z.enum(['team', 'system', 'domain']).default('team') })
        .strict(),
      req.query,
      'query',
    );
    res.json(
      await service.leaderboard(card.id, by, rows =>
        visibleResults(ctx, req, rows),
      ),
    );
  });

  router.get('/v1/scorecards/:id/trend', async (req, res) => {
    await requireReader(ctx, req);
    const card = registry.get(req.params.id);
    const query = parseInput(trendQuery, req.query, 'query');
    parseInput(scopeQuery, { scope: query.scope, ref: query.ref }, 'query');
    res.json(
      await service.trend(
        card.id,
        { type: query.scope, ref: query.ref },
        query.days,
      ),
    );
  });

  router.get('/v1/scorecards/:id/levels', async (req, res) => {
    const credentials = await requireReader(ctx, req);
    const card = registry.get(req.params.id);
    const { entity } = parseInput(
      z.object({ entity: listParam }).strict(),
      req.query,
      'query',
    );
    const refs = (entity ?? []).map(e => e.toLocaleLowerCase('en-US'));
    if (refs.length > 200) {
      throw new InputError(
        `Invalid query: entity: at most 200 entities per request, got ${refs.length}`,
      );
    }
    const filter = await visibleRefsFilter(ctx, credentials);
    const visible = filter ? [...(await filter(refs))] : refs;
    res.json(await service.levels(card.id, visible));
  });

  router.get('/v1/scorecards/:id/export', async (req, res) => {
    const card = registry.get(req.params.id);
    const { format, ...query } = parseInput(
      z
        .object({
          format: z.enum(['csv', 'json']).default('csv'),
          scope: z.enum(['all', 'team', 'system', 'domain']).default('all'),
          ref: entityRef.optional(),
        })
        .strict(),
      req.query,
      'query',
    );
    parseInput(scopeQuery, query, 'query');
    const scope: ScorecardScope = { type: query.scope, ref: query.ref };
    const results = await visibleResults(
      ctx,
      req,
      await service.results(card.id, scope),
    );
    const name = `${card.id}-${
      scope.type === 'all'
        ? 'all'
        : scope.ref!.replace(/[^A-Za-z0-9._-]+/g, '-')
    }`;
    res.setHeader(
      'content-disposition',
      `attachment; filename="${name}.${format}"`,
    );
    if (format === 'csv') {
      res.type('text/csv').send(resultsToCsv(card, results));
    } else {
      res.json(resultsToJson(card, results));
    }
  });

  return router;
}
