import { z } from 'zod';

/** A time in a request body: epoch milliseconds or ISO 8601. */
export const timeInput = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .min(1)
    .max(64)
    .refine(value => !Number.isNaN(Date.parse(value)), {
      message: 'expected an ISO 8601 time such as 2026-11-24T12:00:00Z',
    }),
]);

/** Epoch milliseconds of a validated {@link timeInput}. */
export function toEpochMs(value: string | number): number {
  return typeof value === 'number' ? value : Date.parse(value);
}
