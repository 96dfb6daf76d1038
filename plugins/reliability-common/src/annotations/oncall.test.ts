import {
  parseOpsgenieTeamAnnotation,
  parsePagerDutyServiceIdAnnotation,
} from './oncall';

describe('parsePagerDutyServiceIdAnnotation', () => {
  it('accepts an ID', () => {
    expect(parsePagerDutyServiceIdAnnotation(' PABC123 ')).toEqual({
      ok: true,
      value: 'PABC123',
    });
  });

  it('rejects names and URLs, hinting at case', () => {
    expect(
      parsePagerDutyServiceIdAnnotation('https://acme.pagerduty.com/x'),
    ).toEqual({
      ok: false,
      message:
        'pagerduty.com/service-id: expected a PagerDuty service ID such as PABC123 (the ID, not the service name or URL), got "https://acme.pagerduty.com/x"',
    });
    const lower = parsePagerDutyServiceIdAnnotation('pabc123');
    expect(!lower.ok && lower.message).toMatch(/upper-case\)$/);
  });
});

describe('parseOpsgenieTeamAnnotation', () => {
  it('accepts a name and rejects an empty one', () => {
    expect(parseOpsgenieTeamAnnotation('Payments')).toEqual({
      ok: true,
      value: 'Payments',
    });
    expect(parseOpsgenieTeamAnnotation('  ')).toEqual({
      ok: false,
      message: 'opsgenie.com/team: expected an Opsgenie team name, got "  "',
    });
  });
});
