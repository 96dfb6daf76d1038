import Router from 'express-promise-router';
import { z } from 'zod';
import { ReliabilityContext } from '../service/context';
import { parseInput } from '../service/validateQuery';
import { requireVisibleEntity } from '../service/visibleEntities';
import { AnnotationsOf, computeReleaseGate } from './computeReleaseGate';

/** Environment names as pipelines write them. */
const environmentSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, {
    message: 'expected a name of letters, digits, ".", "_" or "-"',
  });

const gateQuery = z
  .object({ environment: environmentSchema.default('production') })
  .strict();

/** `GET /v1/entities/:kind/:namespace/:name/release-gate`. */
export function gateRoutes(
  ctx: ReliabilityContext,
  annotationsOf: AnnotationsOf,
) {
  const router = Router();
  router.get(
    '/v1/entities/:kind/:namespace/:name/release-gate',
    async (req, res) => {
      // An entity the catalog does not have (for this caller) is a 404, not
      // an "allow" without SLOs.
      const { ref } = await requireVisibleEntity(ctx, req);
      const { environment } = parseInput(gateQuery, req.query, 'query');
      res.json(await computeReleaseGate(ctx, annotationsOf, ref, environment));
    },
  );
  return router;
}
