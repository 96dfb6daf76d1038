import { stringifyEntityRef } from '@backstage/catalog-model';
import { Request } from 'express';
import { z } from 'zod';
import { parseInput } from './validateQuery';

const entityParams = z.object({
  kind: z.string().min(1).max(100),
  namespace: z.string().min(1).max(100),
  name: z.string().min(1).max(255),
});

/** The entity ref of a `/v1/entities/:kind/:namespace/:name/...` route. */
export function entityRefOf(req: Request): string {
  return stringifyEntityRef(parseInput(entityParams, req.params, 'path'));
}
