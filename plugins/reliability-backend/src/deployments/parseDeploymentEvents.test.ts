import { InputError } from '@backstage/errors';
import {
  parseDeploymentEvents,
  parseDeploymentRequest,
} from './parseDeploymentEvents';

const startedAt = Date.UTC(2026, 10, 24, 12);
const deployment = {
  id: 'gha/1',
  entity: 'api',
  environment: 'production',
  status: 'succeeded',
  startedAt,
  finishedAt: startedAt + 60_000,
};

function messageOf(body: unknown): string {
  try {
    parseDeploymentEvents(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('parseDeploymentEvents', () => {
  it('reads one deployment or a batch, with where each entity was named', () => {
    expect(parseDeploymentEvents(deployment)).toEqual([
      {
        ...deployment,
        entity: 'component:default/api',
        commitTime: undefined,
      },
    ]);
    const { entityPaths } = parseDeploymentRequest({
      deployments: [deployment, { ...deployment, id: 'gha/2' }],
    });
    expect(entityPaths).toEqual(
      new Map([
        [
          'component:default/api',
          ['deployments[0].entity', 'deployments[1].entity'],
        ],
      ]),
    );
  });

  // Counterexamples from the fuzz tests (deployments.fuzz.test.ts); the
  // first two were 500s on PostgreSQL.
  it.each([
    [
      'a NUL character, which PostgreSQL refuses to store',
      { version: '\u00001.0.0' },
      'version: must not contain NUL characters or unpaired surrogates',
    ],
    [
      'a time past the range of a bigint',
      { status: 'started', finishedAt: undefined, startedAt: 1e20 },
      'startedAt: must not be after the year 9999',
    ],
    [
      'an unpaired surrogate, which would be stored as U+FFFD',
      { commit: 'abc\uD800' },
      'commit: must not contain NUL characters or unpaired surrogates',
    ],
    [
      'an impossible calendar date that Date.parse rolls over',
      { status: 'started', finishedAt: undefined, startedAt: '2026-02-30' },
      'startedAt: "2026-02-30" is not a time on the calendar',
    ],
    [
      'a number as a string, which Date.parse reads as the year 2001',
      { status: 'started', finishedAt: undefined, startedAt: '1' },
      'startedAt: expected epoch milliseconds or an ISO 8601 time',
    ],
    [
      'a time without a zone',
      { finishedAt: '2026-11-24T12:05:00' },
      'finishedAt: expected Z or an offset such as +01:00',
    ],
  ])('refuses %s', (_, change, message) => {
    expect(messageOf({ ...deployment, ...change })).toContain(message);
  });

  it('says which shapes are accepted for a body that is neither', () => {
    for (const body of [{}, [], 'x', null, { deployment: [] }]) {
      expect(messageOf(body)).toMatch(
        /^Invalid deployment: expected one deployment \{id, entity, environment, status, startedAt, \.\.\.\} or a batch \{deployments: \[\.\.\.\]\}/,
      );
    }
    expect(messageOf({ deployments: [] })).toBe(
      'Invalid deployment: deployments: Array must contain at least 1 element(s)',
    );
  });

  it('names the limit of deployments per request', () => {
    const deployments = Array.from({ length: 1001 }, (_, i) => ({
      ...deployment,
      id: `gha/${i}`,
    }));
    expect(messageOf({ deployments })).toBe(
      'Invalid deployment: deployments: at most 1,000 deployments per request; split them',
    );
  });
});
