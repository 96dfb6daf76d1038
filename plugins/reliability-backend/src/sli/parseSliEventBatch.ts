import { InputError } from '@backstage/errors';
import {
  MAX_SLI_EVENTS_PER_BATCH,
  SliEventBatch,
} from '@reliability-kit/plugin-reliability-common';
import { z } from 'zod';
import { formatZodIssues } from '../service/formatZodIssues';
import { timeInput as timestamp, toEpochMs } from '../service/timeInput';

const count = z
  .number({ invalid_type_error: 'expected a non-negative number' })
  .finite()
  .nonnegative();

const ratioEvent = z
  .object({
    slo: z.string().min(1).max(255),
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
    slo: z.string().min(1).max(255),
    timestamp,
    value: z.number().finite(),
  })
  .strict();

const batchSchema = z
  .object({
    idempotencyKey: z.string().min(1).max(200),
    events: z
      .array(
        z.union([ratioEvent, thresholdEvent], {
          errorMap: () => ({
            message:
              'expected {slo, timestamp, good, total} for a ratio SLI or {slo, timestamp, value} for a threshold SLI',
          }),
        }),
      )
      .min(1)
      .max(MAX_SLI_EVENTS_PER_BATCH, {
        message: `at most ${MAX_SLI_EVENTS_PER_BATCH} events per batch; split the batch`,
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
