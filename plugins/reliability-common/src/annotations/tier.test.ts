import { parseTierAnnotation } from './tier';

describe('parseTierAnnotation', () => {
  it.each(['critical', 'high', 'medium', 'low'])('accepts %s', tier => {
    expect(parseTierAnnotation(tier)).toEqual({ ok: true, value: tier });
  });

  it('ignores case and spaces', () => {
    expect(parseTierAnnotation(' Critical ')).toEqual({
      ok: true,
      value: 'critical',
    });
  });

  it('says what it expected', () => {
    expect(parseTierAnnotation('gold')).toEqual({
      ok: false,
      message:
        'reliability/tier: expected one of critical, high, medium, low, got "gold"',
    });
  });
});
