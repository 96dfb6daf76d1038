import { InputError } from '@backstage/errors';
import {
  MAX_SLI_EVENTS_PER_BATCH,
  SliEvent,
  SliEventBatch,
} from '@reliability-kit/plugin-reliability-common';
import { z } from 'zod';
import { formatZodIssues } from '../service/formatZodIssues';
import { textInput } from '../service/textInput';
import { timeInput as timestamp, toEpochMs } from '../service/timeInput';

// Bounded so that counts summed per minute and hour stay finite.
const count = z
  .number({ invalid_type_error: 'expected a non-negative number' })
  .finite()
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER);

const sloRef = textInput(1, 255);

const ratioEvent = z
  .object({
    slo: sloRef,
    timestamp,
    good: count,
    total: count,
  })
  .strict()
  .refine(event => event.good <= event.total, {
    message: 'good must not exceed total',
    path: ['good'],
  });

const thresholdEvent = z
  .object({
    slo: sloRef,
    timestamp,
    value: z.number().finite(),
  })
  .strict();

const EVENT_SHAPES =
  'expected {slo, timestamp, good, total} for a ratio SLI or {slo, timestamp, value} for a threshold SLI';

/**
 * One event: a threshold event when it has `value`, else a ratio event, so
 * that an error names the wrong field (`events[3].timestamp`) rather than
 * saying that neither shape fits.
 */
const sliEvent = z.unknown().transform((event, ctx) => {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: EVENT_SHAPES });
    return z.NEVER;
  }
  const schema = 'value' in event ? thresholdEvent : ratioEvent;
  const result = schema.safeParse(event);
  if (!result.success) {
    for (const issue of result.error.issues) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: issue.path,
        message: issue.message,
      });
    }
    return z.NEVER;
  }
  return result.data as SliEvent;
});

const batchSchema = z
  .object({
    idempotencyKey: textInput(1, 200),
    events: z
      .array(sliEvent)
      .min(1)
      .max(MAX_SLI_EVENTS_PER_BATCH, {
        message: `at most ${MAX_SLI_EVENTS_PER_BATCH.toLocaleString(
          'en-US',
        )} events per batch; split the batch`,
      }),
  })
  .strict();

/** A validated event, its time as epoch milliseconds. */
export type ParsedSliEvent =
  | { slo: string; at: number; good: number; total: number }
  | { slo: string; at: number; value: number };

/**
 * Validates the body of `POST /sli-events`; throws an InputError naming the
 * field path of every problem.
 */
export function parseSliEventBatch(body: unknown): {
  idempotencyKey: string;
  events: ParsedSliEvent[];
} {
  const result = batchSchema.safeParse(body);
  if (!result.success) {
    throw new InputError(
      `Invalid SLI event batch: ${formatZodIssues(result.error.issues)}`,
    );
  }
  const batch = result.data as SliEventBatch;
  return {
    idempotencyKey: batch.idempotencyKey,
    events: batch.events.map(event => {
      const at = toEpochMs(event.timestamp);
      return 'value' in event
        ? { slo: event.slo, at, value: event.value }
        : { slo: event.slo, at, good: event.good, total: event.total };
    }),
  };
}
