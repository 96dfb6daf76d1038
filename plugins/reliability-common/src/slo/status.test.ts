import { sloStatus } from './status';

describe('sloStatus', () => {
  const base = {
    sli: 0.9995,
    target: 0.999,
    remaining: 0.5,
    alertState: 'none' as const,
  };

  it.each([
    ['healthy', {}],
    ['no-data', { sli: null }],
    ['no-data', { remaining: null }],
    ['exhausted', { remaining: 0 }],
    ['exhausted', { remaining: -0.3, sli: 0.99 }],
    // exactly spent, up to float noise
    ['exhausted', { remaining: 1e-12 }],
    ['breaching', { sli: 0.99 }],
    ['warning', { alertState: 'ticket' }],
    ['warning', { alertState: 'page' }],
    ['warning', { remaining: 0.2 }],
    ['healthy', { remaining: 0.2, warningThreshold: 0.1 }],
    ['healthy', { sli: 0.999 }],
  ] as const)('%s for %p', (expected, overrides) => {
    expect(sloStatus({ ...base, ...overrides })).toBe(expected);
  });
});
