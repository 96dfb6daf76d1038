// The Tech Insights side of the benchmark: which fact retrievers run and the
// json-rules-engine checks that stand for the production-readiness
// scorecard's checks. Only the bronze and silver checks can be written
// against catalog facts; the gold ones need SLO statuses, deployments and
// the runbooks' review dates, which no Tech Insights retriever reads.

/** Our check id → the Tech Insights check that stands for it. */
export const TI_CHECKS = {
  ownerIsTeam: {
    ours: 'owner-is-team',
    type: 'json-rules-engine',
    name: 'Owned by a group',
    description:
      'Built-in fact: spec.owner is set and is not a user (it does not check that the group exists)',
    factIds: ['entityOwnershipFactRetriever'],
    rule: {
      conditions: {
        all: [{ fact: 'hasGroupOwner', operator: 'equal', value: true }],
      },
    },
  },
  lifecycleSet: {
    ours: 'lifecycle-set',
    type: 'json-rules-engine',
    name: 'Lifecycle set',
    description: 'spec.lifecycle is set',
    factIds: ['reliabilityFactRetriever'],
    rule: {
      conditions: {
        all: [{ fact: 'hasLifecycle', operator: 'equal', value: true }],
      },
    },
  },
  descriptionSet: {
    ours: 'description-set',
    type: 'json-rules-engine',
    name: 'Description set',
    description: 'Built-in fact: metadata.description is set',
    factIds: ['entityMetadataFactRetriever'],
    rule: {
      conditions: {
        all: [{ fact: 'hasDescription', operator: 'equal', value: true }],
      },
    },
  },
  hasSlo: {
    ours: 'has-slo',
    type: 'json-rules-engine',
    name: 'At least one SLO',
    description: 'An SLO entity names the component in spec.service',
    factIds: ['reliabilityFactRetriever'],
    rule: {
      conditions: {
        all: [{ fact: 'sloCount', operator: 'greaterThanInclusive', value: 1 }],
      },
    },
  },
  hasRunbook: {
    ours: 'has-runbook',
    type: 'json-rules-engine',
    name: 'A runbook link',
    description:
      'A metadata.links entry of type runbook, or an SLO of the component with reliability/slo-runbook',
    factIds: ['reliabilityFactRetriever'],
    rule: {
      conditions: {
        all: [
          { fact: 'runbookCount', operator: 'greaterThanInclusive', value: 1 },
        ],
      },
    },
  },
  hasOnCall: {
    ours: 'has-oncall',
    type: 'json-rules-engine',
    name: 'An on-call or escalation contact',
    description:
      'An oncall or escalation link on the owning group or the component, or a PagerDuty or Opsgenie annotation',
    factIds: ['reliabilityFactRetriever'],
    rule: {
      conditions: {
        all: [{ fact: 'hasOnCall', operator: 'equal', value: true }],
      },
    },
  },
  hasEscalation: {
    ours: 'has-escalation',
    type: 'json-rules-engine',
    name: 'An escalation path (critical and high tiers)',
    description:
      'Passes for other tiers: a rule condition, not a check filter (a filter makes Tech Insights read every entity from the catalog again)',
    factIds: ['reliabilityFactRetriever'],
    rule: {
      conditions: {
        any: [
          { fact: 'tier', operator: 'notIn', value: ['critical', 'high'] },
          { fact: 'hasEscalation', operator: 'equal', value: true },
        ],
      },
    },
  },
};

/** Retrievers the checks read; the timed retrieval runs exactly these. */
export const TI_RETRIEVERS = [
  'entityOwnershipFactRetriever',
  'entityMetadataFactRetriever',
  'reliabilityFactRetriever',
];

/** Built-in retriever no check reads; triggered after the timed part. */
export const TI_UNUSED_RETRIEVERS = ['techdocsFactRetriever'];

/** `techInsights` config for the Tech Insights backend. */
export function techInsightsConfig() {
  // A cron that never comes during the run; each retriever still runs once
  // 5 s after start (Tech Insights' initial delay), and the bench triggers
  // the timed run through the scheduler's REST API.
  const retriever = { cadence: '0 0 1 1 *' };
  const factRetrievers = {};
  for (const id of [...TI_RETRIEVERS, ...TI_UNUSED_RETRIEVERS]) {
    factRetrievers[id] = retriever;
  }
  const checks = {};
  for (const [id, { ours: _ours, ...check }] of Object.entries(TI_CHECKS)) {
    checks[id] = check;
  }
  return { factRetrievers, factChecker: { checks } };
}
