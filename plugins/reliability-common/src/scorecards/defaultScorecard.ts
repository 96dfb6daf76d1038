import { SCORECARD_FACTS as F } from './facts';
import type { ScorecardDefinition } from './types';

/**
 * Id of the production-readiness scorecard that works with no configuration.
 *
 * @public
 */
export const DEFAULT_SCORECARD_ID = 'production-readiness';

/**
 * The production-readiness scorecard: bronze (owned and described), silver
 * (SLOs, runbook, on-call), gold (SLOs met, fresh runbook, shipping safely).
 * Critical and high-tier services need an escalation contact for silver and
 * a change failure rate of at most 10 % for gold.
 *
 * @public
 */
export const DEFAULT_SCORECARD: ScorecardDefinition = {
  id: DEFAULT_SCORECARD_ID,
  title: 'Production readiness',
  description:
    'Is the service owned, observable and safe to change? Bronze: someone owns it. Silver: it has SLOs, a runbook and on-call. Gold: it meets its SLOs and ships safely.',
  appliesTo: { kind: ['Component'], type: ['service', 'website'] },
  levels: [
    {
      id: 'bronze',
      title: 'Bronze',
      description: 'Someone owns it and people can tell what it is.',
      checks: [
        {
          id: 'owner-is-team',
          title: 'Owned by a team that exists',
          fact: F.ownerIsTeam,
          operator: 'equal',
          threshold: true,
          howToFix:
            'Set spec.owner to a Group registered in the catalog. People change roles; teams keep ownership.',
          snippet: 'spec:\n  owner: group:default/payments',
        },
        {
          id: 'lifecycle-set',
          title: 'Lifecycle set',
          fact: F.hasLifecycle,
          operator: 'equal',
          threshold: true,
          howToFix:
            'Set spec.lifecycle to experimental, production or deprecated.',
          snippet: 'spec:\n  lifecycle: production',
        },
        {
          id: 'description-set',
          title: 'Description set',
          fact: F.hasDescription,
          operator: 'equal',
          threshold: true,
          howToFix:
            'Say in one sentence what the service does, for whoever is paged for it.',
          snippet:
            'metadata:\n  description: Takes card payments for the shop checkout.',
        },
      ],
    },
    {
      id: 'silver',
      title: 'Silver',
      description: 'It is measured, documented and someone can be paged.',
      checks: [
        {
          id: 'has-slo',
          title: 'At least one SLO',
          fact: F.sloCount,
          operator: 'greaterThanInclusive',
          threshold: 1,
          howToFix:
            'Add an OpenSLO SLO document whose spec.service names this component (see docs/annotations.md).',
          snippet:
            'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: my-service-availability\nspec:\n  service: my-service\n  budgetingMethod: Occurrences\n  timeWindow:\n    - duration: 28d\n      isRolling: true\n  objectives:\n    - target: 0.999\n  indicator:\n    metadata:\n      name: my-service-good-requests\n    spec:\n      ratioMetric:\n        good:\n          metricSource:\n            type: BuiltIn\n            spec: {}\n        total:\n          metricSource:\n            type: BuiltIn\n            spec: {}',
        },
        {
          id: 'has-runbook',
          title: 'A runbook link',
          fact: F.runbookCount,
          operator: 'greaterThanInclusive',
          threshold: 1,
          howToFix:
            'Add a link of type runbook to metadata.links; a markdown file in the repository is rendered in the portal.',
          snippet:
            'metadata:\n  links:\n    - url: https://github.com/acme/my-service/blob/main/docs/runbook.md\n      title: Runbook\n      type: runbook',
        },
        {
          id: 'has-oncall',
          title: 'An on-call or escalation contact',
          fact: F.hasOnCall,
          operator: 'equal',
          threshold: true,
          howToFix:
            'Add a link of type oncall or escalation to the owning group, or a pagerduty.com/service-id or opsgenie.com/team annotation to the component.',
          snippet:
            'metadata:\n  annotations:\n    pagerduty.com/service-id: PABC123',
        },
        {
          id: 'has-escalation',
          title: 'An escalation path (critical and high tiers)',
          fact: F.hasEscalation,
          operator: 'equal',
          threshold: true,
          tiers: ['critical', 'high'],
          howToFix:
            'Critical services need a way past the first responder: add a link of type escalation to the owning group.',
          snippet:
            'metadata:\n  links:\n    - url: https://acme.pagerduty.com/escalation_policies/P123\n      title: Escalation\n      type: escalation',
        },
      ],
    },
    {
      id: 'gold',
      title: 'Gold',
      description:
        'It meets its SLOs, keeps its runbook current and ships safely.',
      checks: [
        {
          id: 'slos-met',
          title: 'All SLOs meet their objective over their window',
          fact: F.slosMeetObjective,
          operator: 'equal',
          threshold: true,
          howToFix:
            'Open the Reliability tab: the SLOs that breach their objective show the burn rate and the deployments around it.',
        },
        {
          id: 'no-budget-exhausted',
          title: 'No error budget exhausted',
          fact: F.slosExhausted,
          operator: 'equal',
          threshold: 0,
          howToFix:
            'Follow the error budget policy: freeze risky releases and spend the time on reliability work until the budget recovers.',
        },
        {
          id: 'runbook-fresh',
          title: 'Runbook reviewed within 180 days',
          fact: F.runbookDaysSinceReview,
          operator: 'lessThanInclusive',
          threshold: 180,
          howToFix:
            'Walk through the runbook, fix what changed, and record the review in its front matter. Runbooks that are plain links have no review date: use a markdown file.',
          snippet: '---\nlast_reviewed: 2026-11-24\n---',
        },
        {
          id: 'deployed-recently',
          title: 'Deployed to production within 30 days',
          fact: F.daysSinceDeploy,
          operator: 'lessThanInclusive',
          threshold: 30,
          howToFix:
            'Ship small changes often, and report deployments from CI with POST /api/reliability/v1/deployments (docs/pipelines.md).',
        },
        {
          id: 'change-failure-rate',
          title: 'Change failure rate at most 15 % over 90 days',
          fact: F.changeFailureRate90d,
          operator: 'lessThanInclusive',
          threshold: 0.15,
          howToFix:
            'Look at the failed and rolled-back deployments on the Reliability tab; canaries and smaller changes lower the rate.',
        },
        {
          id: 'change-failure-rate-critical',
          title: 'Change failure rate at most 10 % (critical and high tiers)',
          fact: F.changeFailureRate90d,
          operator: 'lessThanInclusive',
          threshold: 0.1,
          tiers: ['critical', 'high'],
          howToFix:
            'Critical services are held to the DORA "high" band: roll out behind canaries and feature flags.',
        },
      ],
    },
  ],
};
