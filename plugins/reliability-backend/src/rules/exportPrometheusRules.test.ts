import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import {
  exportPrometheusRules,
  PrometheusAlertingRule,
  PrometheusRecordingRule,
  PrometheusRuleGroup,
} from './exportPrometheusRules';
import {
  BAD_QUERY,
  promMetric,
  sloInput,
  TOTAL_QUERY,
} from './__testUtils__/sloInput';

const FIXTURE = path.resolve(
  __dirname,
  '__fixtures__',
  'checkout-availability-30d.rules.yaml',
);

function recordings(groups: PrometheusRuleGroup[]): PrometheusRecordingRule[] {
  return groups.flatMap(g =>
    g.rules.filter((r): r is PrometheusRecordingRule => 'record' in r),
  );
}

function alerts(groups: PrometheusRuleGroup[]): PrometheusAlertingRule[] {
  return groups.flatMap(g =>
    g.rules.filter((r): r is PrometheusAlertingRule => 'alert' in r),
  );
}

function alertOf(
  groups: PrometheusRuleGroup[],
  severity: 'page' | 'ticket',
): PrometheusAlertingRule | undefined {
  return alerts(groups).find(a => a.labels?.sloth_severity === severity);
}

/** The `N * budget` factors of an alert expression, in order. */
function factors(expr: string): string[] {
  return [...expr.matchAll(/> \(([0-9.e-]+) \* ([0-9.e-]+)\)\)/g)].map(
    m => m[1],
  );
}

describe('exportPrometheusRules', () => {
  it('writes the expected Sloth-style rule file for a 30d good/total SLO', () => {
    const result = exportPrometheusRules([
      sloInput({
        annotations: {
          'reliability/slo-runbook':
            'https://runbooks.example.com/checkout/availability',
        },
      }),
    ]);
    if (process.env.UPDATE_RULE_FIXTURES) {
      fs.writeFileSync(FIXTURE, result.yaml);
    }
    expect(result.yaml).toBe(fs.readFileSync(FIXTURE, 'utf8'));
    expect(result.skipped).toEqual([]);
    expect(result.groups.map(g => g.name)).toEqual([
      'sloth-slo-sli-recordings-checkout-service-availability',
      'sloth-slo-meta-recordings-checkout-service-availability',
      'sloth-slo-alerts-checkout-service-availability',
    ]);
  });

  it('returns groups that are exactly what the YAML holds', () => {
    const result = exportPrometheusRules([sloInput()]);
    expect(parse(result.yaml)).toEqual({ groups: result.groups });
  });

  it('records every Sloth SLI window and the SLO period', () => {
    const { groups } = exportPrometheusRules([sloInput()]);
    expect(recordings(groups).map(r => r.record)).toEqual([
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate30d',
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:time_period:days',
      'slo:current_burn_rate:ratio',
      'slo:period_burn_rate:ratio',
      'slo:period_error_budget_remaining:ratio',
      'sloth_slo_info',
    ]);
    const rate1h = recordings(groups)[2];
    expect(rate1h.labels).toEqual({
      sloth_id: 'checkout-service-availability',
      sloth_service: 'checkout-service',
      sloth_slo: 'availability',
      sloth_window: '1h',
    });
    expect(rate1h.expr).toContain(
      'sum(rate(http_requests_total{job="checkout"}[1h]))',
    );
    expect(rate1h.expr).not.toContain('{{');
  });

  it('scales the burn-rate thresholds to a 28d window', () => {
    const { groups } = exportPrometheusRules([
      sloInput({
        spec: { timeWindow: [{ duration: '28d', isRolling: true }] },
      }),
    ]);
    const page = alertOf(groups, 'page')!;
    const ticket = alertOf(groups, 'ticket')!;
    // Each factor appears twice: short and long window of one rule.
    expect(factors(page.expr)).toEqual(['13.44', '13.44', '5.6', '5.6']);
    expect(factors(ticket.expr)).toEqual([
      '2.8',
      '2.8',
      '0.933333333333',
      '0.933333333333',
    ]);
    expect(page.expr).toContain('> (13.44 * 0.001))');
    expect(page.annotations?.description).toContain(
      'over 4w) has an error budget burn rate above 13.44 over both the last 1h and 5m, or above 5.6 over both the last 6h and 30m.',
    );
    // Prometheus (and so Sloth) writes 28 days as 4w.
    const records = recordings(groups);
    expect(records.map(r => r.record)).toContain('slo:sli_error:ratio_rate4w');
    expect(records.find(r => r.record === 'slo:time_period:days')?.expr).toBe(
      'vector(28)',
    );
    expect(
      records.find(r => r.record === 'slo:period_burn_rate:ratio')?.expr,
    ).toContain('slo:sli_error:ratio_rate4w{');
  });

  it('uses the SRE workbook factors 14.4, 6, 3 and 1 for 30 days', () => {
    const { groups } = exportPrometheusRules([sloInput()]);
    expect(factors(alertOf(groups, 'page')!.expr)).toEqual([
      '14.4',
      '14.4',
      '6',
      '6',
    ]);
    expect(factors(alertOf(groups, 'ticket')!.expr)).toEqual([
      '3',
      '3',
      '1',
      '1',
    ]);
  });

  it('writes bad/total indicators as Sloth event expressions', () => {
    const input = sloInput({
      spec: {
        indicator: {
          metadata: { name: 'errors' },
          spec: {
            ratioMetric: {
              counter: true,
              bad: promMetric(BAD_QUERY, 'prometheus'),
              total: promMetric(TOTAL_QUERY, 'PROMETHEUS'),
            },
          },
        },
      },
    });
    const { groups, skipped } = exportPrometheusRules([input]);
    expect(skipped).toEqual([]);
    expect(recordings(groups)[0].expr).toBe(
      '(sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])))\n/\n(sum(rate(http_requests_total{job="checkout"}[5m])))\n',
    );
  });

  it('accepts {{ .window }} with spaces', () => {
    const input = sloInput({
      spec: {
        indicator: {
          metadata: { name: 'r' },
          spec: {
            ratioMetric: {
              good: promMetric('sum(rate(good[{{ .window }}]))'),
              total: promMetric('sum(rate(total[{{.window}}]))'),
            },
          },
        },
      },
    });
    const { groups } = exportPrometheusRules([input]);
    expect(recordings(groups)[1].expr).toContain('sum(rate(good[30m]))');
  });

  describe('runbook_url', () => {
    const runbookOf = (input: ReturnType<typeof sloInput>) =>
      alerts(exportPrometheusRules([input]).groups).map(
        a => a.annotations?.runbook_url,
      );

    it('comes from the reliability/slo-runbook annotation', () => {
      expect(
        runbookOf(
          sloInput({
            annotations: {
              'reliability/slo-runbook': 'https://wiki.example.com/slo',
            },
            links: [{ url: 'https://other.example.com', type: 'runbook' }],
          }),
        ),
      ).toEqual([
        'https://wiki.example.com/slo',
        'https://wiki.example.com/slo',
      ]);
    });

    it('comes from the first runbook link otherwise', () => {
      expect(
        runbookOf(
          sloInput({
            // A relative path cannot become a URL here.
            annotations: { 'reliability/slo-runbook': './runbooks/slo.md' },
            links: [
              { url: 'https://dash.example.com', type: 'dashboard' },
              { url: 'https://runbooks.example.com/a', type: 'Runbook' },
              { url: 'https://runbooks.example.com/b', type: 'runbook' },
            ],
          }),
        ),
      ).toEqual([
        'https://runbooks.example.com/a',
        'https://runbooks.example.com/a',
      ]);
    });

    it('is omitted when there is none', () => {
      const result = exportPrometheusRules([
        sloInput({
          links: [{ url: 'https://dash.example.com', type: 'dashboard' }],
        }),
      ]);
      for (const alert of alerts(result.groups)) {
        expect(alert.annotations).not.toHaveProperty('runbook_url');
      }
      expect(result.yaml).not.toContain('runbook_url');
    });

    it('keeps template braces out of the URL', () => {
      expect(
        runbookOf(
          sloInput({
            annotations: {
              'reliability/slo-runbook': 'https://wiki.example.com/x?q={{a}}',
            },
          }),
        )[0],
      ).toBe('https://wiki.example.com/x?q=%7B%7Ba%7D%7D');
    });
  });

  it('names the SLO and its service in the alert annotations', () => {
    const { groups } = exportPrometheusRules([
      sloInput({ title: 'Checkout {{ availability }}' }),
    ]);
    const page = alertOf(groups, 'page')!;
    expect(page.alert).toBe('CheckoutServiceAvailabilitySLO');
    expect(page.annotations).toMatchObject({
      title:
        '(page) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.',
      summary:
        'Checkout {{ "{{" }} availability }} SLO of checkout-service is burning its error budget too fast.',
    });
    expect(page.annotations?.description).toContain(
      'The "Checkout {{ "{{" }} availability }}" SLO of component:default/checkout-service (objective 99.9% over 30d)',
    );
  });

  describe('skips', () => {
    const reasonsFor = (input: ReturnType<typeof sloInput>) => {
      const result = exportPrometheusRules([input]);
      expect(result.groups).toEqual([]);
      expect(result.yaml).toContain('groups: []');
      return result.skipped;
    };

    it('thresholdMetric indicators', () => {
      expect(
        reasonsFor(
          sloInput({
            spec: {
              indicator: {
                metadata: { name: 'p99' },
                spec: {
                  thresholdMetric: {
                    metricSource: {
                      type: 'Prometheus',
                      spec: { query: 'histogram_quantile(0.99, x)' },
                    },
                  },
                },
              },
            },
          }),
        ),
      ).toEqual([
        {
          slo: 'slo:default/availability',
          reason: expect.stringMatching(/^thresholdMetric indicators/),
        },
      ]);
    });

    it('raw ratios', () => {
      expect(
        reasonsFor(
          sloInput({
            spec: {
              indicator: {
                metadata: { name: 'raw' },
                spec: {
                  ratioMetric: {
                    rawType: 'success',
                    raw: promMetric('avg_over_time(up[{{.window}}])'),
                  },
                },
              },
            },
          }),
        )[0].reason,
      ).toMatch(/^raw ratioMetric indicators are precomputed ratios/);
    });

    it('indicatorRef', () => {
      expect(
        reasonsFor(
          sloInput({
            spec: { indicator: undefined, indicatorRef: 'checkout-ratio' },
          }),
        )[0].reason,
      ).toBe(
        'indicatorRef "checkout-ratio" points to a separate SLI; only inline indicators (spec.indicator) are exported',
      );
    });

    it('non-Prometheus and referenced metric sources', () => {
      expect(
        reasonsFor(
          sloInput({
            spec: {
              indicator: {
                metadata: { name: 'builtin' },
                spec: {
                  ratioMetric: {
                    counter: true,
                    good: {
                      metricSource: {
                        type: 'BuiltIn',
                        spec: { counter: 'good' },
                      },
                    },
                    total: {
                      metricSource: {
                        type: 'BuiltIn',
                        spec: { counter: 'total' },
                      },
                    },
                  },
                },
              },
            },
          }),
        )[0].reason,
      ).toBe(
        'ratioMetric.total has metric source type "BuiltIn"; only Prometheus metric sources can become Prometheus rules',
      );
      expect(
        reasonsFor(
          sloInput({
            spec: {
              indicator: {
                metadata: { name: 'ref' },
                spec: {
                  ratioMetric: {
                    good: promMetric(BAD_QUERY),
                    total: {
                      metricSource: { metricSourceRef: 'prom', spec: {} },
                    },
                  },
                },
              },
            },
          }),
        )[0].reason,
      ).toMatch(/^ratioMetric.total uses metricSourceRef "prom"/);
    });

    it('queries without a {{.window}} placeholder', () => {
      expect(
        reasonsFor(
          sloInput({
            spec: {
              indicator: {
                metadata: { name: 'fixed' },
                spec: {
                  ratioMetric: {
                    good: promMetric('sum(rate(good[5m]))'),
                    total: promMetric(TOTAL_QUERY),
                  },
                },
              },
            },
          }),
        )[0].reason,
      ).toBe(
        'ratioMetric.good spec.query has no {{.window}} placeholder, so every alert window would record the same ratio',
      );
    });

    it.each(['Timeslices', 'RatioTimeslices'] as const)(
      '%s budgeting, saying why',
      budgetingMethod => {
        expect(
          reasonsFor(
            sloInput({
              spec: {
                budgetingMethod,
                objectives: [
                  {
                    target: 0.99,
                    timeSliceTarget: 0.95,
                    timeSliceWindow: '1m',
                  },
                ],
              },
            }),
          )[0].reason,
        ).toBe(
          `budgetingMethod ${budgetingMethod} counts good time slices against timeSliceTarget, while Sloth-style rules measure the ratio of bad to total events (Occurrences); their burn rates and budgets would not match this SLO`,
        );
      },
    );

    it('a 100% target and a window shorter than 1h', () => {
      expect(
        reasonsFor(sloInput({ spec: { objectives: [{ target: 1 }] } }))[0]
          .reason,
      ).toBe(
        'a 100% target leaves no error budget, so burn rates are undefined',
      );
      expect(
        reasonsFor(
          sloInput({
            spec: { timeWindow: [{ duration: '30m', isRolling: true }] },
          }),
        )[0].reason,
      ).toBe(
        'time window 30m is shorter than 1h, the long window of the fastest burn-rate alert',
      );
    });

    it('a second SLO with the same sloth_id', () => {
      const result = exportPrometheusRules([
        sloInput({ namespace: 'team-b' }),
        sloInput({ namespace: 'team-a' }),
      ]);
      expect(result.groups).toHaveLength(3);
      expect(result.skipped).toEqual([
        {
          slo: 'slo:team-b/availability',
          reason:
            'sloth_id "checkout-service-availability" is already used by slo:team-a/availability; the rules would record the same series',
        },
      ]);
    });

    it('only the unusable ones', () => {
      const result = exportPrometheusRules([
        sloInput({ name: 'latency', spec: { budgetingMethod: 'Timeslices' } }),
        sloInput(),
      ]);
      expect(result.groups).toHaveLength(3);
      expect(result.skipped.map(s => s.slo)).toEqual(['slo:default/latency']);
    });
  });

  it('exports one rule set per objective, suffixed with its index', () => {
    const result = exportPrometheusRules([
      sloInput({
        spec: {
          objectives: [
            { displayName: 'most', target: 0.99 },
            { displayName: 'nearly all', targetPercent: 99.9 },
          ],
        },
      }),
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.groups.map(g => g.name)).toEqual([
      'sloth-slo-sli-recordings-checkout-service-availability-0',
      'sloth-slo-meta-recordings-checkout-service-availability-0',
      'sloth-slo-alerts-checkout-service-availability-0',
      'sloth-slo-sli-recordings-checkout-service-availability-1',
      'sloth-slo-meta-recordings-checkout-service-availability-1',
      'sloth-slo-alerts-checkout-service-availability-1',
    ]);
    const objectives = recordings(result.groups).filter(
      r => r.record === 'slo:objective:ratio',
    );
    expect(objectives).toEqual([
      {
        record: 'slo:objective:ratio',
        expr: 'vector(0.99)',
        labels: {
          sloth_id: 'checkout-service-availability-0',
          sloth_service: 'checkout-service',
          sloth_slo: 'availability-0',
        },
      },
      {
        record: 'slo:objective:ratio',
        expr: 'vector(0.999)',
        labels: {
          sloth_id: 'checkout-service-availability-1',
          sloth_service: 'checkout-service',
          sloth_slo: 'availability-1',
        },
      },
    ]);
    const pages = alerts(result.groups).filter(
      a => a.labels?.sloth_severity === 'page',
    );
    expect(pages.map(a => a.alert)).toEqual([
      'CheckoutServiceAvailability0SLO',
      'CheckoutServiceAvailability1SLO',
    ]);
    expect(pages[0].expr).toContain('> (14.4 * 0.01))');
    expect(pages[1].annotations?.summary).toBe(
      'Checkout availability (nearly all) SLO of checkout-service is burning its error budget too fast.',
    );
  });

  it('skips only the unusable objective of several', () => {
    const result = exportPrometheusRules([
      sloInput({
        spec: {
          objectives: [{ target: 0.99 }, { target: 1 }],
        },
      }),
    ]);
    expect(result.groups.map(g => g.name)).toContain(
      'sloth-slo-alerts-checkout-service-availability-0',
    );
    expect(result.skipped).toEqual([
      {
        slo: 'slo:default/availability',
        reason:
          'objective 1: a 100% target leaves no error budget, so burn rates are undefined',
      },
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const inputs = [
      sloInput({ name: 'latency', service: 'search-api' }),
      sloInput({ name: 'availability', service: 'search-api' }),
      sloInput({ name: 'availability', service: 'cart-service' }),
      sloInput({ name: 'old', spec: { budgetingMethod: 'Timeslices' } }),
      sloInput({
        name: 'ref',
        spec: { indicator: undefined, indicatorRef: 'x' },
      }),
    ];
    const first = exportPrometheusRules(inputs);
    const reversed = exportPrometheusRules([...inputs].reverse());
    const shuffled = exportPrometheusRules([
      inputs[2],
      inputs[4],
      inputs[0],
      inputs[3],
      inputs[1],
    ]);
    expect(reversed.yaml).toBe(first.yaml);
    expect(shuffled.yaml).toBe(first.yaml);
    expect(shuffled.skipped).toEqual(first.skipped);
    expect(
      first.groups
        .filter(g => g.name.startsWith('sloth-slo-alerts-'))
        .map(g => g.name),
    ).toEqual([
      'sloth-slo-alerts-cart-service-availability',
      'sloth-slo-alerts-search-api-availability',
      'sloth-slo-alerts-search-api-latency',
    ]);
    expect(first.skipped.map(s => s.slo)).toEqual([
      'slo:default/old',
      'slo:default/ref',
    ]);
  });

  it('leaves out alert rules whose long window exceeds the SLO window', () => {
    const { groups } = exportPrometheusRules([
      sloInput({ spec: { timeWindow: [{ duration: '1d', isRolling: true }] } }),
    ]);
    const records = recordings(groups).map(r => r.record);
    // The 1d period is already an alert window: recorded once only.
    expect(
      records.filter(r => r === 'slo:sli_error:ratio_rate1d'),
    ).toHaveLength(1);
    expect(factors(alertOf(groups, 'page')!.expr)).toEqual([
      '0.48',
      '0.48',
      '0.2',
      '0.2',
    ]);
    const ticket = alertOf(groups, 'ticket')!;
    expect(factors(ticket.expr)).toEqual(['0.1', '0.1']);
    expect(ticket.expr).not.toContain('ratio_rate3d');
    expect(ticket.expr).not.toContain('or ignoring');

    const short = exportPrometheusRules([
      sloInput({
        spec: { timeWindow: [{ duration: '12h', isRolling: true }] },
      }),
    ]);
    expect(alertOf(short.groups, 'ticket')).toBeUndefined();
    expect(alertOf(short.groups, 'page')).toBeDefined();
  });

  it('writes only valid Prometheus names', () => {
    const { groups } = exportPrometheusRules([
      sloInput(),
      sloInput({ name: 'latency', service: '3d-printer' }),
    ]);
    const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
    const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
    for (const rule of groups.flatMap(g => g.rules)) {
      const name = 'record' in rule ? rule.record : rule.alert;
      expect(name).toMatch(metricName);
      const annotations = 'alert' in rule ? rule.annotations : undefined;
      for (const key of Object.keys({ ...rule.labels, ...annotations })) {
        expect(key).toMatch(labelName);
      }
      // Balanced parentheses and braces in every expression.
      for (const [open, close] of [
        ['(', ')'],
        ['{', '}'],
        ['[', ']'],
      ]) {
        expect(rule.expr.split(open).length).toBe(
          rule.expr.split(close).length,
        );
      }
    }
    expect(alerts(groups).map(a => a.alert)).toContain(
      'SLO3dPrinterLatencySLO',
    );
  });
});
