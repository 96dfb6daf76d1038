import { RELIABILITY_LINK_TYPES } from './constants';
import { isReliabilityLinkType, linksOfType } from './links';

describe('reliability links', () => {
  it('has the four link types', () => {
    expect(Object.values(RELIABILITY_LINK_TYPES)).toEqual([
      'runbook',
      'chat',
      'oncall',
      'escalation',
    ]);
    expect(isReliabilityLinkType('oncall')).toBe(true);
    expect(isReliabilityLinkType('docs')).toBe(false);
    expect(isReliabilityLinkType(undefined)).toBe(false);
  });

  it('finds links of a type', () => {
    const links = [
      { url: 'https://a', type: 'Runbook' },
      { url: 'https://b', type: 'chat' },
      { url: 'https://c' },
      { url: 'https://d', type: 'runbook' },
    ];
    expect(linksOfType(links, 'runbook').map(l => l.url)).toEqual([
      'https://a',
      'https://d',
    ]);
    expect(linksOfType(undefined, 'chat')).toEqual([]);
  });
});
