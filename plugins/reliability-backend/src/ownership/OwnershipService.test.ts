import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { ON_CALL_TYPES } from './buildOwnershipInfo';
import { OwnershipService } from './OwnershipService';

const urls = {
  pagerDutyBaseUrl: 'https://acme.pagerduty.com',
  opsgenieBaseUrl: 'https://acme.app.opsgenie.com',
};

const entity = (
  kind: string,
  name: string,
  metadata: Partial<Entity['metadata']> = {},
  spec: JsonObject = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...metadata },
  spec,
});

const oncall = {
  url: 'https://acme.pagerduty.com/schedules/S1',
  type: 'oncall',
};
const escalation = {
  url: 'https://acme.pagerduty.com/escalation_policies/P1',
  type: 'escalation',
};

const owners = [
  entity('Group', 'sre', { links: [oncall] }, { type: 'team', children: [] }),
  entity('Group', 'platform', { links: [escalation] }, { type: 'team' }),
  entity(
    'Group',
    'quiet',
    {},
    { type: 'team', profile: { email: 'q@acme.example' } },
  ),
  entity(
    'User',
    'alice',
    { links: [oncall] },
    { profile: { email: 'a@acme.example' } },
  ),
  entity('System', 'shop', { links: [oncall] }, { owner: 'sre' }),
];

const graded = [
  entity('Component', 'a', {}, { owner: 'sre' }),
  entity('Component', 'b', {}, { owner: 'group:default/platform' }),
  entity('Component', 'c', {}, { owner: 'quiet' }),
  entity('Component', 'd', {}, { owner: 'user:alice' }),
  entity('Component', 'e', {}, { owner: 'ghosts' }),
  entity('Component', 'f', {}, { owner: 'system:shop' }),
  entity('Component', 'g', { links: [escalation] }, { owner: 'quiet' }),
  entity(
    'Component',
    'h',
    { annotations: { 'pagerduty.com/service-id': 'PABC123' } },
    { owner: 'ghosts' },
  ),
  entity(
    'Component',
    'i',
    { annotations: { 'pagerduty.com/service-id': 'not an id!' } },
    {},
  ),
  entity('Component', 'j', {
    // eslint-disable-next-line no-script-url -- the input under test
    links: [{ url: 'javascript:alert(1)', type: 'oncall' }],
  }),
  entity('Component', 'k', {}, { owner: 'SRE' }),
];

describe('OwnershipService.contactFlagsOf', () => {
  it('agrees with the full ownership of every entity', async () => {
    const service = new OwnershipService(
      catalogServiceMock({ entities: [...owners, ...graded] }),
      mockServices.auth(),
      urls,
    );
    const [flags, infos] = await Promise.all([
      service.contactFlagsOf(graded),
      service.ownershipOf(graded),
    ]);
    const expected = infos.map(info => ({
      ownerIsTeam: Boolean(info.owner?.exists && info.owner.kind === 'group'),
      contactTypes: new Set(info.contacts.map(c => c.type)),
    }));
    expect(flags).toEqual(expected);
    // The cases above cover both answers of each flag.
    const onCall = flags.map(f =>
      [...f.contactTypes].some(t => ON_CALL_TYPES.has(t)),
    );
    expect(new Set(onCall)).toEqual(new Set([true, false]));
    expect(new Set(flags.map(f => f.ownerIsTeam))).toEqual(
      new Set([true, false]),
    );
    expect(new Set(flags.map(f => f.contactTypes.has('escalation')))).toEqual(
      new Set([true, false]),
    );
  });
});
