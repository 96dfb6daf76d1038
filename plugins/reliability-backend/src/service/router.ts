import Router from 'express-promise-router';
import { deploymentRoutes } from '../deployments/routes';
import { AnnotationsOf } from '../gate/computeReleaseGate';
import { gateRoutes } from '../gate/routes';
import { ownershipRoutes } from '../ownership/routes';
import { rulesRoutes } from '../rules/routes';
import { scorecardRoutes } from '../scorecards/routes';
import { runbookRoutes } from '../runbooks/routes';
import { serviceRoutes } from '../services/routes';
import { sliRoutes } from '../sli/routes';
import { sloRoutes } from '../slo/routes';
import { ReliabilityContext } from './context';
import { jsonBody } from './jsonBody';

/** Limit of a request body: 10,000 events fit well within it. */
export const BODY_LIMIT = '5mb';

/**
 * The plugin's HTTP API, mounted at /api/reliability. Thrown errors are
 * turned into responses by the backend's error handler (InputError is 400).
 */
export function createRouter(
  ctx: ReliabilityContext,
  annotationsOf: AnnotationsOf,
) {
  const router = Router();
  // 413 over the limit, 415 for non-JSON bodies, 400 for invalid JSON.
  router.use(jsonBody(BODY_LIMIT));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(sliRoutes(ctx));
  router.use(sloRoutes(ctx));
  router.use(gateRoutes(ctx, annotationsOf));
  router.use(rulesRoutes(ctx));
  router.use(deploymentRoutes(ctx));
  router.use(serviceRoutes(ctx));
  router.use(ownershipRoutes(ctx));
  router.use(runbookRoutes(ctx));
  router.use(scorecardRoutes(ctx));
  return router;
}
