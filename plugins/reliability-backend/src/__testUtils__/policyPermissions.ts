import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';

/** A permission policy for tests: the decision for one permission and caller. */
export type TestPolicy = (
  permission: Permission,
  credentials: BackstageCredentials,
) => PolicyDecision;

/**
 * The permissions service with a policy evaluated in-process, standing in for
 * the permission backend. Conditional decisions go to the plugin that asked
 * (the catalog turns them into filters with its own rules). Unlike
 * Backstage's permission client, service principals are also asked about, so
 * that a test can deny a write to a service (in production, the
 * `accessRestrictions` of an external access token do that).
 */
export function policyPermissionsFactory(policy: TestPolicy) {
  const service: PermissionsService = {
    async authorize(requests, options) {
      return requests.map(({ permission }) => {
        const decision = policy(permission, options.credentials);
        if (decision.result === AuthorizeResult.CONDITIONAL) {
          throw new Error(
            `The test policy answered CONDITIONAL for ${permission.name}, asked through authorize()`,
          );
        }
        return decision;
      });
    },
    async authorizeConditional(requests, options) {
      return requests.map(({ permission }) =>
        policy(permission, options.credentials),
      );
    },
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => service,
  });
}
