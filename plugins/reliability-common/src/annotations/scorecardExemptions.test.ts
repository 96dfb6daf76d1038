import {
  isScorecardExemptionActive,
  parseScorecardExemptionsAnnotation as parse,
} from './scorecardExemptions';

const PREFIX = 'reliability/scorecard-exemptions: ';

describe('parseScorecardExemptionsAnnotation', () => {
  it('parses lines and semicolons, with and without end dates', () => {
    expect(
      parse(
        'has-runbook: runbook is being written (until 2025-06-30)\n' +
          'slo-defined: batch job, no user-facing SLO; oncall/paging: team pager (until 2024-02-29)\n',
      ),
    ).toEqual({
      ok: true,
      value: [
        {
          checkId: 'has-runbook',
          reason: 'runbook is being written',
          until: '2025-06-30',
        },
        { checkId: 'slo-defined', reason: 'batch job, no user-facing SLO' },
        { checkId: 'oncall/paging', reason: 'team pager', until: '2024-02-29' },
      ],
    });
  });

  it.each([
    [
      '',
      `expected entries like "has-runbook: runbook is being written (until 2025-06-30)", one per line or separated by ;, got nothing`,
    ],
    [
      'has-runbook',
      `expected entries like "has-runbook: runbook is being written (until 2025-06-30)", one per line or separated by ;, got "has-runbook"`,
    ],
    [
      'has-runbook:',
      'has-runbook: a reason is required, as in "has-runbook: why"',
    ],
    [
      'has-runbook: soon (until 2025-02-30)',
      'has-runbook: expected (until YYYY-MM-DD) with a real date, got "2025-02-30"',
    ],
    [
      'has-runbook: soon (until next week)',
      'has-runbook: expected (until YYYY-MM-DD) with a real date, got "next week"',
    ],
    ['a: x; a: y', 'a is listed twice'],
  ])('rejects %p', (value, message) => {
    expect(parse(value)).toEqual({ ok: false, message: PREFIX + message });
  });
});

describe('isScorecardExemptionActive', () => {
  const exemption = { checkId: 'x', reason: 'y', until: '2025-06-30' };

  it('lasts through the until day (UTC)', () => {
    expect(
      isScorecardExemptionActive(exemption, Date.UTC(2025, 5, 30, 23, 59)),
    ).toBe(true);
    expect(
      isScorecardExemptionActive(exemption, new Date(Date.UTC(2025, 6, 1))),
    ).toBe(false);
  });

  it('never ends without a date', () => {
    expect(
      isScorecardExemptionActive({ checkId: 'x', reason: 'y' }, 8e15),
    ).toBe(true);
  });
});
