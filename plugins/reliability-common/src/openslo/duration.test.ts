import {
  OPENSLO_DURATION_UNIT_MILLISECONDS,
  parseOpenSloDuration,
} from './duration';

describe('parseOpenSloDuration', () => {
  it('parses 28d', () => {
    expect(parseOpenSloDuration('28d')).toEqual({
      ok: true,
      // 28 * 24 * 3600 * 1000
      value: { value: 28, unit: 'd', milliseconds: 2_419_200_000 },
    });
  });

  it.each([
    ['1m', 60_000],
    ['2h', 7_200_000],
    ['1w', 604_800_000],
    ['1M', 30 * 86_400_000],
    ['1Q', 90 * 86_400_000],
    ['1Y', 365 * 86_400_000],
  ])('gives %s a fixed length of %d ms', (text, ms) => {
    const result = parseOpenSloDuration(text);
    expect(result.ok && result.value.milliseconds).toBe(ms);
  });

  it('keeps m (minute) and M (month) apart', () => {
    expect(OPENSLO_DURATION_UNIT_MILLISECONDS.m).toBe(60_000);
    expect(OPENSLO_DURATION_UNIT_MILLISECONDS.M).toBe(2_592_000_000);
  });

  it.each([
    ['30 days', '30d'],
    ['30D', '30d'],
    ['1mo', '1M'],
    ['2 weeks', '2w'],
    ['1 year', '1Y'],
  ])('explains the format and suggests a fix for %s', (text, suggestion) => {
    const result = parseOpenSloDuration(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(
      'a whole number followed by one unit of m (minute), h (hour), d (day), w (week), M (month), Q (quarter), Y (year)',
    );
    expect(result.message).toContain(`got ${JSON.stringify(text)}`);
    expect(result.message).toContain(`did you mean ${suggestion}?`);
  });

  it.each(['0d', '-1d', '1.5h', '', 'd', '10s', '1dd'])('rejects %p', text => {
    expect(parseOpenSloDuration(text).ok).toBe(false);
  });

  it('hints at fractions and seconds', () => {
    const fraction = parseOpenSloDuration('1.5h');
    expect(!fraction.ok && fraction.message).toContain('fractions');
    const seconds = parseOpenSloDuration('30s');
    expect(!seconds.ok && seconds.message).toContain('seconds are not a unit');
  });

  it('rejects non-strings', () => {
    const result = parseOpenSloDuration(30);
    expect(!result.ok && result.message).toMatch(/got 30$/);
  });
});
