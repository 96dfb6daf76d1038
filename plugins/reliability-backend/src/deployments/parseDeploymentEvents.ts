import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CanaryStep,
  DeploymentEvent,
} from '@reliability-kit/plugin-reliability-common';
import { z } from 'zod';
import { formatZodIssues } from '../service/formatZodIssues';
import { isStorableText, textInput } from '../service/textInput';
import { timeInput, toEpochMs } from '../service/timeInput';

/** The most deployments one request may carry. */
export const MAX_DEPLOYMENTS_PER_REQUEST = 1000;

const canaryStep = z
  .object({
    weight: z.number().finite().min(0).max(100),
    status: z.enum(['pending', 'running', 'passed', 'failed', 'aborted']),
    analysis: textInput(0, 2000).optional(),
  })
  .strict();

const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine(isStorableText, {
    message: 'must not contain NUL characters or unpaired surrogates',
  })
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
    entity: textInput(1, 255).transform((value, ctx) => {
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
    version: textInput(1, 200).optional(),
    commit: textInput(1, 100).optional(),
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
          message: `at most ${MAX_DEPLOYMENTS_PER_REQUEST.toLocaleString(
            'en-US',
          )} deployments per request; split them`,
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

function isBatch(input: unknown): boolean {
  return typeof input === 'object' && input !== null && 'deployments' in input;
}

const DEPLOYMENT_KEYS = ['id', 'entity', 'environment', 'status', 'startedAt'];

function issuesOf(input: unknown) {
  // Report the errors of the shape the client meant: a batch when it has
  // `deployments`, otherwise one deployment.
  const schema = isBatch(input) ? body.options[1] : body.options[0];
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues;
}

/** Says which shapes are accepted when the body looks like neither. */
function shapeHint(input: unknown): string {
  const looksLikeOne =
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    DEPLOYMENT_KEYS.some(key => key in input);
  return isBatch(input) || looksLikeOne
    ? ''
    : 'expected one deployment {id, entity, environment, status, startedAt, ...} or a batch {deployments: [...]}; ';
}

/** A validated request: deployments and where each entity ref was written. */
export interface ParsedDeploymentRequest {
  deployments: ParsedDeployment[];
  /** Normalised entity ref to the paths naming it, e.g. `deployments[3].entity`. */
  entityPaths: Map<string, string[]>;
}

/**
 * Validates the body of `POST /v1/deployments`: one deployment, or
 * `{ deployments: [...] }`. Throws an InputError naming each wrong field.
 * A batch that repeats an id keeps the last occurrence.
 */
export function parseDeploymentRequest(
  input: unknown,
): ParsedDeploymentRequest {
  const result = body.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid deployment: ${shapeHint(input)}${formatZodIssues(
        issuesOf(input),
      )}`,
    );
  }
  const data = result.data;
  const batch = 'deployments' in data;
  const events = 'deployments' in data ? data.deployments : [data];
  const byId = new Map<string, ParsedDeployment>();
  const entityPaths = new Map<string, string[]>();
  events.forEach((event, index) => {
    const paths = entityPaths.get(event.entity) ?? [];
    paths.push(batch ? `deployments[${index}].entity` : 'entity');
    entityPaths.set(event.entity, paths);
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
  });
  return { deployments: [...byId.values()], entityPaths };
}

/** The deployments of a valid request body, see {@link parseDeploymentRequest}. */
export function parseDeploymentEvents(input: unknown): ParsedDeployment[] {
  return parseDeploymentRequest(input).deployments;
}
