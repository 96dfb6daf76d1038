import fc from 'fast-check';
import { GradeContent, sameGrade } from './sameGrade';

const value = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, min: -2, max: 2 }),
  fc.constantFrom('a', 'b'),
  fc.constant(null),
);
const check = fc.record(
  {
    id: fc.constantFrom('has-owner', 'has-slo'),
    levelId: fc.constantFrom('bronze', 'silver'),
    status: fc.constantFrom('pass', 'fail', 'exempt', 'not-applicable'),
    value,
    message: fc.constantFrom('ok', 'missing'),
    exemption: fc.record(
      {
        reason: fc.constantFrom('migrating', 'legacy'),
        until: fc.constantFrom('2027-01-01', '2027-02-01'),
      },
      { requiredKeys: ['reason'] },
    ),
  },
  { requiredKeys: ['id', 'levelId', 'status', 'value', 'message'] },
);
const ref = fc.option(fc.constantFrom('group:default/a', 'group:default/b'), {
  nil: undefined,
});
const grade: fc.Arbitrary<GradeContent> = fc.record({
  owner: ref,
  system: ref,
  domain: ref,
  score: fc.record({
    levelIndex: fc.integer({ min: -1, max: 1 }),
    passed: fc.integer({ min: 0, max: 2 }),
    applicable: fc.integer({ min: 0, max: 2 }),
    checks: fc.array(check as fc.Arbitrary<any>, { maxLength: 2 }),
  }),
});

/** How the store serialises a grade. */
const stored = (g: GradeContent) =>
  JSON.stringify([
    g.score.levelIndex,
    g.score.passed,
    g.score.applicable,
    g.owner ?? null,
    g.system ?? null,
    g.domain ?? null,
    g.score.checks,
  ]);

describe('sameGrade', () => {
  it('says "same" only when the stored forms are equal', () => {
    expect(() =>
      fc.assert(
        fc.property(grade, grade, (a, b) => {
          expect(sameGrade(a, b)).toBe(stored(a) === stored(b));
        }),
        { numRuns: 2000 },
      ),
    ).not.toThrow();
  });

  it('says "same" for a copy', () => {
    expect(() =>
      fc.assert(
        fc.property(grade, a => {
          expect(sameGrade(a, structuredClone(a))).toBe(true);
        }),
      ),
    ).not.toThrow();
  });
});
