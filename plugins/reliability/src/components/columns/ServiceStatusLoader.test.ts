import { sloSnapshot } from '../../__testUtils__/fixtures';
import { ServiceStatusLoader } from './ServiceStatusLoader';

const page = (
  items: ReturnType<typeof sloSnapshot>[],
  totalCount = items.length,
) => ({
  items,
  totalCount,
  offset: 0,
  limit: 500,
});

describe('ServiceStatusLoader', () => {
  it('asks once for all the entities requested in the same tick', async () => {
    const listSlos = jest.fn().mockResolvedValue(
      page([
        sloSnapshot(),
        sloSnapshot({ slo: 'slo:default/l', remaining: 0.4 }),
        sloSnapshot({
          slo: 'slo:default/s',
          service: 'component:default/search-api',
          remaining: 0.8,
        }),
      ]),
    );
    const loader = new ServiceStatusLoader({ listSlos });
    const [payments, search, none] = await Promise.all([
      loader.load('component:default/payments-api'),
      loader.load('component:default/search-api'),
      loader.load('component:default/no-slos'),
    ]);
    expect(listSlos).toHaveBeenCalledTimes(1);
    expect(listSlos.mock.calls[0][0].service).toEqual([
      'component:default/payments-api',
      'component:default/search-api',
      'component:default/no-slos',
    ]);
    expect(payments).toEqual({
      sloCount: 2,
      status: 'exhausted',
      budgetRemaining: -0.0648,
      stale: false,
    });
    expect(search).toMatchObject({
      sloCount: 1,
      status: 'healthy',
      budgetRemaining: 0.8,
    });
    expect(none).toEqual({
      sloCount: 0,
      status: 'no-data',
      budgetRemaining: null,
      stale: false,
    });
  });

  it('splits large tables into requests of 50 entities and reuses answers', async () => {
    const listSlos = jest.fn().mockResolvedValue(page([]));
    const loader = new ServiceStatusLoader({ listSlos });
    const refs = Array.from(
      { length: 120 },
      (_, i) => `component:default/s${i}`,
    );
    await Promise.all(refs.map(r => loader.load(r)));
    expect(listSlos.mock.calls.map(c => c[0].service.length)).toEqual([
      50, 50, 20,
    ]);
    await loader.load('component:default/s1');
    expect(listSlos).toHaveBeenCalledTimes(3);
  });

  it('follows pages when the entities have more SLOs than one page', async () => {
    const listSlos = jest
      .fn()
      .mockResolvedValueOnce(page([sloSnapshot()], 2))
      .mockResolvedValueOnce(
        page([sloSnapshot({ slo: 'slo:default/x', remaining: 0.5 })], 2),
      );
    const loader = new ServiceStatusLoader({ listSlos });
    expect(await loader.load('component:default/payments-api')).toMatchObject({
      sloCount: 2,
    });
    expect(listSlos.mock.calls[1][0].offset).toBe(1);
  });

  it('rejects every waiting cell on failure and asks again next time', async () => {
    const listSlos = jest
      .fn()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValue(page([sloSnapshot()]));
    const loader = new ServiceStatusLoader({ listSlos });
    await expect(loader.load('component:default/payments-api')).rejects.toThrow(
      'down',
    );
    await expect(
      loader.load('component:default/payments-api'),
    ).resolves.toMatchObject({ sloCount: 1 });
  });
});
