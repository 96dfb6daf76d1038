import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloCatalog } from './SloCatalog';

const slo: Entity = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'checkout-availability', namespace: 'default' },
  spec: {
    service: 'checkout',
    indicator: {
      metadata: { name: 'checkout-ratio' },
      spec: {
        ratioMetric: {
          counter: false,
          good: {
            metricSource: { type: 'BuiltIn', spec: { counter: 'good' } },
          },
          total: {
            metricSource: { type: 'BuiltIn', spec: { counter: 'total' } },
          },
        },
      },
    },
    timeWindow: [{ duration: '30d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.99 }],
  },
};

describe('SloCatalog while the catalog fails', () => {
  const catalog = catalogServiceMock({ entities: [slo] });
  const sloCatalog = new SloCatalog(catalog, mockServices.auth());

  afterEach(() => jest.useRealTimers());

  it('serves the last list when a reload fails, and throws for SLOs it does not know', async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['setImmediate'] });
    expect((await sloCatalog.refresh()).map(r => r.ref)).toEqual([
      'slo:default/checkout-availability',
    ]);

    const failure = new Error('connect ECONNREFUSED 127.0.0.1:7007');
    const getEntities = jest
      .spyOn(catalog, 'getEntities')
      .mockRejectedValue(failure);
    // Past the list's maximum age: it tries the catalog and keeps the list.
    jest.setSystemTime(1_000_000 + 61_000);
    expect((await sloCatalog.list()).map(r => r.ref)).toEqual([
      'slo:default/checkout-availability',
    ]);
    expect(getEntities).toHaveBeenCalled();
    const lookedUp = await sloCatalog.lookup([
      'slo:default/checkout-availability',
    ]);
    expect(lookedUp.get('slo:default/checkout-availability')?.title).toBe(
      'checkout-availability',
    );
    // An unknown SLO cannot be told apart from one the catalog failed to
    // give: the error, not a wrong "not found".
    await expect(sloCatalog.lookup(['slo:default/other'])).rejects.toBe(
      failure,
    );
    // A full reload (the evaluation's) reports the failure.
    await expect(sloCatalog.refresh()).rejects.toBe(failure);
  });

  it('throws when the catalog fails before a first list', async () => {
    const failing = catalogServiceMock.mock({
      getEntities: jest.fn().mockRejectedValue(new Error('catalog down')),
    });
    await expect(
      new SloCatalog(failing, mockServices.auth()).list(),
    ).rejects.toThrow('catalog down');
  });
});
