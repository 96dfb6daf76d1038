import { z } from 'zod';
import { didYouMean } from '../util/didYouMean';
import { SCORECARD_OPERATORS } from './operators';
import type { ScorecardDefinition } from './types';

const ID = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const id = z
  .string()
  .regex(
    ID,
    'use letters, digits and . _ / - (starting with a letter or digit)',
  )
  .max(100);
const text = z.string().trim().min(1, 'must not be empty');
const list = z.array(z.string().trim().min(1)).min(1, 'must not be empty');

const check = z
  .object({
    id,
    title: text,
    description: z.string().optional(),
    fact: z.string().min(1),
    operator: z.string(),
    threshold: z.union([
      z.boolean(),
      z.number().finite(),
      z.string(),
      z.null(),
      z.array(z.union([z.string(), z.number().finite()])),
    ]),
    howToFix: text,
    snippet: z.string().optional(),
    tiers: list.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!(SCORECARD_OPERATORS as readonly string[]).includes(value.operator)) {
      const hint = didYouMean(value.operator, SCORECARD_OPERATORS);
      ctx.addIssue({
        code: 'custom',
        path: ['operator'],
        message: `expected one of ${SCORECARD_OPERATORS.join(', ')}, got "${
          value.operator
        }"${hint ? ` (did you mean ${hint}?)` : ''}`,
      });
    }
    const listOperator = value.operator === 'in' || value.operator === 'notIn';
    if (listOperator !== Array.isArray(value.threshold)) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: listOperator
          ? `${value.operator} needs a list of values`
          : `${value.operator} needs a single value, not a list`,
      });
    }
    if (
      /^(less|greater)Than/.test(value.operator) &&
      typeof value.threshold !== 'number'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `${value.operator} needs a number`,
      });
    }
  });

const definition = z
  .object({
    id,
    title: text,
    description: z.string().default(''),
    appliesTo: z
      .object({
        kind: list.optional(),
        type: list.optional(),
        tier: list.optional(),
        lifecycle: list.optional(),
        filter: z.record(z.union([z.string(), z.array(z.string())])).optional(),
      })
      .strict()
      .default({ kind: ['Component'] }),
    levels: z
      .array(
        z
          .object({
            id,
            title: text,
            description: z.string().optional(),
            checks: z.array(check).min(1, 'a level needs at least one check'),
          })
          .strict(),
      )
      .min(1, 'a scorecard needs at least one level'),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seenLevels = new Set<string>();
    const seenChecks = new Set<string>();
    value.levels.forEach((level, i) => {
      if (seenLevels.has(level.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'id'],
          message: `level "${level.id}" is defined twice`,
        });
      }
      seenLevels.add(level.id);
      level.checks.forEach((c, j) => {
        if (seenChecks.has(c.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['levels', i, 'checks', j, 'id'],
            message: `check "${c.id}" is defined twice in this scorecard; exemptions name checks by id, so ids must be unique`,
          });
        }
        seenChecks.add(c.id);
      });
    });
  });

function pathOf(base: string, path: ReadonlyArray<string | number>) {
  return path.reduce<string>(
    (acc, segment) =>
      typeof segment === 'number' ? `${acc}[${segment}]` : `${acc}.${segment}`,
    base,
  );
}

/**
 * The result of {@link parseScorecardDefinitions}.
 *
 * @public
 */
export type ScorecardDefinitionsResult =
  | { ok: true; value: ScorecardDefinition[] }
  | { ok: false; errors: string[] };

/**
 * Validates scorecard definitions as written in app-config. Errors name the
 * config path, such as
 * `reliability.scorecards.definitions[0].levels[1].checks[2].operator: …`;
 * with `knownFacts`, a check reading an unknown fact is an error too.
 *
 * @public
 */
export function parseScorecardDefinitions(
  input: unknown,
  options: { path?: string; knownFacts?: readonly string[] } = {},
): ScorecardDefinitionsResult {
  const base = options.path ?? 'reliability.scorecards.definitions';
  const parsed = z.array(definition).safeParse(input ?? []);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map(
        issue => `${pathOf(base, issue.path)}: ${issue.message}`,
      ),
    };
  }
  const errors: string[] = [];
  const ids = new Set<string>();
  parsed.data.forEach((card, i) => {
    if (ids.has(card.id)) {
      errors.push(`${base}[${i}].id: scorecard "${card.id}" is defined twice`);
    }
    ids.add(card.id);
    if (!options.knownFacts) return;
    card.levels.forEach((level, j) =>
      level.checks.forEach((c, k) => {
        if (options.knownFacts!.includes(c.fact)) return;
        const hint = didYouMean(c.fact, options.knownFacts!);
        errors.push(
          `${base}[${i}].levels[${j}].checks[${k}].fact: unknown fact "${
            c.fact
          }"${
            hint ? ` (did you mean ${hint}?)` : ''
          }; known facts: ${options.knownFacts!.join(', ')}`,
        );
      }),
    );
  });
  return errors.length
    ? { ok: false, errors }
    : { ok: true, value: parsed.data as ScorecardDefinition[] };
}
