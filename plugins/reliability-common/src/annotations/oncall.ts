import { describeValue } from '../util/describeValue';
import {
  ANNOTATION_OPSGENIE_TEAM,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
} from './constants';
import { annotationError, type AnnotationParseResult } from './result';

/**
 * Parses `pagerduty.com/service-id`: upper-case letters and digits, such as
 * `PABC123`.
 *
 * @public
 */
export function parsePagerDutyServiceIdAnnotation(
  value: string,
): AnnotationParseResult<string> {
  const text = String(value).trim();
  if (/^[A-Z0-9]{5,20}$/.test(text)) return { ok: true, value: text };
  const hint = /^[A-Za-z0-9]{5,20}$/.test(text)
    ? ' (service IDs are upper-case)'
    : '';
  return annotationError(
    ANNOTATION_PAGERDUTY_SERVICE_ID,
    `expected a PagerDuty service ID such as PABC123 (the ID, not the service name or URL), got ${describeValue(
      value,
    )}${hint}`,
  );
}

/**
 * Parses `opsgenie.com/team`: the team name, not empty.
 *
 * @public
 */
export function parseOpsgenieTeamAnnotation(
  value: string,
): AnnotationParseResult<string> {
  const text = String(value).trim();
  if (text) return { ok: true, value: text };
  return annotationError(
    ANNOTATION_OPSGENIE_TEAM,
    `expected an Opsgenie team name, got ${describeValue(value)}`,
  );
}
