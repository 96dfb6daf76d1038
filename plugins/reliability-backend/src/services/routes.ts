import { ServiceReliabilityPage } from '@reliability-kit/plugin-reliability-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { requireReader } from '../service/authorize';
import { ReliabilityContext } from '../service/context';
import { listParam, parseInput } from '../service/validateQuery';
import {
  requireVisibleEntity,
  visibleRefsFilter,
} from '../service/visibleEntities';
import { queryServiceRows, serviceRows } from './serviceRows';

const STATUSES = ['healthy', 'warning', 'breaching', 'exhausted', 'no-data'];

const lowerList = listParam.transform(values =>
  values?.map(v => v.toLocaleLowerCase('en-US')),
);

const servicesQuery = z
  .object({
    owner: lowerList,
    system: lowerList,
    domain: lowerList,
    tier: lowerList,
    type: listParam,
    status: listParam.refine(
      values => !values || values.every(v => STATUSES.includes(v)),
      { message: `expected any of ${STATUSES.join(', ')}` },
    ),
    q: z.string().max(200).optional(),
    order: z.enum(['risk', 'name', 'budget']).default('risk'),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** The service list of the Reliability page and the entity summary. */
export function serviceRoutes(ctx: ReliabilityContext) {
  const router = Router();

  router.get('/v1/services', async (req, res) => {
    const credentials = await requireReader(ctx, req);
    const query = parseInput(servicesQuery, req.query, 'query');
    const [services, headlines, visible] = await Promise.all([
      ctx.serviceCatalog.list(),
      ctx.statusStore.headlines(),
      visibleRefsFilter(ctx, credentials),
    ]);
    // The list is read with the plugin's credentials and shared; each caller
    // sees the components it may read, facets included.
    const shown = visible && (await visible(services.map(s => s.ref)));
    const { items, totalCount, facets } = queryServiceRows(
      serviceRows(
        shown ? services.filter(s => shown.has(s.ref)) : services,
        headlines,
      ),
      query,
    );
    const latest = new Map(
      (
        await ctx.deploymentStore.latest(
          items.map(i => i.entity),
          false,
        )
      ).map(d => [d.entity, d]),
    );
    const page: ServiceReliabilityPage = {
      items: items.map(row => {
        const d = latest.get(row.entity);
        return d
          ? {
              ...row,
              lastDeployment: {
                id: d.id,
                environment: d.environment,
                status: d.status,
                version: d.version,
                startedAt: d.startedAt,
                finishedAt: d.finishedAt,
              },
            }
          : row;
      }),
      totalCount,
      offset: query.offset,
      limit: query.limit,
      facets,
    };
    res.json(page);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/summary',
    async (req, res) => {
      const { ref } = await requireVisibleEntity(ctx, req);
      res.json(await ctx.summaries.get(ref));
    },
  );

  return router;
}
