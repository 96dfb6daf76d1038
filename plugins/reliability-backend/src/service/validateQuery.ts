import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { formatZodIssues } from './formatZodIssues';

/** Parses request input with a schema; a mismatch is a 400 naming the field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${formatZodIssues(result.error.issues)}`,
    );
  }
  return result.data;
}

/** A query parameter given once or several times, or comma-separated. */
export const listParam = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(value =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : [value])
          .flatMap(v => v.split(','))
          .map(v => v.trim())
          .filter(Boolean),
  );

/** A time given as epoch ms or ISO 8601. */
export const timeParam = z.string().transform((value, ctx) => {
  const at = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(at)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'expected epoch milliseconds or an ISO 8601 time',
    });
    return z.NEVER;
  }
  return at;
});
