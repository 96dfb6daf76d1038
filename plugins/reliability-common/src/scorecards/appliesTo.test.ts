import { scorecardAppliesTo, scorecardTierOf } from './appliesTo';

const entity = (extra: Record<string, any> = {}) => ({
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: {
      'reliability/tier': ' Critical ',
      'backstage.io/techdocs-ref': 'dir:.',
    },
  },
  spec: { type: 'service', lifecycle: 'production', system: 'shop' },
  ...extra,
});

describe('scorecardAppliesTo', () => {
  it('matches kind, type, tier and lifecycle case-insensitively', () => {
    expect(
      scorecardAppliesTo(
        {
          kind: ['component'],
          type: ['Service'],
          tier: ['critical'],
          lifecycle: ['production'],
        },
        entity(),
      ),
    ).toBe(true);
    expect(scorecardAppliesTo({ type: ['website'] }, entity())).toBe(false);
    expect(scorecardAppliesTo({ tier: ['untiered'] }, entity())).toBe(false);
    expect(scorecardAppliesTo({}, entity())).toBe(true);
  });

  it('follows dot paths, including keys that hold dots, and * for "is set"', () => {
    expect(
      scorecardAppliesTo(
        { filter: { 'metadata.annotations.backstage.io/techdocs-ref': '*' } },
        entity(),
      ),
    ).toBe(true);
    expect(
      scorecardAppliesTo(
        { filter: { 'spec.system': ['shop', 'other'] } },
        entity(),
      ),
    ).toBe(true);
    expect(
      scorecardAppliesTo({ filter: { 'spec.owner': '*' } }, entity()),
    ).toBe(false);
    expect(
      scorecardAppliesTo({ filter: { 'metadata.__proto__.x': '*' } }, entity()),
    ).toBe(false);
  });

  it('calls an entity without a tier untiered', () => {
    expect(scorecardTierOf(entity())).toBe('critical');
    expect(
      scorecardTierOf({ kind: 'Component', metadata: { name: 'x' } }),
    ).toBe('untiered');
  });
});
