import { openSloWarnings } from './warnings';
import type { OpenSloSlo } from './types';

const base: OpenSloSlo = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'x' },
  spec: {
    service: 's',
    indicatorRef: 'i',
    timeWindow: [{ duration: '28d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.99 }],
  },
};

describe('openSloWarnings', () => {
  it('has nothing to say about a plain SLO', () => {
    expect(openSloWarnings(base)).toEqual([]);
  });

  it('flags ignored fields', () => {
    const doc: OpenSloSlo = {
      ...base,
      spec: {
        ...base.spec,
        timeWindow: [
          {
            duration: '28d',
            isRolling: true,
            calendar: { startTime: '2022-01-01 00:00:00', timeZone: 'UTC' },
          },
        ],
        objectives: [{ target: 0.99, timeSliceWindow: '1m' }],
      },
    };
    expect(openSloWarnings(doc).map(w => w.formatted)).toEqual([
      'spec.timeWindow[0].calendar: is ignored because isRolling is true',
      'spec.objectives[0]: timeSliceTarget and timeSliceWindow are ignored with budgetingMethod Occurrences',
    ]);
  });

  it('flags timeSliceTarget with RatioTimeslices and short calendar windows', () => {
    const doc: OpenSloSlo = {
      ...base,
      spec: {
        ...base.spec,
        budgetingMethod: 'RatioTimeslices',
        timeWindow: [
          {
            duration: '2h',
            isRolling: false,
            calendar: { startTime: '2022-01-01 00:00:00', timeZone: 'UTC' },
          },
        ],
        objectives: [
          { target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: '1m' },
        ],
      },
    };
    expect(openSloWarnings(doc).map(w => w.formatted)).toEqual([
      'spec.timeWindow[0].duration: 2h is 2 hours (m = minute, M = month); a calendar window that short is unusual',
      'spec.objectives[0].timeSliceTarget: is ignored with budgetingMethod RatioTimeslices (slices are averaged, not counted)',
    ]);
  });

  it('says nothing about SLI documents', () => {
    expect(
      openSloWarnings({
        apiVersion: 'openslo/v1',
        kind: 'SLI',
        metadata: { name: 'x' },
        spec: {},
      }),
    ).toEqual([]);
  });
});
