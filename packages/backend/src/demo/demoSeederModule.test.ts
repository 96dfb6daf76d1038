import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import defaultExport, { reliabilityDemoSeederModule } from './index';

// Stands in for the reliability backend plugin the module belongs to.
const reliabilityPluginStub = createBackendPlugin({
  pluginId: 'reliability',
  register(env) {
    env.registerInit({ deps: {}, async init() {} });
  },
});

const sloEntity = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'cart-service-availability', namespace: 'default' },
  spec: {
    service: 'cart-service',
    indicator: {
      metadata: { name: 'cart-ratio' },
      spec: {
        ratioMetric: {
          counter: true,
          good: { metricSource: { type: 'BuiltIn', spec: { counter: 'g' } } },
          total: { metricSource: { type: 'BuiltIn', spec: { counter: 't' } } },
        },
      },
    },
    timeWindow: [{ duration: '30d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.999 }],
  },
};

describe('reliabilityDemoSeederModule', () => {
  let fetchSpy: jest.SpyInstance;

  beforeEach(() => {
    fetchSpy = jest.spyOn(global, 'fetch').mockImplementation(
      async () =>
        new Response(JSON.stringify({ accepted: 1, duplicate: false }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
  });

  afterEach(() => {
    fetchSpy.mockRestore();
  });

  it('is the default export', () => {
    expect(defaultExport).toBe(reliabilityDemoSeederModule);
  });

  it('does nothing without reliability.demo.seedToken', async () => {
    const logger = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [
        reliabilityPluginStub,
        reliabilityDemoSeederModule,
        logger.factory,
        catalogServiceMock.factory({ entities: [sloEntity as any] }),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost:7999' } },
        }),
      ],
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Demo SLI history not seeded: reliability.demo.seedToken is not set',
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    await backend.stop();
  });

  it('seeds in the background after start-up, with the configured token', async () => {
    const backend = await startTestBackend({
      features: [
        reliabilityPluginStub,
        reliabilityDemoSeederModule,
        catalogServiceMock.factory({ entities: [sloEntity as any] }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7999' },
            reliability: { demo: { seedToken: 'demo-seed-token' } },
          },
        }),
      ],
    });
    // The first catalog poll is followed by a 5 s wait for the count to settle.
    await new Promise(resolve => setTimeout(resolve, 5_500));
    await backend.stop();
    expect(fetchSpy).toHaveBeenCalled();
    // First the SLO's history is read, to see whether it holds data already.
    const [historyUrl, historyInit] = fetchSpy.mock.calls[0];
    expect(historyInit.method).toBe('GET');
    expect(historyUrl).toMatch(
      /^http:\/\/localhost:7999\/api\/reliability\/v1\/slos\/default\/cart-service-availability\/history\?/,
    );
    expect(historyInit.headers.Authorization).toBe('Bearer demo-seed-token');
    const post = fetchSpy.mock.calls.find(([, i]) => i?.method === 'POST');
    expect(post).toBeDefined();
    const [url, init] = post!;
    expect(url).toBe('http://localhost:7999/api/reliability/v1/sli-events');
    expect(init.headers.Authorization).toBe('Bearer demo-seed-token');
    expect(JSON.parse(init.body).idempotencyKey).toMatch(
      /^demo:slo:default\/cart-service-availability:/,
    );
  }, 20_000);
});
