import { z } from 'zod/v4';
import { describeValue } from '../util/describeValue';
import { isPlainObject } from '../util/isPlainObject';
import { parseCalendarStartTime } from './calendarStartTime';
import {
  OPENSLO_DURATION_FORMAT,
  OPENSLO_MAX_DURATION_MILLISECONDS,
  parseOpenSloDuration,
} from './duration';
import { isValidTimeZone } from './timeZone';
import type { OpenSloAlertPolicyEntry, OpenSloSli, OpenSloSlo } from './types';

// Zod v4 API via the `zod/v4` subpath, which zod 3.25+ and 4.x both provide.

const custom = (message: string, path: PropertyKey[] = []) => ({
  code: 'custom' as const,
  message,
  path,
});

const nonEmptyString = z.string().min(1);

type AddIssue = (message: string, path?: PropertyKey[]) => void;

/**
 * A cross-field check that runs only when the value parsed cleanly, so one
 * mistake does not cascade into follow-up errors about the same field.
 */
function crossCheck<T>(fn: (value: T, addIssue: AddIssue) => void) {
  return (payload: z.core.ParsePayload<T>) => {
    if (payload.issues.length > 0) return;
    fn(payload.value, (message, path = []) => {
      payload.issues.push({
        code: 'custom',
        message,
        path,
        input: payload.value,
      });
    });
  };
}

/** A number in (0, max], with an optional hint for values just above max. */
function ratioLike(max: number, hint: (value: number) => string) {
  return z.number().superRefine((value, ctx) => {
    if (!(value > 0 && value <= max)) {
      ctx.addIssue(
        custom(`must be between 0 and ${max}, got ${value}${hint(value)}`),
      );
    }
  });
}

const durationSchema = z
  .string({
    error: iss =>
      iss.input === undefined
        ? undefined
        : `must be ${OPENSLO_DURATION_FORMAT}, got ${describeValue(iss.input)}`,
  })
  .superRefine((value, ctx) => {
    const parsed = parseOpenSloDuration(value);
    if (!parsed.ok) ctx.addIssue(custom(parsed.message));
  });

const metadataSchema = z.object({
  name: nonEmptyString,
  displayName: z.string().optional(),
  labels: z
    .record(
      z.string(),
      z.union([z.string(), z.array(z.string())], {
        error: iss =>
          `expected a string or a list of strings, got ${describeValue(
            iss.input,
          )}`,
      }),
    )
    .optional(),
  // Any key is allowed, including the reserved `openslo.com/` prefix.
  annotations: z.record(z.string(), z.string()).optional(),
});

const metricSourceSchema = z
  .object({
    type: nonEmptyString.optional(),
    metricSourceRef: nonEmptyString.optional(),
    // Query fields differ per source type, so they stay free-form.
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .check(
    crossCheck((source, addIssue) => {
      if (source.type === undefined && source.metricSourceRef === undefined) {
        addIssue(
          'needs type (a data source type such as Prometheus) or metricSourceRef (the name of a DataSource)',
        );
      }
    }),
  )
  .transform(source => ({ ...source, spec: source.spec ?? {} }));

const metricSchema = z.object({ metricSource: metricSourceSchema });

const ratioMetricSchema = z
  .object({
    counter: z.boolean().optional(),
    good: metricSchema.optional(),
    bad: metricSchema.optional(),
    total: metricSchema.optional(),
    rawType: z.enum(['success', 'failure']).optional(),
    raw: metricSchema.optional(),
  })
  .check(
    crossCheck((ratio, addIssue) => {
      const { good, bad, total, raw, rawType } = ratio;
      if (raw !== undefined || rawType !== undefined) {
        if (raw === undefined) {
          addIssue('is required when rawType is set', ['raw']);
        }
        if (rawType === undefined) {
          addIssue(
            'is required with raw: success if the raw ratio counts good events, failure if it counts bad ones',
            ['rawType'],
          );
        }
        if (good || bad || total) {
          addIssue('use either raw with rawType, or good/bad with total', [
            'raw',
          ]);
        }
        return;
      }
      if (good && bad) {
        addIssue('set good or bad, not both (each is divided by total)', [
          'bad',
        ]);
      }
      if ((good || bad) && !total) {
        addIssue(
          good
            ? 'is required when good is set: the ratio is good / total'
            : 'is required when bad is set: the ratio is 1 - bad / total',
          ['total'],
        );
      }
      if (!good && !bad) {
        addIssue(
          total
            ? 'is required: give good or bad together with total'
            : 'needs good or bad together with total, or raw with rawType',
          total ? ['good'] : [],
        );
      }
    }),
  );

const thresholdMetricSchema = z.object({ metricSource: metricSourceSchema });

const sliSpecSchema = z
  .object({
    description: z.string().optional(),
    ratioMetric: ratioMetricSchema.optional(),
    thresholdMetric: thresholdMetricSchema.optional(),
  })
  .check(
    crossCheck((spec, addIssue) => {
      if (spec.ratioMetric && spec.thresholdMetric) {
        addIssue('set ratioMetric or thresholdMetric, not both', [
          'thresholdMetric',
        ]);
      } else if (!spec.ratioMetric && !spec.thresholdMetric) {
        addIssue('needs a ratioMetric or a thresholdMetric');
      }
    }),
  );

const inlineIndicatorSchema = z.object(
  { metadata: metadataSchema, spec: sliSpecSchema },
  {
    error: iss =>
      iss.input === undefined
        ? undefined
        : `expected an inline SLI (metadata and spec), got ${describeValue(
            iss.input,
          )}`,
  },
);

const startTimeSchema = z.unknown().transform((value, ctx) => {
  const parsed = parseCalendarStartTime(value);
  if (!parsed.ok) {
    ctx.issues.push({ code: 'custom', message: parsed.message, input: value });
    return z.NEVER;
  }
  return parsed.value;
});

const calendarSchema = z.object({
  startTime: startTimeSchema,
  timeZone: z.string().superRefine((zone, ctx) => {
    if (!isValidTimeZone(zone)) {
      ctx.addIssue(
        custom(
          `must be an IANA time zone name such as America/New_York or UTC, got ${describeValue(
            zone,
          )}`,
        ),
      );
    }
  }),
});

const timeWindowItemSchema = z
  .object({
    duration: durationSchema,
    isRolling: z.boolean().optional(),
    calendar: calendarSchema.optional(),
  })
  .check(
    crossCheck((w, addIssue) => {
      if (w.isRolling === undefined && w.calendar === undefined) {
        addIssue(
          'is required: true for a rolling window, or false with a calendar (startTime and timeZone)',
          ['isRolling'],
        );
      } else if (w.isRolling === false && w.calendar === undefined) {
        addIssue(
          'is required when isRolling is false: give calendar.startTime and calendar.timeZone',
          ['calendar'],
        );
      }
    }),
  )
  // OpenSLO: isRolling may be left out when a calendar is given.
  .transform(w => ({
    ...w,
    isRolling: w.isRolling ?? w.calendar === undefined,
  }));

const timeWindowSchema = z
  .array(timeWindowItemSchema, {
    error: iss =>
      isPlainObject(iss.input)
        ? 'must be a list with exactly one item, got an object (put a dash before duration: "- duration: 28d")'
        : undefined,
  })
  .superRefine((list, ctx) => {
    if (list.length !== 1) {
      ctx.addIssue(
        custom(`must be a list with exactly one item, got ${list.length}`),
      );
    }
  })
  .transform(list => list as [(typeof list)[number]]);

// Either a duration shorthand or a number of seconds, as OpenSLO allows.
const timeSliceWindowSchema = z.unknown().transform((value, ctx) => {
  if (
    typeof value === 'number' &&
    value > 0 &&
    value * 1000 <= OPENSLO_MAX_DURATION_MILLISECONDS
  ) {
    return value;
  }
  if (typeof value === 'number' && value > 0) {
    ctx.issues.push({
      code: 'custom',
      message: `must be at most 100 years (3153600000 seconds), got ${value}`,
      input: value,
    });
    return z.NEVER;
  }
  const parsed = parseOpenSloDuration(value);
  if (!parsed.ok) {
    ctx.issues.push({
      code: 'custom',
      message: `${parsed.message} (or a positive number of seconds)`,
      input: value,
    });
    return z.NEVER;
  }
  return value as string;
});

const objectiveSchema = z
  .object({
    displayName: z.string().optional(),
    op: z.enum(['lt', 'lte', 'gt', 'gte']).optional(),
    value: z.number().optional(),
    target: ratioLike(1, v =>
      v > 1 && v <= 100 ? ` (did you mean targetPercent: ${v}?)` : '',
    ).optional(),
    targetPercent: ratioLike(100, () => '').optional(),
    timeSliceTarget: ratioLike(1, v =>
      v > 1 && v <= 100 ? ` (it is a ratio: did you mean ${v / 100}?)` : '',
    ).optional(),
    timeSliceWindow: timeSliceWindowSchema.optional(),
    indicator: inlineIndicatorSchema.optional(),
    indicatorRef: nonEmptyString.optional(),
  })
  .check(
    crossCheck((o, addIssue) => {
      if (o.target !== undefined && o.targetPercent !== undefined) {
        addIssue('set either target or targetPercent, not both', [
          'targetPercent',
        ]);
      } else if (o.target === undefined && o.targetPercent === undefined) {
        addIssue(
          'is required: set target (a ratio such as 0.99) or targetPercent (a percentage such as 99)',
          ['target'],
        );
      }
      if (o.indicator && o.indicatorRef !== undefined) {
        addIssue('set indicator or indicatorRef, not both', ['indicatorRef']);
      }
    }),
  );

const alertPolicyEntrySchema = z.unknown().superRefine((entry, ctx) => {
  // Lenient on purpose: alert policies are optional to this project and
  // tools write them in several shapes.
  if (!(typeof entry === 'string' && entry) && !isPlainObject(entry)) {
    ctx.addIssue(
      custom(
        `expected an alert policy (an inline AlertPolicy, or an alertPolicyRef name), got ${describeValue(
          entry,
        )}`,
      ),
    );
  }
}) as z.ZodType<OpenSloAlertPolicyEntry>;

const alertPoliciesSchema = z.preprocess(
  // A single policy written without the list dash is accepted as a list.
  value =>
    value === undefined || value === null || Array.isArray(value)
      ? value
      : [value],
  z.array(alertPolicyEntrySchema).nullable().optional(),
);

const sloSpecSchema = z
  .object({
    description: z.string().optional(),
    service: nonEmptyString,
    indicator: inlineIndicatorSchema.optional(),
    indicatorRef: nonEmptyString.optional(),
    timeWindow: timeWindowSchema,
    budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    objectives: z.array(objectiveSchema).min(1),
    alertPolicies: alertPoliciesSchema,
  })
  .check(
    crossCheck((spec, addIssue) => {
      if (spec.indicator && spec.indicatorRef !== undefined) {
        addIssue('set indicator or indicatorRef, not both', ['indicatorRef']);
      }
      const hasSpecIndicator =
        spec.indicator !== undefined || spec.indicatorRef !== undefined;
      spec.objectives.forEach((o, i) => {
        const hasOwnIndicator =
          o.indicator !== undefined || o.indicatorRef !== undefined;
        if (!hasSpecIndicator && !hasOwnIndicator) {
          addIssue(
            'is required: give spec.indicator (an inline SLI) or spec.indicatorRef (the name of an SLI), or one per objective',
            ['indicator'],
          );
        }
        const indicator =
          o.indicator ?? (o.indicatorRef ? undefined : spec.indicator);
        if (indicator?.spec.thresholdMetric) {
          for (const key of ['op', 'value'] as const) {
            if (o[key] === undefined) {
              addIssue(
                `is required for a thresholdMetric indicator (${
                  key === 'op'
                    ? 'lt, lte, gt or gte'
                    : 'the threshold each measurement is compared with'
                })`,
                ['objectives', i, key],
              );
            }
          }
        }
        if (spec.budgetingMethod === 'Timeslices') {
          for (const key of ['timeSliceTarget', 'timeSliceWindow'] as const) {
            if (o[key] === undefined) {
              addIssue('is required when budgetingMethod is Timeslices', [
                'objectives',
                i,
                key,
              ]);
            }
          }
        }
        if (
          spec.budgetingMethod === 'RatioTimeslices' &&
          o.timeSliceWindow === undefined
        ) {
          addIssue('is required when budgetingMethod is RatioTimeslices', [
            'objectives',
            i,
            'timeSliceWindow',
          ]);
        }
      });
    }),
  );

// Only the first missing-indicator issue is useful; the schema reports one
// per objective, so the validator de-duplicates identical errors.

const documentShape = {
  apiVersion: z.literal('openslo/v1'),
  metadata: metadataSchema,
};

/**
 * Zod schema of an OpenSLO v1 SLO document.
 *
 * @internal
 */
export const sloDocumentSchema = z.object({
  ...documentShape,
  kind: z.literal('SLO'),
  spec: sloSpecSchema,
});

/**
 * Zod schema of an OpenSLO v1 SLI document.
 *
 * @internal
 */
export const sliDocumentSchema = z.object({
  ...documentShape,
  kind: z.literal('SLI'),
  spec: sliSpecSchema,
});

// Compile-time checks that parsed output fits the hand-written types.
const _sloCheck = (v: z.output<typeof sloDocumentSchema>): OpenSloSlo => v;
const _sliCheck = (v: z.output<typeof sliDocumentSchema>): OpenSloSli => v;
void _sloCheck;
void _sliCheck;
