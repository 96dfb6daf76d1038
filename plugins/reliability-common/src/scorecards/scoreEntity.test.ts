import fc from 'fast-check';
import { DEFAULT_SCORECARD } from './defaultScorecard';
import { SCORECARD_FACTS as F } from './facts';
import { scoreEntity, ScorecardSubject } from './scoreEntity';
import type { ScorecardDefinition } from './types';

const NOW = Date.UTC(2026, 10, 24, 12);

const card: ScorecardDefinition = {
  id: 'test',
  title: 'Test',
  description: '',
  appliesTo: { kind: ['Component'] },
  levels: [
    {
      id: 'bronze',
      title: 'Bronze',
      checks: [
        {
          id: 'owned',
          title: 'Owned',
          fact: 'owned',
          operator: 'equal',
          threshold: true,
          howToFix: 'own it',
        },
      ],
    },
    {
      id: 'silver',
      title: 'Silver',
      checks: [
        {
          id: 'slos',
          title: 'SLOs',
          fact: 'slos',
          operator: 'greaterThanInclusive',
          threshold: 1,
          howToFix: 'add one',
        },
        {
          id: 'escalation',
          title: 'Escalation',
          fact: 'escalation',
          operator: 'equal',
          threshold: true,
          howToFix: 'add',
          tiers: ['critical'],
        },
      ],
    },
    {
      id: 'gold',
      title: 'Gold',
      checks: [
        {
          id: 'cfr',
          title: 'CFR',
          fact: 'cfr',
          operator: 'lessThanInclusive',
          threshold: 0.15,
          howToFix: 'canary',
        },
      ],
    },
  ],
};

const subject = (
  facts: ScorecardSubject['facts'],
  extra: Partial<ScorecardSubject> = {},
): ScorecardSubject => ({ facts, exemptions: [], tier: 'untiered', ...extra });

describe('scoreEntity', () => {
  it('reaches the highest level whose checks and all below pass', () => {
    const all = { owned: true, slos: 2, escalation: false, cfr: 0.1 };
    expect(scoreEntity(card, subject(all), NOW).levelIndex).toBe(2);
    expect(
      scoreEntity(card, subject({ ...all, cfr: 0.2 }), NOW).levelIndex,
    ).toBe(1);
    expect(
      scoreEntity(card, subject({ ...all, slos: 0 }), NOW).levelIndex,
    ).toBe(0);
    expect(
      scoreEntity(card, subject({ ...all, owned: false }), NOW).levelIndex,
    ).toBe(-1);
  });

  it('does not skip a failed level even when higher ones pass', () => {
    const score = scoreEntity(
      card,
      subject({ owned: true, slos: 0, cfr: 0 }),
      NOW,
    );
    expect(score.levelIndex).toBe(0);
    expect(score.checks.find(c => c.id === 'cfr')?.status).toBe('pass');
  });

  it('treats a missing fact as no value, which fails with a message', () => {
    const score = scoreEntity(card, subject({ owned: true, slos: 1 }), NOW);
    const cfr = score.checks.find(c => c.id === 'cfr')!;
    expect(cfr).toMatchObject({ status: 'fail', value: null });
    expect(cfr.message).toBe('Fails: found no value, expected at most 0.15.');
    expect(score.levelIndex).toBe(1);
  });

  it('applies tier-limited checks only to those tiers', () => {
    const facts = { owned: true, slos: 1, escalation: false, cfr: 0 };
    const untiered = scoreEntity(card, subject(facts), NOW);
    expect(untiered.checks.find(c => c.id === 'escalation')?.status).toBe(
      'not-applicable',
    );
    expect(untiered).toMatchObject({ levelIndex: 2, passed: 3, applicable: 3 });
    const critical = scoreEntity(
      card,
      subject(facts, { tier: 'critical' }),
      NOW,
    );
    expect(critical.checks.find(c => c.id === 'escalation')?.status).toBe(
      'fail',
    );
    expect(critical).toMatchObject({ levelIndex: 0, passed: 3, applicable: 4 });
  });

  it('counts an active exemption as passed, and an expired one no longer', () => {
    const facts = { owned: true, slos: 0, cfr: 0 };
    const exemptions = [
      { checkId: 'slos', reason: 'batch job', until: '2026-11-24' },
    ];
    const active = scoreEntity(card, subject(facts, { exemptions }), NOW);
    expect(active.levelIndex).toBe(2);
    expect(active.checks.find(c => c.id === 'slos')).toMatchObject({
      status: 'exempt',
      exemption: { reason: 'batch job', until: '2026-11-24' },
    });
    // The day after the last exempt day, the check fails again and says why.
    const later = scoreEntity(
      card,
      subject(facts, { exemptions }),
      NOW + 86_400_000,
    );
    const slos = later.checks.find(c => c.id === 'slos')!;
    expect(slos.status).toBe('fail');
    expect(slos.message).toContain(
      'The exemption "batch job" expired after 2026-11-24.',
    );
    expect(later.levelIndex).toBe(0);
  });

  it('does not use an exemption for a check that passes', () => {
    const score = scoreEntity(
      card,
      subject(
        { owned: true },
        { exemptions: [{ checkId: 'owned', reason: 'x' }] },
      ),
      NOW,
    );
    expect(score.checks[0].status).toBe('pass');
  });

  it('grades the default scorecard: a complete service is gold', () => {
    const facts = {
      [F.ownerIsTeam]: true,
      [F.hasLifecycle]: true,
      [F.hasDescription]: true,
      [F.sloCount]: 2,
      [F.runbookCount]: 1,
      [F.hasOnCall]: true,
      [F.hasEscalation]: false,
      [F.slosMeetObjective]: true,
      [F.slosExhausted]: 0,
      [F.runbookDaysSinceReview]: 30,
      [F.daysSinceDeploy]: 2,
      [F.changeFailureRate90d]: 0.12,
    };
    expect(scoreEntity(DEFAULT_SCORECARD, subject(facts), NOW).levelIndex).toBe(
      2,
    );
    // A critical service needs escalation (silver) and at most 10 % (gold).
    const critical = scoreEntity(
      DEFAULT_SCORECARD,
      subject(facts, { tier: 'critical' }),
      NOW,
    );
    expect(critical.levelIndex).toBe(0);
    expect(
      critical.checks.filter(c => c.status === 'fail').map(c => c.id),
    ).toEqual(['has-escalation', 'change-failure-rate-critical']);
  });

  it('properties: the level is consistent with the check statuses', () => {
    const value = fc.oneof(
      fc.boolean(),
      fc.double({ noNaN: false }),
      fc.constant(null),
      fc.string(),
    );
    expect(() =>
      fc.assert(
        fc.property(
          fc.record({
            owned: value,
            slos: value,
            escalation: value,
            cfr: value,
          }),
          fc.constantFrom('untiered', 'critical'),
          fc.subarray(['owned', 'slos', 'escalation', 'cfr']),
          (facts, tier, exempt) => {
            const score = scoreEntity(
              card,
              subject(facts, {
                tier,
                exemptions: exempt.map(checkId => ({ checkId, reason: 'r' })),
              }),
              NOW,
            );
            const ok = (id: string) =>
              score.checks.find(c => c.id === id)!.status !== 'fail';
            const levelOk = card.levels.map(l => l.checks.every(c => ok(c.id)));
            const expected =
              levelOk.indexOf(false) === -1
                ? levelOk.length - 1
                : levelOk.indexOf(false) - 1;
            expect(score.levelIndex).toBe(expected);
            expect(score.passed).toBeLessThanOrEqual(score.applicable);
            expect(score.checks).toHaveLength(4);
            // Exempting more checks never lowers the level.
            const all = scoreEntity(
              card,
              subject(facts, {
                tier,
                exemptions: ['owned', 'slos', 'escalation', 'cfr'].map(
                  checkId => ({ checkId, reason: 'r' }),
                ),
              }),
              NOW,
            );
            expect(all.levelIndex).toBe(2);
          },
        ),
      ),
    ).not.toThrow();
  });
});
