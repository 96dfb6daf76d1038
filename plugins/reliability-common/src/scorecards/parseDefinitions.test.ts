import { DEFAULT_SCORECARD } from './defaultScorecard';
import { SCORECARD_FACTS } from './facts';
import { parseScorecardDefinitions } from './parseDefinitions';

const knownFacts = [
  ...Object.values(SCORECARD_FACTS),
  'github.branchProtection',
];

const valid = {
  id: 'security',
  title: 'Security',
  appliesTo: { kind: ['Component'], type: ['service'] },
  levels: [
    {
      id: 'basic',
      title: 'Basic',
      checks: [
        {
          id: 'branch-protection',
          title: 'Branch protection',
          fact: 'github.branchProtection',
          operator: 'equal',
          threshold: true,
          howToFix: 'Protect main.',
        },
      ],
    },
  ],
};

describe('parseScorecardDefinitions', () => {
  it('accepts a valid definition and fills defaults', () => {
    const result = parseScorecardDefinitions([valid], { knownFacts });
    expect(result).toEqual({
      ok: true,
      value: [{ ...valid, description: '' }],
    });
  });

  it('accepts the default scorecard as written', () => {
    expect(
      parseScorecardDefinitions([DEFAULT_SCORECARD], { knownFacts }).ok,
    ).toBe(true);
  });

  it('accepts nothing configured', () => {
    expect(parseScorecardDefinitions(undefined)).toEqual({
      ok: true,
      value: [],
    });
  });

  it('names the config path, with did-you-mean hints', () => {
    const check = valid.levels[0].checks[0];
    const result = parseScorecardDefinitions(
      [
        {
          ...valid,
          levels: [
            {
              ...valid.levels[0],
              checks: [
                { ...check, operator: 'greaterThen', threshold: 'x' },
                {
                  ...check,
                  id: 'branch-protection',
                  fact: 'github.branchProtecton',
                },
              ],
            },
          ],
        },
      ],
      { knownFacts },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'reliability.scorecards.definitions[0].levels[0].checks[0].operator: expected one of equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, got "greaterThen" (did you mean greaterThan?)',
      'reliability.scorecards.definitions[0].levels[0].checks[1].id: check "branch-protection" is defined twice in this scorecard; exemptions name checks by id, so ids must be unique',
    ]);
  });

  it('reports unknown facts and thresholds of the wrong shape', () => {
    const check = {
      ...valid.levels[0].checks[0],
      fact: 'github.branchProtecton',
    };
    const unknown = parseScorecardDefinitions(
      [{ ...valid, levels: [{ ...valid.levels[0], checks: [check] }] }],
      { knownFacts },
    );
    expect(!unknown.ok && unknown.errors[0]).toMatch(
      /^reliability\.scorecards\.definitions\[0\]\.levels\[0\]\.checks\[0\]\.fact: unknown fact "github\.branchProtecton" \(did you mean github\.branchProtection\?\); known facts: catalog\.ownerIsTeam/,
    );
    const wrongShape = parseScorecardDefinitions([
      {
        ...valid,
        levels: [
          {
            ...valid.levels[0],
            checks: [
              {
                ...valid.levels[0].checks[0],
                operator: 'in',
                threshold: 'critical',
              },
            ],
          },
        ],
      },
    ]);
    expect(!wrongShape.ok && wrongShape.errors).toEqual([
      'reliability.scorecards.definitions[0].levels[0].checks[0].threshold: in needs a list of values',
    ]);
  });

  it('rejects duplicate scorecards, empty levels and unknown keys', () => {
    const result = parseScorecardDefinitions([valid, valid]);
    expect(!result.ok && result.errors).toEqual([
      'reliability.scorecards.definitions[1].id: scorecard "security" is defined twice',
    ]);
    const empty = parseScorecardDefinitions([
      { ...valid, levels: [], colour: 'red' },
    ]);
    expect(!empty.ok && empty.errors).toEqual(
      expect.arrayContaining([
        "reliability.scorecards.definitions[0]: Unrecognized key(s) in object: 'colour'",
        'reliability.scorecards.definitions[0].levels: a scorecard needs at least one level',
      ]),
    );
  });
});
