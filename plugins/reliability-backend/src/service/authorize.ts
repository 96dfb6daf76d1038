import { NotAllowedError } from '@backstage/errors';
import {
  BasicPermission,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { ReliabilityContext } from './context';

/**
 * Writes come from pipelines and monitors: a service principal (such as a
 * static external-access token) whose permission the policy allows.
 */
export async function requireServiceWrite(
  ctx: ReliabilityContext,
  req: Request,
  permission: BasicPermission,
) {
  const credentials = await ctx.httpAuth.credentials(req, {
    allow: ['service'],
  });
  const [decision] = await ctx.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `The permission policy does not allow ${permission.name}`,
    );
  }
  return credentials;
}

/** Reads need a user or a service credential. */
export async function requireReader(ctx: ReliabilityContext, req: Request) {
  return ctx.httpAuth.credentials(req, { allow: ['user', 'service'] });
}
