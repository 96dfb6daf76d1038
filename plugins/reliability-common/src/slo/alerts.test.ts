import {
  burnRateThreshold,
  evaluateBurnRateAlerts,
  evaluateBurnRateRules,
  SRE_WORKBOOK_BURN_RATE_RULES,
} from './alerts';
import type { SliSample, SloDefinition } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('burnRateThreshold', () => {
  it('gives the SRE workbook thresholds for 30 days', () => {
    // 2% × 720h / 1h = 14.4; 5% × 720h / 6h = 6; 10% × 30d / 1d = 3;
    // 10% × 30d / 3d = 1.
    expect(
      SRE_WORKBOOK_BURN_RATE_RULES.map(r => burnRateThreshold(r, 30 * DAY)),
    ).toEqual([14.4, 6, 3, 1]);
  });

  it('scales with the SLO window', () => {
    // 28 days = 672 hours: 13.44, 5.6, 2.8, 0.9333…
    const t = SRE_WORKBOOK_BURN_RATE_RULES.map(r =>
      burnRateThreshold(r, 28 * DAY),
    );
    expect(t.slice(0, 3)).toEqual([13.44, 5.6, 2.8]);
    expect(t[3]).toBeCloseTo(2.8 / 3, 9);
    // 7 days: 3.36, 1.4, 0.7, 0.2333…
    expect(burnRateThreshold(SRE_WORKBOOK_BURN_RATE_RULES[0], 7 * DAY)).toBe(
      3.36,
    );
  });
});

describe('evaluateBurnRateRules', () => {
  const rates = (map: Record<number, number | null>) => (w: number) =>
    map[w] ?? 0;

  it('pages when both windows of a page rule exceed the threshold', () => {
    const result = evaluateBurnRateRules(
      rates({ [HOUR]: 15, [5 * MINUTE]: 20 }),
      30 * DAY,
    );
    expect(result.state).toBe('page');
    expect(result.rules[0]).toMatchObject({
      severity: 'page',
      longWindowMs: HOUR,
      shortWindowMs: 5 * MINUTE,
      threshold: 14.4,
      longBurnRate: 15,
      shortBurnRate: 20,
      applicable: true,
      firing: true,
    });
  });

  it('does not fire when the short window has recovered', () => {
    const result = evaluateBurnRateRules(
      rates({ [HOUR]: 15, [5 * MINUTE]: 2 }),
      30 * DAY,
    );
    expect(result.state).toBe('none');
  });

  it('tickets on a slow burn', () => {
    const result = evaluateBurnRateRules(
      rates({ [3 * DAY]: 1.5, [6 * HOUR]: 1.2 }),
      30 * DAY,
    );
    expect(result.state).toBe('ticket');
    expect(result.rules.map(r => r.firing)).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('never fires on missing data or inapplicable rules', () => {
    expect(evaluateBurnRateRules(() => null, 30 * DAY).state).toBe('none');
    // A 1 day SLO: the 3 day rule cannot apply.
    const short = evaluateBurnRateRules(() => 100, DAY);
    expect(short.rules.map(r => r.applicable)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(short.rules[3].firing).toBe(false);
    expect(short.state).toBe('page');
  });
});

describe('evaluateBurnRateAlerts', () => {
  it('pages on a fresh 2% error spike against 99.9%', () => {
    // 3 days of per-minute buckets, 1000 requests each. The last hour has
    // 2% errors: burn 0.02 / 0.001 = 20 over 1h and 5m (> 14.4: page).
    // 6h burn = 20 × 1/6 = 3.33 (< 6), 1d = 20/24 = 0.83, 3d = 0.28.
    const now = 3 * DAY;
    const samples: SliSample[] = [];
    for (let t = 0; t < now; t += MINUTE) {
      const bad = t >= now - HOUR ? 20 : 0;
      samples.push({ start: t, good: 1000 - bad, total: 1000 });
    }
    const slo: SloDefinition = {
      budgetingMethod: 'Occurrences',
      target: 0.999,
      windowMs: 30 * DAY,
    };
    const result = evaluateBurnRateAlerts(samples, slo, now);
    expect(result.state).toBe('page');
    expect(result.rules.map(r => r.firing)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(result.rules[0].longBurnRate).toBeCloseTo(20, 6);
    expect(result.rules[1].longBurnRate).toBeCloseTo(20 / 6, 6);
    expect(result.rules[2].longBurnRate).toBeCloseTo(20 / 24, 6);
  });
});
