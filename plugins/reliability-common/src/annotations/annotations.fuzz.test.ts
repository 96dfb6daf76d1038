import fc from 'fast-check';
import {
  ANNOTATION_DEPLOYMENT_SOURCE,
  ANNOTATION_ERROR_BUDGET_POLICY,
  ANNOTATION_OPSGENIE_TEAM,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  ANNOTATION_RELIABILITY_TIER,
  ANNOTATION_SCORECARD_EXEMPTIONS,
  ANNOTATION_SLO_RUNBOOK,
} from './constants';
import { parseDeploymentSourceAnnotation } from './deploymentSource';
import { parseErrorBudgetPolicyAnnotation } from './errorBudgetPolicy';
import {
  parseOpsgenieTeamAnnotation,
  parsePagerDutyServiceIdAnnotation,
} from './oncall';
import { parseScorecardExemptionsAnnotation } from './scorecardExemptions';
import { parseSloRunbookAnnotation } from './sloRunbook';
import { parseTierAnnotation } from './tier';

// Every annotation parser with generated strings, from valid values with one
// character inserted to random unicode and megabyte values: it returns a
// result (never throws), a failure names the annotation and stays short,
// and nothing pollutes Object.prototype.

const PARSERS: Array<
  [string, (value: string) => { ok: boolean; message?: string }, string]
> = [
  [ANNOTATION_RELIABILITY_TIER, parseTierAnnotation, 'critical'],
  [
    ANNOTATION_ERROR_BUDGET_POLICY,
    parseErrorBudgetPolicyAnnotation,
    'block-when-exhausted=true,warn-below=0.25,block-below=0.1',
  ],
  [ANNOTATION_SLO_RUNBOOK, parseSloRunbookAnnotation, './runbooks/x.md'],
  [
    ANNOTATION_SCORECARD_EXEMPTIONS,
    parseScorecardExemptionsAnnotation,
    'has-runbook: being written (until 2026-06-30)\nslo-defined: batch job',
  ],
  [
    ANNOTATION_DEPLOYMENT_SOURCE,
    parseDeploymentSourceAnnotation,
    'github-actions:acme/checkout/deploy.yml',
  ],
  [
    ANNOTATION_PAGERDUTY_SERVICE_ID,
    parsePagerDutyServiceIdAnnotation,
    'PABC123',
  ],
  [ANNOTATION_OPSGENIE_TEAM, parseOpsgenieTeamAnnotation, 'checkout-team'],
];

const NASTY = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202E',
  '\uFEFF',
  '\n',
  ';',
  ',',
  '=',
  ':',
  '(',
  ')',
  '(until ',
  // eslint-disable-next-line no-script-url
  'javascript:',
  '\u0001',
  'NaN',
  '1e309',
  '__proto__',
];
const MEGABYTE = 1 << 20;
const HUGE = [
  ' '.repeat(MEGABYTE),
  `a: x${' '.repeat(MEGABYTE)}x`,
  `x: y ${'(until '.repeat(MEGABYTE / 7)}`,
  `x: (until ${' '.repeat(MEGABYTE)}x`,
  `warn-below=${'9'.repeat(MEGABYTE)}`,
  `${'a,'.repeat(MEGABYTE / 2)}`,
  `https://example.com/${'a'.repeat(MEGABYTE)}`,
];

const values = (valid: string) =>
  fc.oneof(
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...NASTY), fc.nat(valid.length))
        .map(([nasty, at]) => valid.slice(0, at) + nasty + valid.slice(at)),
      weight: 4,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 3 },
    {
      arbitrary: fc
        .array(fc.constantFrom(...NASTY, valid), { maxLength: 6 })
        .map(parts => parts.join('')),
      weight: 3,
    },
    { arbitrary: fc.constantFrom(...HUGE), weight: 1 },
  );

describe('annotation parsers under fuzzing', () => {
  it.each(PARSERS)(
    '%s: a result for any string, failures name it',
    (key, parse, valid) => {
      expect(parse(valid).ok).toBe(true);
      expect(() =>
        fc.assert(
          fc.property(values(valid), value => {
            const result = parse(value);
            if (!result.ok) {
              if (!result.message?.startsWith(`${key}: `)) {
                throw new Error(`does not name ${key}: ${result.message}`);
              }
              if (result.message.length > 1000) {
                throw new Error(`${result.message.length} characters long`);
              }
            }
            if (({} as Record<string, unknown>).polluted !== undefined) {
              throw new Error('Object.prototype polluted');
            }
          }),
          { numRuns: 400 },
        ),
      ).not.toThrow();
    },
  );

  // Found by fuzzing: the entry pattern backtracked quadratically, so these
  // took from seconds (20,000 spaces) to hours (a megabyte); the test
  // timeout would catch a regression.
  it.each([
    `a: x${' '.repeat(MEGABYTE)}x`,
    `x: y ${'(until '.repeat(MEGABYTE / 7)}`,
    `x: (until ${' '.repeat(MEGABYTE)}x`,
  ])('reads a megabyte of exemptions in linear time (%#)', value => {
    expect(parseScorecardExemptionsAnnotation(value).ok).toBeDefined();
  });

  it('keeps reading exemptions as before the pattern was split', () => {
    expect(
      parseScorecardExemptionsAnnotation(
        'a: b (until x) c (until 2026-01-31); d:  e  (until   2026-02-28 ) ;f:(until 2026-03-01)',
      ),
    ).toEqual({
      ok: false,
      message:
        'reliability/scorecard-exemptions: f: a reason is required, as in "f: why"',
    });
    expect(
      parseScorecardExemptionsAnnotation(
        'a: b (until x) c (until 2026-01-31); d:  e  (until   2026-02-28 )',
      ),
    ).toEqual({
      ok: true,
      value: [
        { checkId: 'a', reason: 'b (until x) c', until: '2026-01-31' },
        { checkId: 'd', reason: 'e', until: '2026-02-28' },
      ],
    });
  });
});
