import { describeValue } from '../util/describeValue';
import { ANNOTATION_DEPLOYMENT_SOURCE } from './constants';
import { annotationError, type AnnotationParseResult } from './result';

/**
 * Where an entity's deployments are recorded.
 *
 * @public
 */
export interface DeploymentSource {
  /** Lower-case provider name, e.g. `github-actions`, `argocd`. */
  provider: string;
  /** Provider-specific locator, e.g. `acme/checkout/deploy.yml`. */
  target: string;
}

/**
 * Parses `reliability/deployment-source`: `<provider>:<locator>`, e.g.
 * `github-actions:acme/checkout/deploy.yml` or `argocd:checkout-prod`.
 *
 * @remarks
 * The provider is lower-case letters, digits and `-`; the locator is
 * anything without spaces. Which providers exist is up to the backend.
 *
 * @public
 */
export function parseDeploymentSourceAnnotation(
  value: string,
): AnnotationParseResult<DeploymentSource> {
  const text = String(value).trim();
  const match = /^([a-z][a-z0-9-]*):(\S+)$/.exec(text);
  if (match)
    return { ok: true, value: { provider: match[1], target: match[2] } };
  const hint = /^[A-Z]/.test(text) ? ' (the provider is lower-case)' : '';
  return annotationError(
    ANNOTATION_DEPLOYMENT_SOURCE,
    `expected <provider>:<locator> such as github-actions:acme/checkout/deploy.yml, got ${describeValue(
      value,
    )}${hint}`,
  );
}
