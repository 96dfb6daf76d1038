import { InputError } from '@backstage/errors';
import {
  DeploymentIngestResult,
  DeploymentPage,
  doraMetrics,
  DoraReport,
} from '@reliability-kit/plugin-reliability-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { requireServiceWrite } from '../service/authorize';
import { ReliabilityContext } from '../service/context';
import { parseInput } from '../service/validateQuery';
import { requireVisibleEntity } from '../service/visibleEntities';
import { reliabilityDeploymentsCreatePermission } from '../sli/permissions';
import { parseDeploymentRequest } from './parseDeploymentEvents';

const DAY = 86_400_000;

const pageQuery = z
  .object({
    environment: z.string().min(1).max(100).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

const doraQuery = z
  .object({
    environment: z.string().min(1).max(100).default('production'),
    days: z.coerce.number().int().min(1).max(365).default(90),
  })
  .strict();

/** Deployment ingestion, history and DORA keys. */
export function deploymentRoutes(ctx: ReliabilityContext) {
  const router = Router();

  router.post('/v1/deployments', async (req, res) => {
    await requireServiceWrite(ctx, req, reliabilityDeploymentsCreatePermission);
    const { deployments, entityPaths } = parseDeploymentRequest(req.body);
    const missing = await ctx.knownEntities.missing(
      deployments.map(d => d.entity),
    );
    if (missing.length) {
      const listed = missing.slice(0, 10).map(ref => {
        const paths = entityPaths.get(ref) ?? ['entity'];
        const more = paths.length > 1 ? ` and ${paths.length - 1} more` : '';
        return `${paths[0]}${more}: ${ref} not found in the catalog`;
      });
      const moreRefs =
        missing.length > 10 ? `; and ${missing.length - 10} more` : '';
      throw new InputError(
        `Invalid deployment: ${listed.join(
          '; ',
        )}${moreRefs}; register the entity first or fix the ref`,
      );
    }
    const result: DeploymentIngestResult = await ctx.deploymentStore.upsert(
      deployments,
      ctx.clock(),
    );
    ctx.summaries.invalidate(deployments.map(d => d.entity));
    res.status(200).json(result);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/deployments',
    async (req, res) => {
      const { ref: entity } = await requireVisibleEntity(ctx, req);
      const query = parseInput(pageQuery, req.query, 'query');
      const { items, totalCount } = await ctx.deploymentStore.page(
        entity,
        query,
      );
      const page: DeploymentPage = {
        items,
        totalCount,
        offset: query.offset,
        limit: query.limit,
      };
      res.json(page);
    },
  );

  router.get('/v1/entities/:kind/:namespace/:name/dora', async (req, res) => {
    const { ref: entity } = await requireVisibleEntity(ctx, req);
    const query = parseInput(doraQuery, req.query, 'query');
    const to = ctx.clock();
    const from = to - query.days * DAY;
    const records = await ctx.deploymentStore.records([entity], {
      from,
      to,
      environment: query.environment,
    });
    const report: DoraReport = {
      entity,
      environment: query.environment,
      from,
      to,
      ...doraMetrics(records.get(entity) ?? [], {
        window: { start: from, end: to },
        environment: query.environment,
      }),
    };
    res.json(report);
  });

  return router;
}
