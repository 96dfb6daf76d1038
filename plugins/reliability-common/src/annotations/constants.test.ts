import * as c from './constants';

describe('annotation keys', () => {
  it('are the documented strings', () => {
    expect([
      c.ANNOTATION_RELIABILITY_TIER,
      c.ANNOTATION_ERROR_BUDGET_POLICY,
      c.ANNOTATION_SLO_RUNBOOK,
      c.ANNOTATION_SCORECARD_EXEMPTIONS,
      c.ANNOTATION_DEPLOYMENT_SOURCE,
      c.ANNOTATION_PAGERDUTY_SERVICE_ID,
      c.ANNOTATION_OPSGENIE_TEAM,
    ]).toEqual([
      'reliability/tier',
      'reliability/error-budget-policy',
      'reliability/slo-runbook',
      'reliability/scorecard-exemptions',
      'reliability/deployment-source',
      'pagerduty.com/service-id',
      'opsgenie.com/team',
    ]);
  });
});
