import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ReliabilityContext } from '../service/context';
import { parseInput } from '../service/validateQuery';
import { requireVisibleEntity } from '../service/visibleEntities';
import { RUNBOOK_ID_PATTERN } from './resolveRunbookUrl';

const noQuery = z.object({}).strict();
const idParams = z.object({
  id: z.string().regex(RUNBOOK_ID_PATTERN, {
    message: 'expected a runbook id from the runbook list (12 hex digits)',
  }),
});

/** The runbooks of an entity, and one runbook's markdown. */
export function runbookRoutes(ctx: ReliabilityContext) {
  const router = Router();

  const entityOf = async (ref: string) => {
    const entity = await ctx.runbooks.entity(ref);
    if (!entity) throw new NotFoundError(`${ref} is not in the catalog`);
    return entity;
  };

  router.get(
    '/v1/entities/:kind/:namespace/:name/runbooks',
    async (req, res) => {
      const { ref } = await requireVisibleEntity(ctx, req);
      parseInput(noQuery, req.query, 'query');
      res.json(await ctx.runbooks.list(await entityOf(ref)));
    },
  );

  router.get(
    '/v1/entities/:kind/:namespace/:name/runbooks/:id',
    async (req, res) => {
      const { ref } = await requireVisibleEntity(ctx, req);
      const { id } = parseInput(idParams, req.params, 'path');
      parseInput(noQuery, req.query, 'query');
      const document = await ctx.runbooks.document(await entityOf(ref), id);
      if (!document) {
        throw new NotFoundError(`${ref} has no runbook with id ${id}`);
      }
      res.json(document);
    },
  );

  return router;
}
