import { scorecardList } from '../../__testUtils__/scorecardFixtures';
import { ScorecardLevelLoader } from './ScorecardLevelLoader';

const levels = (items: Array<{ entity: string; levelIndex: number }>) => ({
  scorecardId: 'production-readiness',
  items: items.map(i => ({
    ...i,
    level: ['bronze', 'silver', 'gold'][i.levelIndex] ?? null,
    stale: false,
  })),
});

describe('ScorecardLevelLoader', () => {
  it('asks once for all the entities requested in the same tick', async () => {
    const api = {
      getScorecardLevels: jest.fn().mockResolvedValue(
        levels([
          { entity: 'component:default/payments-api', levelIndex: 0 },
          { entity: 'component:default/search-api', levelIndex: -1 },
        ]),
      ),
      listScorecards: jest.fn().mockResolvedValue(scorecardList()),
    };
    const loader = new ScorecardLevelLoader(api, 'production-readiness');
    const [payments, search, library] = await Promise.all([
      loader.load('component:default/payments-api'),
      loader.load('Component:default/search-api'),
      loader.load('component:default/ui-kit'),
    ]);
    expect(api.getScorecardLevels).toHaveBeenCalledTimes(1);
    expect(api.getScorecardLevels).toHaveBeenCalledWith(
      'production-readiness',
      [
        'component:default/payments-api',
        'component:default/search-api',
        'component:default/ui-kit',
      ],
    );
    expect(payments).toMatchObject({
      graded: true,
      level: 'bronze',
      levelIndex: 0,
    });
    expect(payments.scorecard?.id).toBe('production-readiness');
    expect(search).toMatchObject({ graded: true, levelIndex: -1, level: null });
    expect(library).toMatchObject({ graded: false });
  });

  it('splits large tables into requests of 100, lists the scorecard once and reuses answers', async () => {
    const api = {
      getScorecardLevels: jest.fn().mockResolvedValue(levels([])),
      listScorecards: jest.fn().mockResolvedValue(scorecardList()),
    };
    const loader = new ScorecardLevelLoader(api, 'production-readiness');
    const refs = Array.from(
      { length: 250 },
      (_, i) => `component:default/s${i}`,
    );
    await Promise.all(refs.map(r => loader.load(r)));
    expect(api.getScorecardLevels.mock.calls.map(c => c[1].length)).toEqual([
      100, 100, 50,
    ]);
    expect(api.listScorecards).toHaveBeenCalledTimes(1);
    await loader.load('component:default/s1');
    expect(api.getScorecardLevels).toHaveBeenCalledTimes(3);
  });

  it('rejects the waiting cells on failure and asks again next time', async () => {
    const api = {
      getScorecardLevels: jest
        .fn()
        .mockRejectedValueOnce(new Error('down'))
        .mockResolvedValue(
          levels([{ entity: 'component:default/a', levelIndex: 2 }]),
        ),
      listScorecards: jest.fn().mockResolvedValue(scorecardList()),
    };
    const loader = new ScorecardLevelLoader(api, 'production-readiness');
    await expect(loader.load('component:default/a')).rejects.toThrow('down');
    await expect(loader.load('component:default/a')).resolves.toMatchObject({
      level: 'gold',
    });
  });
});
