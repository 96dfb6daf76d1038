import {
  formatBurnRate,
  formatDuration,
  formatPercent,
  formatRelative,
  formatSli,
  shortRef,
} from './format';

describe('format', () => {
  it('formats shares as percentages, keeping the sign and missing values', () => {
    expect(formatPercent(0.4511)).toBe('45.1%');
    expect(formatPercent(-0.0648)).toBe('-6.5%');
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(Infinity)).toBe('∞');
  });

  it('gives SLIs enough digits to tell them from a three-nines target', () => {
    expect(formatSli(0.99856)).toBe('99.86%');
    expect(formatSli(0.99951)).toBe('99.951%');
  });

  it('formats burn rates and durations', () => {
    expect(formatBurnRate(1.4375)).toBe('1.44×');
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(null)).toBe('–');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000)).toBe(
      '2d 3h',
    );
    expect(formatDuration(45 * 60_000)).toBe('45m');
    expect(formatDuration(-168_000)).toBe('−2m');
    expect(formatDuration(20_000)).toBe('20s');
  });

  it('formats relative times', () => {
    expect(formatRelative(1_000_000 - 3 * 3_600_000, 1_000_000)).toBe('3h ago');
    expect(formatRelative(1_000_000 + 2 * 86_400_000, 1_000_000)).toBe('in 2d');
    expect(formatRelative(1_000_000, 1_000_000)).toBe('just now');
  });

  it('drops the default namespace and the kind from refs', () => {
    expect(shortRef('group:default/payments')).toBe('payments');
    expect(shortRef('system:other/shop')).toBe('other/shop');
    expect(shortRef(undefined)).toBe('–');
  });
});
