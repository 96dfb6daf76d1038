import Router from 'express-promise-router';
import { requireReader } from '../service/authorize';
import { ReliabilityContext } from '../service/context';
import { filterVisible } from '../service/visibleEntities';
import { exportPrometheusRules } from './exportPrometheusRules';

/** `GET /v1/rules/prometheus`: recording and alert rules as a rule file. */
export function rulesRoutes(ctx: ReliabilityContext) {
  const router = Router();
  router.get('/v1/rules/prometheus', async (req, res) => {
    const credentials = await requireReader(ctx, req);
    const records = await ctx.sloCatalog.list();
    const visible = await filterVisible(
      ctx,
      credentials,
      records.map(r => r.ref),
    );
    const result = exportPrometheusRules(
      records
        .filter(r => r.serviceRef && visible.has(r.ref))
        .map(r => ({
          entity: r.entity,
          slo: r.slo,
          serviceRef: r.serviceRef!,
        })),
    );
    if (result.skipped.length) {
      res.setHeader(
        'X-Reliability-Skipped-Slos',
        String(result.skipped.length),
      );
    }
    res.type('application/yaml').send(result.yaml);
  });
  return router;
}
