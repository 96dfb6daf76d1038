import { validateOpenSloDocument } from './validate';

// A minimal valid SLO; each test breaks one thing.
function slo(overrides: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-availability' },
    spec: {
      service: 'checkout',
      indicator: {
        metadata: { name: 'checkout-success' },
        spec: {
          ratioMetric: {
            counter: true,
            good: {
              metricSource: { type: 'Prometheus', spec: { query: 'g' } },
            },
            total: {
              metricSource: { type: 'Prometheus', spec: { query: 't' } },
            },
          },
        },
      },
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: 'Available', target: 0.999 }],
      ...overrides,
    },
  };
}

function errorsOf(doc: unknown): string[] {
  const result = validateOpenSloDocument(doc);
  return result.ok ? [] : result.errors.map(e => e.formatted);
}

describe('validateOpenSloDocument', () => {
  it('accepts a valid SLO', () => {
    const result = validateOpenSloDocument(slo());
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('refuses keys named like members of every object, which zod cannot check', () => {
    // YAML `constructor: ~` in a metric source's spec or in annotations.
    const doc = slo();
    doc.spec.indicator.spec.ratioMetric.good.metricSource.spec = JSON.parse(
      '{"query": "g", "constructor": null}',
    );
    expect(errorsOf(doc)).toEqual([
      'spec.indicator.spec.ratioMetric.good.metricSource.spec.constructor: a key named constructor is not allowed in an OpenSLO document (every object has a member of that name)',
    ]);
    const annotated = slo();
    annotated.metadata.annotations = JSON.parse('{"constructor": null}');
    expect(errorsOf(annotated)).toEqual([
      'metadata.annotations.constructor: a key named constructor is not allowed in an OpenSLO document (every object has a member of that name)',
    ]);
    const named = slo();
    named.spec.indicator.spec.ratioMetric.good.metricSource.spec = JSON.parse(
      '{"query": "g", "constructor": "x"}',
    );
    expect(errorsOf(named)).toEqual([
      'spec.indicator.spec.ratioMetric.good.metricSource.spec.constructor: a key named constructor is not allowed in an OpenSLO document (every object has a member of that name)',
    ]);
    // zod's length check turned this into "Cannot convert object to
    // primitive value".
    const lengthy = slo();
    lengthy.spec.indicator.spec.ratioMetric.total.metricSource.type =
      JSON.parse('{"length": {"toString": 1}}');
    expect(errorsOf(lengthy)).toEqual([
      'spec.indicator.spec.ratioMetric.total.metricSource.type.length.toString: a key named toString is not allowed in an OpenSLO document (every object has a member of that name)',
    ]);
    // Keys that merely look special are ordinary.
    const ordinary = slo();
    ordinary.spec.indicator.spec.ratioMetric.good.metricSource.spec = {
      query: 'g',
      length: 5,
      prototype: 'x',
    };
    expect(errorsOf(ordinary)).toEqual([]);
  });

  it('explains a target written as a percentage', () => {
    expect(errorsOf(slo({ objectives: [{ target: 99 }] }))).toEqual([
      'spec.objectives[0].target: must be between 0 and 1, got 99 (did you mean targetPercent: 99?)',
    ]);
  });

  it('gives the error as path and message too', () => {
    const result = validateOpenSloDocument(
      slo({ objectives: [{ target: 99 }] }),
    );
    expect(!result.ok && result.errors[0]).toEqual({
      path: 'spec.objectives[0].target',
      message:
        'must be between 0 and 1, got 99 (did you mean targetPercent: 99?)',
      formatted:
        'spec.objectives[0].target: must be between 0 and 1, got 99 (did you mean targetPercent: 99?)',
    });
  });

  it('rejects target 0 and targetPercent above 100', () => {
    expect(errorsOf(slo({ objectives: [{ target: 0 }] }))).toEqual([
      'spec.objectives[0].target: must be between 0 and 1, got 0',
    ]);
    expect(errorsOf(slo({ objectives: [{ targetPercent: 150 }] }))).toEqual([
      'spec.objectives[0].targetPercent: must be between 0 and 100, got 150',
    ]);
  });

  it('accepts targetPercent', () => {
    expect(errorsOf(slo({ objectives: [{ targetPercent: 99.9 }] }))).toEqual(
      [],
    );
  });

  it('wants exactly one of target and targetPercent', () => {
    expect(
      errorsOf(slo({ objectives: [{ target: 0.99, targetPercent: 99 }] })),
    ).toEqual([
      'spec.objectives[0].targetPercent: set either target or targetPercent, not both',
    ]);
    expect(errorsOf(slo({ objectives: [{ displayName: 'x' }] }))).toEqual([
      'spec.objectives[0].target: is required: set target (a ratio such as 0.99) or targetPercent (a percentage such as 99)',
    ]);
  });

  it.each([
    ['30 days', '30d'],
    ['30D', '30d'],
    ['1mo', '1M'],
  ])('explains the duration format for %p', (duration, suggestion) => {
    expect(
      errorsOf(slo({ timeWindow: [{ duration, isRolling: true }] })),
    ).toEqual([
      `spec.timeWindow[0].duration: must be a duration like 28d: a whole number followed by one unit of m (minute), h (hour), d (day), w (week), M (month), Q (quarter), Y (year), got ${JSON.stringify(
        duration,
      )} (did you mean ${suggestion}? units are case-sensitive: m = minute, M = month)`,
    ]);
  });

  it('suggests the right case for budgetingMethod', () => {
    expect(errorsOf(slo({ budgetingMethod: 'occurrences' }))).toEqual([
      'spec.budgetingMethod: expected one of Occurrences, Timeslices, RatioTimeslices, got "occurrences" (did you mean Occurrences?)',
    ]);
  });

  it('suggests the spelling for a misspelt budgetingMethod', () => {
    expect(errorsOf(slo({ budgetingMethod: 'Occurences' }))[0]).toContain(
      '(did you mean Occurrences?)',
    );
  });

  it('names a missing total in a ratio metric', () => {
    const doc = slo();
    delete doc.spec.indicator.spec.ratioMetric.total;
    expect(errorsOf(doc)).toEqual([
      'spec.indicator.spec.ratioMetric.total: is required when good is set: the ratio is good / total',
    ]);
  });

  it('accepts bad with total and raw with rawType', () => {
    const bad = slo();
    const ratio = bad.spec.indicator.spec.ratioMetric;
    ratio.bad = ratio.good;
    delete ratio.good;
    expect(errorsOf(bad)).toEqual([]);

    const raw = slo();
    raw.spec.indicator.spec.ratioMetric = {
      rawType: 'success',
      raw: { metricSource: { type: 'Datadog', spec: {} } },
    };
    expect(errorsOf(raw)).toEqual([]);
  });

  it('checks ratio metric combinations', () => {
    const both = slo();
    const ratio = both.spec.indicator.spec.ratioMetric;
    ratio.bad = ratio.good;
    expect(errorsOf(both)).toEqual([
      'spec.indicator.spec.ratioMetric.bad: set good or bad, not both (each is divided by total)',
    ]);

    const raw = slo();
    raw.spec.indicator.spec.ratioMetric = {
      raw: { metricSource: { type: 'Datadog', spec: {} } },
    };
    expect(errorsOf(raw)).toEqual([
      'spec.indicator.spec.ratioMetric.rawType: is required with raw: success if the raw ratio counts good events, failure if it counts bad ones',
    ]);

    const onlyTotal = slo();
    delete onlyTotal.spec.indicator.spec.ratioMetric.good;
    expect(errorsOf(onlyTotal)).toEqual([
      'spec.indicator.spec.ratioMetric.good: is required: give good or bad together with total',
    ]);
  });

  it('says only openslo/v1 is supported', () => {
    expect(errorsOf({ ...slo(), apiVersion: 'openslo/v1alpha' })).toEqual([
      'apiVersion: only openslo/v1 is supported, got "openslo/v1alpha" (convert the document to openslo/v1)',
    ]);
    expect(errorsOf({ ...slo(), apiVersion: undefined })).toEqual([
      'apiVersion: is required (expected openslo/v1)',
    ]);
  });

  it('hints when timeWindow is an object instead of a list', () => {
    expect(
      errorsOf(slo({ timeWindow: { duration: '28d', isRolling: true } })),
    ).toEqual([
      'spec.timeWindow: must be a list with exactly one item, got an object (put a dash before duration: "- duration: 28d")',
    ]);
  });

  it('wants exactly one time window', () => {
    expect(
      errorsOf(
        slo({
          timeWindow: [
            { duration: '28d', isRolling: true },
            { duration: '7d', isRolling: true },
          ],
        }),
      ),
    ).toEqual(['spec.timeWindow: must be a list with exactly one item, got 2']);
  });

  it('needs isRolling or a calendar, and a calendar when not rolling', () => {
    expect(errorsOf(slo({ timeWindow: [{ duration: '28d' }] }))).toEqual([
      'spec.timeWindow[0].isRolling: is required: true for a rolling window, or false with a calendar (startTime and timeZone)',
    ]);
    expect(
      errorsOf(slo({ timeWindow: [{ duration: '1M', isRolling: false }] })),
    ).toEqual([
      'spec.timeWindow[0].calendar: is required when isRolling is false: give calendar.startTime and calendar.timeZone',
    ]);
  });

  it('defaults isRolling to false when a calendar is given', () => {
    const result = validateOpenSloDocument(
      slo({
        timeWindow: [
          {
            duration: '1M',
            calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'UTC' },
          },
        ],
      }),
    );
    expect(
      result.ok && result.value.kind === 'SLO' && result.value.spec.timeWindow,
    ).toEqual([
      {
        duration: '1M',
        isRolling: false,
        calendar: { startTime: '2024-01-01 00:00:00', timeZone: 'UTC' },
      },
    ]);
  });

  it('checks calendar fields', () => {
    expect(
      errorsOf(
        slo({
          timeWindow: [
            {
              duration: '1M',
              isRolling: false,
              calendar: { startTime: 'soon', timeZone: 'Mars/Base' },
            },
          ],
        }),
      ),
    ).toEqual([
      'spec.timeWindow[0].calendar.startTime: must be a local date and time like 2022-01-01 12:00:00 (the zone comes from calendar.timeZone), got "soon"',
      'spec.timeWindow[0].calendar.timeZone: must be an IANA time zone name such as America/New_York or UTC, got "Mars/Base"',
    ]);
  });

  it('requires time slice fields for Timeslices', () => {
    expect(errorsOf(slo({ budgetingMethod: 'Timeslices' }))).toEqual([
      'spec.objectives[0].timeSliceTarget: is required when budgetingMethod is Timeslices',
      'spec.objectives[0].timeSliceWindow: is required when budgetingMethod is Timeslices',
    ]);
  });

  it('requires timeSliceWindow for RatioTimeslices', () => {
    expect(errorsOf(slo({ budgetingMethod: 'RatioTimeslices' }))).toEqual([
      'spec.objectives[0].timeSliceWindow: is required when budgetingMethod is RatioTimeslices',
    ]);
  });

  it('accepts timeSliceWindow as seconds and checks timeSliceTarget', () => {
    expect(
      errorsOf(
        slo({
          budgetingMethod: 'Timeslices',
          objectives: [
            { target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 60 },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        slo({
          budgetingMethod: 'Timeslices',
          objectives: [
            { target: 0.99, timeSliceTarget: 95, timeSliceWindow: '1 min' },
          ],
        }),
      ),
    ).toEqual([
      'spec.objectives[0].timeSliceTarget: must be between 0 and 1, got 95 (it is a ratio: did you mean 0.95?)',
      'spec.objectives[0].timeSliceWindow: must be a duration like 28d: a whole number followed by one unit of m (minute), h (hour), d (day), w (week), M (month), Q (quarter), Y (year), got "1 min" (did you mean 1m? units are case-sensitive: m = minute, M = month) (or a positive number of seconds)',
    ]);
  });

  it('checks op values with a suggestion', () => {
    expect(
      errorsOf(slo({ objectives: [{ target: 0.99, op: 'LT', value: 1 }] })),
    ).toEqual([
      'spec.objectives[0].op: expected one of lt, lte, gt, gte, got "LT" (did you mean lt?)',
    ]);
  });

  it('needs op and value for a threshold metric', () => {
    const doc = slo();
    doc.spec.indicator.spec = {
      thresholdMetric: { metricSource: { type: 'Any', spec: {} } },
    };
    expect(errorsOf(doc)).toEqual([
      'spec.objectives[0].op: is required for a thresholdMetric indicator (lt, lte, gt or gte)',
      'spec.objectives[0].value: is required for a thresholdMetric indicator (the threshold each measurement is compared with)',
    ]);
  });

  it('accepts indicatorRef, or indicators per objective', () => {
    const ref = slo({ indicatorRef: 'checkout-success' });
    delete ref.spec.indicator;
    expect(errorsOf(ref)).toEqual([]);

    const perObjective = slo();
    perObjective.spec.objectives = [
      { target: 0.99, indicator: perObjective.spec.indicator },
      { target: 0.9, indicatorRef: 'other-sli' },
    ];
    delete perObjective.spec.indicator;
    expect(errorsOf(perObjective)).toEqual([]);
  });

  it('needs an indicator somewhere, and only one form', () => {
    const none = slo();
    delete none.spec.indicator;
    none.spec.objectives = [{ target: 0.9 }, { target: 0.99 }];
    expect(errorsOf(none)).toEqual([
      'spec.indicator: is required: give spec.indicator (an inline SLI) or spec.indicatorRef (the name of an SLI), or one per objective',
    ]);
    expect(errorsOf(slo({ indicatorRef: 'x' }))).toEqual([
      'spec.indicatorRef: set indicator or indicatorRef, not both',
    ]);
  });

  it('accepts any metric source type, or a metricSourceRef', () => {
    const doc = slo();
    doc.spec.indicator.spec.ratioMetric.good.metricSource = {
      type: 'SomethingNobodyHasHeardOf',
      spec: { anything: [1, 2, 3] },
    };
    doc.spec.indicator.spec.ratioMetric.total.metricSource = {
      metricSourceRef: 'my-prometheus',
    };
    const result = validateOpenSloDocument(doc);
    expect(result.ok).toBe(true);
    // A missing spec becomes an empty mapping.
    expect(
      result.ok &&
        result.value.kind === 'SLO' &&
        result.value.spec.indicator?.spec.ratioMetric?.total?.metricSource,
    ).toEqual({ metricSourceRef: 'my-prometheus', spec: {} });
  });

  it('needs a metric source type or ref', () => {
    const doc = slo();
    doc.spec.indicator.spec.ratioMetric.good.metricSource = { spec: {} };
    expect(errorsOf(doc)).toEqual([
      'spec.indicator.spec.ratioMetric.good.metricSource: needs type (a data source type such as Prometheus) or metricSourceRef (the name of a DataSource)',
    ]);
  });

  it('is lenient about alert policies', () => {
    for (const alertPolicies of [
      null,
      [],
      ['page-on-fast-burn'],
      [{ alertPolicyRef: 'page-on-fast-burn' }],
      [{ kind: 'AlertPolicy', metadata: { name: 'x' }, spec: {} }],
      { kind: 'AlertPolicy', metadata: { name: 'x' }, spec: {} },
    ]) {
      expect(errorsOf(slo({ alertPolicies }))).toEqual([]);
    }
    expect(errorsOf(slo({ alertPolicies: [42] }))).toEqual([
      'spec.alertPolicies[0]: expected an alert policy (an inline AlertPolicy, or an alertPolicyRef name), got 42',
    ]);
  });

  it('allows reserved openslo.com/ annotations', () => {
    const doc = slo();
    doc.metadata.annotations = {
      'openslo.com/managed-by': 'backstage',
      team: 'payments',
    };
    doc.metadata.labels = { tier: ['critical'], env: 'prod' };
    expect(errorsOf(doc)).toEqual([]);
  });

  it('names non-string annotation values by their key', () => {
    const doc = slo();
    doc.metadata.annotations = { 'openslo.com/x': 5 };
    expect(errorsOf(doc)).toEqual([
      'metadata.annotations["openslo.com/x"]: expected a string, got 5',
    ]);
  });

  it('reports missing and mistyped fields', () => {
    const doc = slo();
    delete doc.spec.service;
    doc.metadata.name = '';
    doc.spec.objectives = [];
    expect(errorsOf(doc)).toEqual([
      'metadata.name: must not be empty',
      'spec.service: is required (expected a string)',
      'spec.objectives: must be a list with at least 1 item',
    ]);
  });

  it('explains a wrong kind or a non-document', () => {
    expect(errorsOf({ ...slo(), kind: 'slo' })).toEqual([
      'kind: expected SLO or SLI, got "slo" (did you mean SLO?)',
    ]);
    expect(errorsOf({ ...slo(), kind: 'Service' })).toEqual([
      'kind: expected SLO or SLI, got "Service" (only SLO and SLI documents are validated)',
    ]);
    expect(errorsOf('apiVersion: openslo/v1')).toEqual([
      '(document): expected an OpenSLO document (a mapping with apiVersion, kind, metadata and spec), got "apiVersion: openslo/v1"',
    ]);
  });

  it('validates SLI documents', () => {
    const sli = {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name: 'latency' },
      spec: {
        thresholdMetric: { metricSource: { type: 'Any', spec: { q: 1 } } },
      },
    };
    expect(errorsOf(sli)).toEqual([]);
    expect(errorsOf({ ...sli, spec: {} })).toEqual([
      'spec: needs a ratioMetric or a thresholdMetric',
    ]);
  });
});
