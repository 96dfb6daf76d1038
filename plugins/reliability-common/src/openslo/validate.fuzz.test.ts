import fc from 'fast-check';
import { parseCalendarStartTime } from './calendarStartTime';
import { parseOpenSloDuration } from './duration';
import { isValidTimeZone } from './timeZone';
import { validateOpenSloDocument } from './validate';

// The validator and its parsers take whatever a YAML or JSON parser gives
// (including Dates from YAML 1.1, NaN and Infinity from .nan and .inf):
// they return results, never throw. Documents close to valid ones go
// through the catalog module's fuzz test
// (catalog-backend-module-reliability/src/processors/processors.fuzz.test.ts).

const anyValue = fc.oneof(
  fc.anything({
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withBigInt: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  }),
  fc.constantFrom(
    new Date(NaN),
    new Date(8.64e15),
    NaN,
    Infinity,
    -0,
    '',
    '\uD800',
    `${'9'.repeat(400)}d`,
  ),
);

const documentLike = fc.record({
  apiVersion: fc.oneof(fc.constant('openslo/v1'), anyValue),
  kind: fc.oneof(fc.constantFrom('SLO', 'SLI'), anyValue),
  metadata: fc.oneof(fc.record({ name: anyValue }), anyValue),
  spec: fc.oneof(
    fc.record(
      {
        service: anyValue,
        indicatorRef: anyValue,
        timeWindow: fc.oneof(
          fc.array(
            fc.record({
              duration: anyValue,
              isRolling: anyValue,
              calendar: fc.record({ startTime: anyValue, timeZone: anyValue }),
            }),
            { maxLength: 2 },
          ),
          anyValue,
        ),
        budgetingMethod: fc.oneof(
          fc.constantFrom('Occurrences', 'Timeslices', 'RatioTimeslices'),
          anyValue,
        ),
        objectives: fc.oneof(
          fc.array(
            fc.record({
              target: anyValue,
              targetPercent: anyValue,
              timeSliceWindow: anyValue,
              op: anyValue,
              value: anyValue,
            }),
            { maxLength: 3 },
          ),
          anyValue,
        ),
        thresholdMetric: anyValue,
        ratioMetric: anyValue,
      },
      { requiredKeys: [] },
    ),
    anyValue,
  ),
});

describe('OpenSLO validation under fuzzing', () => {
  it('returns a result for any value, with short messages naming paths', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.oneof(documentLike, anyValue), doc => {
          const result = validateOpenSloDocument(doc);
          if (result.ok) return;
          if (result.errors.length === 0) throw new Error('no errors');
          for (const error of result.errors) {
            if (
              error.formatted !==
              `${error.path || '(document)'}: ${error.message}`
            ) {
              throw new Error(`badly formatted: ${error.formatted}`);
            }
            if (error.formatted.length > 1000) {
              throw new Error(`${error.formatted.length} characters long`);
            }
          }
        }),
        { numRuns: 3000 },
      ),
    ).not.toThrow();
  });

  it('parses durations, start times and zones of any value without throwing', () => {
    expect(() =>
      fc.assert(
        fc.property(anyValue, value => {
          const duration = parseOpenSloDuration(value);
          if (
            duration.ok &&
            !(duration.value.milliseconds <= 36_500 * 86_400_000)
          ) {
            throw new Error(`accepted ${duration.value.milliseconds} ms`);
          }
          parseCalendarStartTime(value);
          if (typeof value === 'string') isValidTimeZone(value);
        }),
        { numRuns: 2000 },
      ),
    ).not.toThrow();
  });

  // Counterexamples from fuzzing.
  it('refuses durations past 100 years instead of windows of Infinity ms', () => {
    expect(parseOpenSloDuration('36500d').ok).toBe(true);
    expect(parseOpenSloDuration('100Y').ok).toBe(true);
    expect(parseOpenSloDuration('36501d')).toEqual({
      ok: false,
      message: 'must be at most 100 years (36500d), got "36501d"',
    });
    const digits = `${'9'.repeat(400)}d`;
    const result = parseOpenSloDuration(digits);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.message.length).toBeLessThan(300);
  });

  it('describes an invalid Date instead of throwing a RangeError', () => {
    expect(
      validateOpenSloDocument({
        apiVersion: 'openslo/v1',
        kind: new Date(NaN),
      }),
    ).toEqual({
      ok: false,
      errors: [
        {
          path: 'kind',
          message:
            'expected SLO or SLI, got an invalid date (only SLO and SLI documents are validated)',
          formatted:
            'kind: expected SLO or SLI, got an invalid date (only SLO and SLI documents are validated)',
        },
      ],
    });
  });
});
