import { NotFoundError } from '@backstage/errors';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ReliabilityContext } from '../service/context';
import { parseInput } from '../service/validateQuery';
import { requireVisibleEntity } from '../service/visibleEntities';

const noQuery = z.object({}).strict();

/** Who owns an entity, how to reach them, and what is wrong with that. */
export function ownershipRoutes(ctx: ReliabilityContext) {
  const router = Router();

  router.get(
    '/v1/entities/:kind/:namespace/:name/ownership',
    async (req, res) => {
      const { ref } = await requireVisibleEntity(ctx, req);
      parseInput(noQuery, req.query, 'query');
      const entity = await ctx.ownership.entity(ref);
      if (!entity) throw new NotFoundError(`${ref} is not in the catalog`);
      const [info] = await ctx.ownership.ownershipOf([entity]);
      res.json(info);
    },
  );

  return router;
}
