import { OwnershipInfo } from '@reliability-kit/plugin-reliability-common';
import {
  ReliabilityTestBackend,
  startReliabilityTestBackend,
} from '../__testUtils__/startReliabilityTestBackend';
import { waitUntil } from '../__testUtils__/waitUntil';

const catalogYaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: engineering, title: Engineering }
spec: { type: department, children: [platform] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform }
spec:
  type: team
  parent: engineering
  profile: { displayName: Platform }
  children: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
  title: Payments
  links:
    - { url: 'https://chat.acme.example/payments', title: '#payments', type: chat }
    - { url: 'https://acme.pagerduty.example/schedules/P1', title: Payments on-call, type: oncall }
spec:
  type: team
  parent: platform
  profile: { email: payments@acme.example }
  members: [emma.schultz]
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: fulfilment }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: dev.patel }
spec: { memberOf: [payments] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: emma.schultz }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice.nguyen }
spec:
  profile: { displayName: Alice Nguyen, email: alice@acme.example }
  memberOf: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  annotations:
    pagerduty.com/service-id: P5PAY01
    opsgenie.com/team: Payments
  links:
    - { url: 'https://acme.example/escalation/payments', title: Escalate, type: escalation }
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: feature-flags-service }
spec: { type: service, lifecycle: experimental, owner: user:alice.nguyen }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: notifications-service }
spec: { type: service, lifecycle: production, owner: group:legacy-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: orders-service }
spec: { type: service, lifecycle: production, owner: fulfilment }
`;

describe('GET /v1/entities/:kind/:namespace/:name/ownership', () => {
  let backend: ReliabilityTestBackend;

  beforeAll(async () => {
    backend = await startReliabilityTestBackend({
      catalogYaml,
      waitFor: 'component/default/payments-api',
      reliabilityConfig: {
        ownership: { pagerDutyBaseUrl: 'https://acme.pagerduty.com/' },
      },
    });
    // Relations of the groups are stitched in their own rounds.
    let last: any;
    await waitUntil(
      async () => {
        ({ body: last } = await backend.get(
          '/v1/entities/component/default/payments-api/ownership',
        ));
        return last.owner?.memberCount === 2 && last.owner.parents.length === 2;
      },
      () => JSON.stringify(last),
    );
  }, 90_000);

  afterAll(() => backend?.stop());

  const ownership = async (name: string) => {
    const { status, body } = await backend.get(
      `/v1/entities/component/default/${name}/ownership`,
    );
    expect(status).toBe(200);
    return body as OwnershipInfo;
  };

  it('resolves a team: parents nearest first, members, contacts', async () => {
    expect(await ownership('payments-api')).toEqual({
      entity: 'component:default/payments-api',
      owner: {
        ref: 'group:default/payments',
        kind: 'group',
        exists: true,
        title: 'Payments',
        email: 'payments@acme.example',
        memberCount: 2,
        parents: [
          { ref: 'group:default/platform', title: 'Platform' },
          { ref: 'group:default/engineering', title: 'Engineering' },
        ],
      },
      contacts: [
        {
          type: 'chat',
          title: '#payments',
          url: 'https://chat.acme.example/payments',
          source: 'owner',
        },
        {
          type: 'oncall',
          title: 'Payments on-call',
          url: 'https://acme.pagerduty.example/schedules/P1',
          source: 'owner',
        },
        {
          type: 'email',
          title: 'payments@acme.example',
          url: 'mailto:payments@acme.example',
          source: 'owner',
        },
        {
          type: 'escalation',
          title: 'Escalate',
          url: 'https://acme.example/escalation/payments',
          source: 'entity',
        },
        {
          type: 'pagerduty',
          title: 'PagerDuty service P5PAY01',
          url: 'https://acme.pagerduty.com/service-directory/P5PAY01',
          source: 'entity',
        },
        {
          type: 'opsgenie',
          title: 'Opsgenie team Payments',
          url: 'https://app.opsgenie.com/teams/list',
          source: 'entity',
        },
      ],
      problems: [],
    });
  });

  it('flags a person as owner', async () => {
    const info = await ownership('feature-flags-service');
    expect(info.owner).toEqual({
      ref: 'user:default/alice.nguyen',
      kind: 'user',
      exists: true,
      title: 'Alice Nguyen',
      email: 'alice@acme.example',
      parents: [],
    });
    expect(info.problems.map(p => p.code)).toEqual([
      'owner-is-user',
      'no-oncall-contact',
    ]);
  });

  it('flags an owner that is not in the catalog', async () => {
    const info = await ownership('notifications-service');
    expect(info.owner).toEqual({
      ref: 'group:default/legacy-team',
      kind: 'group',
      exists: false,
      parents: [],
    });
    expect(info.contacts).toEqual([]);
    expect(info.problems).toEqual([
      {
        code: 'owner-not-found',
        message:
          'The owner group:default/legacy-team of component:default/notifications-service is not in the catalog: register that group, or set spec.owner to a team that exists.',
      },
      expect.objectContaining({ code: 'no-oncall-contact' }),
    ]);
  });

  it('flags a team without members and without on-call', async () => {
    const info = await ownership('orders-service');
    expect(info.owner).toMatchObject({ memberCount: 0, parents: [] });
    expect(info.problems.map(p => p.code)).toEqual([
      'team-has-no-members',
      'no-oncall-contact',
    ]);
  });

  it('answers 404 naming an unknown entity', async () => {
    const { status, body } = await backend.get(
      '/v1/entities/component/default/nope/ownership',
    );
    expect(status).toBe(404);
    expect(body.error.message).toBe(
      'component:default/nope is not in the catalog',
    );
  });

  it('answers 400 naming a bad parameter', async () => {
    const long = await backend.get(
      `/v1/entities/component/default/${'x'.repeat(300)}/ownership`,
    );
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('name');
    const query = await backend.get(
      '/v1/entities/component/default/payments-api/ownership?verbose=1',
    );
    expect(query.status).toBe(400);
    expect(query.body.error.message).toContain('verbose');
  });
});
