import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_DEPLOYMENT_SOURCE,
  ANNOTATION_ERROR_BUDGET_POLICY,
  ANNOTATION_OPSGENIE_TEAM,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  ANNOTATION_RELIABILITY_TIER,
  ANNOTATION_SCORECARD_EXEMPTIONS,
  ANNOTATION_SLO_OWNER,
  ANNOTATION_SLO_RUNBOOK,
  parseDeploymentSourceAnnotation,
  parseErrorBudgetPolicyAnnotation,
  parseOpsgenieTeamAnnotation,
  parsePagerDutyServiceIdAnnotation,
  parseScorecardExemptionsAnnotation,
  parseSloRunbookAnnotation,
  parseTierAnnotation,
  RELIABILITY_LINK_TYPES,
} from '@reliability-kit/plugin-reliability-common';
import { quoted } from './refs';

type Parser = (value: string) => { ok: true } | { ok: false; message: string };

function parseOwnerAnnotation(value: string) {
  try {
    parseEntityRef(value, { defaultKind: 'group' });
    return { ok: true as const };
  } catch {
    return {
      ok: false as const,
      message: `${ANNOTATION_SLO_OWNER}: expected an owner such as "sre" or "group:default/sre", got ${quoted(
        value,
      )}`,
    };
  }
}

const PARSERS: Record<string, Parser> = {
  [ANNOTATION_RELIABILITY_TIER]: parseTierAnnotation,
  [ANNOTATION_ERROR_BUDGET_POLICY]: parseErrorBudgetPolicyAnnotation,
  [ANNOTATION_SLO_RUNBOOK]: parseSloRunbookAnnotation,
  [ANNOTATION_SCORECARD_EXEMPTIONS]: parseScorecardExemptionsAnnotation,
  [ANNOTATION_DEPLOYMENT_SOURCE]: parseDeploymentSourceAnnotation,
  [ANNOTATION_PAGERDUTY_SERVICE_ID]: parsePagerDutyServiceIdAnnotation,
  [ANNOTATION_OPSGENIE_TEAM]: parseOpsgenieTeamAnnotation,
  [ANNOTATION_SLO_OWNER]: parseOwnerAnnotation,
};

const CONTACT_LINK_TYPES = new Set<string>(
  Object.values(RELIABILITY_LINK_TYPES),
);

/**
 * Everything wrong with the reliability annotations and reliability links
 * (runbook, chat, on-call, escalation) of an entity, one sentence each,
 * naming the annotation or link, the value and what was expected.
 */
export function annotationProblems(entity: Entity): string[] {
  const problems: string[] = [];
  const annotations = entity.metadata.annotations ?? {};
  for (const [key, parse] of Object.entries(PARSERS)) {
    const value = annotations[key];
    if (value === undefined) continue;
    const result = parse(value);
    if (!result.ok) problems.push(result.message);
  }
  (entity.metadata.links ?? []).forEach((link, index) => {
    // Case-insensitive, as the backend reads them (`Runbook` is a runbook).
    if (!link.type || !CONTACT_LINK_TYPES.has(link.type.toLowerCase())) return;
    if (!/^https?:\/\//i.test(link.url) && !/^mailto:/i.test(link.url)) {
      problems.push(
        `metadata.links[${index}] (type ${
          link.type
        }): expected an http(s) or mailto: URL, got ${quoted(link.url)}`,
      );
    }
  });
  return problems;
}
