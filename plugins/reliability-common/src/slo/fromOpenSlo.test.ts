import type { OpenSloSlo } from '../openslo/types';
import { sloDefinitionFromOpenSlo } from './fromOpenSlo';

const slo: OpenSloSlo = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'x' },
  spec: {
    service: 's',
    indicatorRef: 'i',
    timeWindow: [{ duration: '28d', isRolling: true }],
    budgetingMethod: 'Timeslices',
    objectives: [
      { targetPercent: 99.5, timeSliceTarget: 0.95, timeSliceWindow: '1m' },
    ],
  },
};

describe('sloDefinitionFromOpenSlo', () => {
  it('reads target, window and slices', () => {
    expect(sloDefinitionFromOpenSlo(slo)).toEqual({
      budgetingMethod: 'Timeslices',
      target: 0.995,
      windowMs: 28 * 86_400_000,
      timeSliceTarget: 0.95,
      timeSliceWindowMs: 60_000,
    });
  });

  it('is undefined for a missing objective', () => {
    expect(sloDefinitionFromOpenSlo(slo, 3)).toBeUndefined();
  });
});
