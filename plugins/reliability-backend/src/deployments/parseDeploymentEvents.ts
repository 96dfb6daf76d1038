import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CanaryStep,
  DeploymentEvent,
} from '@reliability-kit/plugin-reliability-common';
import { z } from 'zod';
import { formatZodIssues } from '../service/formatZodIssues';
import { timeInput, toEpochMs } from '../service/timeInput';

/** The most deployments one request may carry. */
export const MAX_DEPLOYMENTS_PER_REQUEST = 1000;

const canaryStep = z
  .object({
    weight: z.number().finite().min(0).max(100),
    status: z.enum(['pending', 'running', 'passed', 'failed', 'aborted']),
    analysis: z.string().max(2000).optional(),
  })
  .strict();

const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine(value => /^https?:\/\//i.test(value), {
    message: 'expected an http or https URL',
  });

const deploymentEvent = z
  .object({
    id: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\w.:/@+-]+$/, {
        message:
          'expected 1 to 200 letters, digits or . _ : / @ + - (for example github-actions/1234/1)',
      }),
    entity: z
      .string()
      .min(1)
      .max(255)
      .transform((value, ctx) => {
        try {
          return stringifyEntityRef(
            parseEntityRef(value, {
              defaultKind: 'component',
              defaultNamespace: 'default',
            }),
          );
        } catch (error) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `expected an entity ref such as component:default/payments-api (${
              (error as Error).message
            })`,
          });
          return z.NEVER;
        }
      }),
    environment: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[\w.-]+$/, { message: 'expected letters, digits, . _ or -' }),
    status: z.enum(['started', 'succeeded', 'failed', 'rolled_back']),
    version: z.string().min(1).max(200).optional(),
    commit: z.string().min(1).max(100).optional(),
    strategy: z.enum(['rolling', 'canary', 'blue-green']).optional(),
    canarySteps: z.array(canaryStep).max(100).optional(),
    startedAt: timeInput,
    finishedAt: timeInput.optional(),
    commitTime: timeInput.optional(),
    pipelineUrl: httpUrl.optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    const started = toEpochMs(event.startedAt);
    if (
      event.finishedAt !== undefined &&
      toEpochMs(event.finishedAt) < started
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['finishedAt'],
        message: 'must not be before startedAt',
      });
    }
    if (event.status !== 'started' && event.finishedAt === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['finishedAt'],
        message: `required when status is ${event.status}`,
      });
    }
    if (
      event.commitTime !== undefined &&
      toEpochMs(event.commitTime) > started
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['commitTime'],
        message: 'must not be after startedAt',
      });
    }
    if (event.canarySteps && event.strategy !== 'canary') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['canarySteps'],
        message: 'only for strategy canary',
      });
    }
  });

const body = z.union([
  deploymentEvent,
  z
    .object({
      deployments: z
        .array(deploymentEvent)
        .min(1)
        .max(MAX_DEPLOYMENTS_PER_REQUEST, {
          message: `at most ${MAX_DEPLOYMENTS_PER_REQUEST} deployments per request; split them`,
        }),
    })
    .strict(),
]);

/** A validated deployment, times as epoch milliseconds. */
export interface ParsedDeployment {
  id: string;
  entity: string;
  environment: string;
  status: DeploymentEvent['status'];
  version?: string;
  commit?: string;
  strategy?: DeploymentEvent['strategy'];
  canarySteps?: CanaryStep[];
  startedAt: number;
  finishedAt?: number;
  commitTime?: number;
  pipelineUrl?: string;
}

function issuesOf(input: unknown) {
  // Report the errors of the shape the client meant: a batch when it has
  // `deployments`, otherwise one deployment.
  const isBatch =
    typeof input === 'object' && input !== null && 'deployments' in input;
  const schema = isBatch ? body.options[1] : body.options[0];
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues;
}

/**
 * Validates the body of `POST /v1/deployments`: one deployment, or
 * `{ deployments: [...] }`. Throws an InputError naming each wrong field.
 * A batch that repeats an id keeps the last occurrence.
 */
export function parseDeploymentEvents(input: unknown): ParsedDeployment[] {
  const result = body.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid deployment: ${formatZodIssues(issuesOf(input))}`,
    );
  }
  const events =
    'deployments' in result.data ? result.data.deployments : [result.data];
  const byId = new Map<string, ParsedDeployment>();
  for (const event of events) {
    byId.set(event.id, {
      ...event,
      startedAt: toEpochMs(event.startedAt),
      finishedAt:
        event.finishedAt === undefined
          ? undefined
          : toEpochMs(event.finishedAt),
      commitTime:
        event.commitTime === undefined
          ? undefined
          : toEpochMs(event.commitTime),
    });
  }
  return [...byId.values()];
}
