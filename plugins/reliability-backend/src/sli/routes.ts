import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { SliEventBatchResult } from '@reliability-kit/plugin-reliability-common';
import Router from 'express-promise-router';
import { requireServiceWrite } from '../service/authorize';
import { ReliabilityContext } from '../service/context';
import { parseSliEventBatch, ParsedSliEvent } from './parseSliEventBatch';
import { reliabilitySliEventsCreatePermission } from './permissions';
import { toBucketCounts } from './toBucketCounts';

function normaliseSloRef(slo: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(slo, {
        defaultKind: 'slo',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return slo;
  }
}

/** `POST /v1/sli-events`: the built-in SLI store's ingestion. */
export function sliRoutes(ctx: ReliabilityContext) {
  const router = Router();
  router.post('/v1/sli-events', async (req, res) => {
    await requireServiceWrite(ctx, req, reliabilitySliEventsCreatePermission);
    const batch = parseSliEventBatch(req.body);
    // A batch names few SLOs many times: normalise each name once.
    const refs = new Map<string, string>();
    const sloRefOf = (event: ParsedSliEvent) => {
      const known = refs.get(event.slo);
      if (known !== undefined) return known;
      const ref = normaliseSloRef(event.slo);
      refs.set(event.slo, ref);
      return ref;
    };
    const slos = await ctx.sloCatalog.lookup([
      ...new Set(batch.events.map(sloRefOf)),
    ]);
    const now = ctx.clock();
    const counts = toBucketCounts(batch.events, slos, sloRefOf, {
      now,
      retentionMs: ctx.config.retentionMs,
    });
    const { duplicate } = await ctx.sliStore.ingest(
      batch.idempotencyKey,
      counts,
      batch.events.length,
      now,
    );
    const result: SliEventBatchResult = {
      accepted: duplicate ? 0 : batch.events.length,
      duplicate,
    };
    res.status(200).json(result);
  });
  return router;
}
