import { Entity } from '@backstage/catalog-model';
import {
  buildOwnershipInfo,
  memberCountOf,
  ownerRefOf,
  parentChain,
} from './buildOwnershipInfo';

const urls = {
  pagerDutyBaseUrl: 'https://acme.pagerduty.com',
  opsgenieBaseUrl: 'https://acme.app.opsgenie.com',
};

function component(
  spec: Record<string, unknown>,
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', ...metadata },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  };
}

function group(
  name: string,
  spec: Record<string, unknown> = {},
  extra: Partial<Entity> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', ...extra.metadata },
    spec: { type: 'team', children: [], ...spec },
    relations: extra.relations,
  };
}

const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice.nguyen', namespace: 'default' },
  spec: {
    profile: { displayName: 'Alice Nguyen', email: 'alice@acme.example' },
  },
};

describe('buildOwnershipInfo', () => {
  it('resolves a team with its parents, members and contacts', () => {
    const payments = group(
      'payments',
      {
        parent: 'engineering',
        members: ['dev.patel'],
        profile: { displayName: 'Payments', email: 'payments@acme.example' },
      },
      {
        metadata: {
          name: 'payments',
          links: [
            {
              url: 'https://chat.acme.example/payments',
              title: '#payments',
              type: 'chat',
            },
            {
              url: 'https://acme.pagerduty.com/schedules/P1',
              title: 'On-call',
              type: 'oncall',
            },
            // eslint-disable-next-line no-script-url -- the input under test
            { url: 'javascript:alert(1)', title: 'Bad', type: 'escalation' },
            { url: 'https://wiki.acme.example/payments', type: 'docs' },
          ],
        },
        relations: [
          { type: 'hasMember', targetRef: 'user:default/dev.patel' },
          { type: 'hasMember', targetRef: 'user:default/emma.schultz' },
          { type: 'childOf', targetRef: 'group:default/engineering' },
        ],
      },
    );
    const engineering = group('engineering', { type: 'department' });
    const info = buildOwnershipInfo({
      entity: component(
        { owner: 'payments' },
        {
          annotations: {
            'pagerduty.com/service-id': 'P5PAY01',
            'opsgenie.com/team': 'Payments',
          },
          links: [
            {
              url: 'mailto:payments-escalation@acme.example',
              title: 'Escalate',
              type: 'Escalation',
            },
          ],
        },
      ),
      owner: payments,
      parents: [engineering],
      urls,
    });

    expect(info).toEqual({
      entity: 'component:default/payments-api',
      owner: {
        ref: 'group:default/payments',
        kind: 'group',
        exists: true,
        title: 'Payments',
        email: 'payments@acme.example',
        memberCount: 2,
        parents: [{ ref: 'group:default/engineering', title: undefined }],
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
          title: 'On-call',
          url: 'https://acme.pagerduty.com/schedules/P1',
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
          url: 'mailto:payments-escalation@acme.example',
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
          url: 'https://acme.app.opsgenie.com/teams/list',
          source: 'entity',
        },
      ],
      problems: [],
    });
  });

  it('flags an owner that is a person', () => {
    const info = buildOwnershipInfo({
      entity: component({ owner: 'user:alice.nguyen' }),
      owner: user,
      parents: [],
      urls,
    });
    expect(info.owner).toMatchObject({
      ref: 'user:default/alice.nguyen',
      kind: 'user',
      exists: true,
      title: 'Alice Nguyen',
      email: 'alice@acme.example',
      memberCount: undefined,
      parents: [],
    });
    expect(info.contacts).toEqual([
      expect.objectContaining({
        type: 'email',
        url: 'mailto:alice@acme.example',
      }),
    ]);
    expect(info.problems.map(p => p.code)).toEqual([
      'owner-is-user',
      'no-oncall-contact',
    ]);
    expect(info.problems[0].message).toBe(
      'component:default/payments-api is owned by the person user:default/alice.nguyen, not a team: set spec.owner to their team so that ownership survives people changing roles.',
    );
  });

  it('flags an owner the catalog does not have, and keeps entity contacts', () => {
    const info = buildOwnershipInfo({
      entity: component(
        { owner: 'group:legacy-team' },
        { annotations: { 'pagerduty.com/service-id': 'PNOTIF1' } },
      ),
      owner: undefined,
      parents: [],
      urls,
    });
    expect(info.owner).toEqual({
      ref: 'group:default/legacy-team',
      kind: 'group',
      exists: false,
      title: undefined,
      email: undefined,
      memberCount: undefined,
      parents: [],
    });
    expect(info.contacts.map(c => c.type)).toEqual(['pagerduty']);
    expect(info.problems).toEqual([
      {
        code: 'owner-not-found',
        message:
          'The owner group:default/legacy-team of component:default/payments-api is not in the catalog: register that group, or set spec.owner to a team that exists.',
      },
    ]);
  });

  it('flags a team without members and without anyone to page', () => {
    const info = buildOwnershipInfo({
      entity: component({ owner: 'fulfilment' }),
      owner: group(
        'fulfilment',
        {},
        {
          metadata: {
            name: 'fulfilment',
            links: [
              { url: 'https://chat.acme.example/fulfilment', type: 'chat' },
            ],
          },
        },
      ),
      parents: [],
      urls,
    });
    expect(info.owner?.memberCount).toBe(0);
    expect(info.problems).toEqual([
      {
        code: 'team-has-no-members',
        message:
          "The owning team group:default/fulfilment has no members: list them in its spec.members, or add the team to the users' spec.memberOf.",
      },
      {
        code: 'no-oncall-contact',
        message:
          'Nobody can be paged for component:default/payments-api: add a link of type oncall or escalation to group:default/fulfilment, or a pagerduty.com/service-id or opsgenie.com/team annotation to component:default/payments-api.',
      },
    ]);
  });

  it('flags an entity without an owner', () => {
    const info = buildOwnershipInfo({
      entity: component({}),
      parents: [],
      urls,
    });
    expect(info.owner).toBeNull();
    expect(info.problems.map(p => p.code)).toEqual([
      'owner-missing',
      'no-oncall-contact',
    ]);
  });

  it('does not take an owner of another kind for a group', () => {
    const info = buildOwnershipInfo({
      entity: component({ owner: 'component:other' }),
      owner: component({}, { name: 'other' }),
      parents: [],
      urls,
    });
    expect(info.owner?.exists).toBe(false);
    expect(info.problems[0].message).toContain('is a component, not a group');
  });

  it('skips on-call annotations with invalid values', () => {
    const info = buildOwnershipInfo({
      entity: component(
        { owner: 'payments' },
        { annotations: { 'pagerduty.com/service-id': 'not an id' } },
      ),
      owner: group('payments', { members: ['a'] }),
      parents: [],
      urls,
    });
    expect(info.contacts).toEqual([]);
  });
});

describe('ownerRefOf', () => {
  it('prefers the ownedBy relation, else reads spec.owner in the namespace', () => {
    expect(
      ownerRefOf({
        ...component({ owner: 'ignored' }),
        relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
      }),
    ).toBe('group:default/payments');
    expect(
      ownerRefOf(component({ owner: 'payments' }, { namespace: 'shop' })),
    ).toBe('group:shop/payments');
    expect(ownerRefOf(component({ owner: 'user:default/alice' }))).toBe(
      'user:default/alice',
    );
    expect(ownerRefOf(component({ owner: '' }))).toBeUndefined();
  });
});

describe('parentChain', () => {
  const groups = (...list: Entity[]) =>
    new Map(list.map(g => [`group:default/${g.metadata.name}`, g]));

  it('lists parents nearest first', () => {
    const sre = group('sre', { parent: 'platform' });
    const platform = group('platform', { parent: 'engineering' });
    const engineering = group('engineering');
    expect(
      parentChain(sre, groups(platform, engineering)).map(g => g.metadata.name),
    ).toEqual(['platform', 'engineering']);
  });

  it('stops at a cycle and at a parent that is not loaded', () => {
    const a = group('a', { parent: 'b' });
    const b = group('b', { parent: 'c' });
    const c = group('c', { parent: 'a' });
    expect(parentChain(a, groups(a, b, c)).map(g => g.metadata.name)).toEqual([
      'b',
      'c',
    ]);
    expect(parentChain(a, groups(b)).map(g => g.metadata.name)).toEqual(['b']);
  });

  it('matches refs case-insensitively', () => {
    const team = group(
      'team',
      {},
      {
        relations: [{ type: 'childOf', targetRef: 'group:default/Parent' }],
      },
    );
    const parent = group('Parent');
    expect(
      parentChain(team, new Map([['group:default/parent', parent]])),
    ).toEqual([parent]);
  });
});

describe('memberCountOf', () => {
  it('counts hasMember relations and spec.members once each', () => {
    expect(
      memberCountOf(
        group(
          'g',
          { members: ['a', 'user:default/b'] },
          {
            relations: [
              { type: 'hasMember', targetRef: 'user:default/a' },
              { type: 'hasMember', targetRef: 'user:default/c' },
            ],
          },
        ),
      ),
    ).toBe(3);
  });
});
