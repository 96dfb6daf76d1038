import { countQuery, ratioMetrics, valueQuery } from './queries';
import { bucketSegments } from './PrometheusSliSource';

const HOUR = 3_600_000;

describe('countQuery', () => {
  it('wraps a counter selector in sum(increase(…[step]))', () => {
    const q = countQuery('total', 'http_requests_total{job="api"}');
    expect(q.promql(HOUR)).toBe(
      'sum(increase(http_requests_total{job="api"}[1h]))',
    );
    expect(q.scale(HOUR)).toBe(1);
  });

  it('fills {{.window}} and scales per-second rates by the step', () => {
    const q = countQuery(
      'good',
      'sum(rate(x_total{code!~"5.."}[{{ .window }}]))',
    );
    expect(q.promql(300_000)).toBe('sum(rate(x_total{code!~"5.."}[5m]))');
    expect(q.scale(300_000)).toBe(300);
    const inc = countQuery('good', 'sum(increase(x_total[{{.window}}]))');
    expect(inc.scale(HOUR)).toBe(1);
  });

  it('refuses queries it cannot split into buckets', () => {
    expect(() => countQuery('total', 'sum(x_total)')).toThrow(
      /counter selector .* or contain a \{\{\.window\}\} placeholder/,
    );
    expect(() => countQuery('total', 'x[{{.window}}] {{.other}}')).toThrow(
      /other than/,
    );
  });

  it('fills threshold queries too', () => {
    expect(
      valueQuery('histogram_quantile(0.99, rate(b[{{.window}}]))')(60_000),
    ).toBe('histogram_quantile(0.99, rate(b[1m]))');
  });
});

describe('ratioMetrics', () => {
  const metric = (query: string, metricSourceRef?: string) => ({
    metricSource: { type: 'Prometheus', metricSourceRef, spec: { query } },
  });
  it('reads good/total and bad/total with their instances', () => {
    expect(
      ratioMetrics({
        metadata: { name: 'x' },
        spec: {
          ratioMetric: { bad: metric('b', 'eu'), total: metric('t', 'eu') },
        },
      }),
    ).toEqual({
      kind: 'bad',
      counted: { instance: 'eu', query: 'b' },
      total: { instance: 'eu', query: 't' },
    });
  });
  it('refuses raw ratios and other source types', () => {
    expect(() =>
      ratioMetrics({
        metadata: { name: 'x' },
        spec: { ratioMetric: { raw: metric('r') } },
      }),
    ).toThrow(/raw ratioMetric/);
    expect(() =>
      ratioMetrics({
        metadata: { name: 'x' },
        spec: {
          ratioMetric: {
            good: { metricSource: { type: 'Datadog', spec: { query: 'q' } } },
            total: metric('t'),
          },
        },
      }),
    ).toThrow(/"Datadog", not Prometheus/);
  });
});

describe('bucketSegments', () => {
  it('uses hourly buckets, then five-minute buckets over the last six hours, aligned to the end', () => {
    const end = 1_000 * HOUR + 123;
    expect(bucketSegments(end - 30 * 24 * HOUR, end, HOUR)).toEqual([
      {
        stepMs: HOUR,
        firstEnd: end - 30 * 24 * HOUR + HOUR,
        to: end - 6 * HOUR,
      },
      { stepMs: 300_000, firstEnd: end - 6 * HOUR + 300_000, to: end },
    ]);
  });
  it('uses the resolution everywhere when it is five minutes or less, and drops partial buckets', () => {
    expect(bucketSegments(0, 10 * 60_000 + 5, 60_000)).toEqual([
      { stepMs: 60_000, firstEnd: 60_005, to: 600_005 },
    ]);
    expect(bucketSegments(0, 30_000, 60_000)).toEqual([]);
  });
});
