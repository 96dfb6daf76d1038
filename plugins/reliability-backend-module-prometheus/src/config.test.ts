import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { DEFAULT_LIMITS, readPrometheusConfig } from './config';

const read = (prometheus: JsonObject) =>
  readPrometheusConfig(new ConfigReader({ reliability: { prometheus } }));

describe('readPrometheusConfig limits', () => {
  it('defaults to 10 MiB, 1000 series and 500,000 samples per answer', () => {
    const { instances } = read({
      instances: [{ name: 'main', url: 'http://prometheus:9090/' }],
    });
    expect(instances.get('main')).toMatchObject({
      url: 'http://prometheus:9090',
      timeoutMs: 30_000,
      ...DEFAULT_LIMITS,
    });
    expect(DEFAULT_LIMITS).toEqual({
      maxResponseBytes: 10_485_760,
      maxSeries: 1000,
      maxSamples: 500_000,
    });
  });

  it('takes module-wide limits, which an instance may override', () => {
    const { instances } = read({
      maxResponseBytes: 1_000_000,
      maxSeries: 50,
      instances: [
        { name: 'a', url: 'http://a:9090' },
        { name: 'b', url: 'http://b:9090', maxSeries: 5, maxSamples: 99 },
      ],
    });
    expect(instances.get('a')).toMatchObject({
      maxResponseBytes: 1_000_000,
      maxSeries: 50,
      maxSamples: 500_000,
    });
    expect(instances.get('b')).toMatchObject({
      maxResponseBytes: 1_000_000,
      maxSeries: 5,
      maxSamples: 99,
    });
  });

  it.each([
    [
      { maxSeries: 0 },
      'reliability.prometheus.maxSeries must be a whole number ≥ 1',
    ],
    [
      { instances: [{ name: 'a', url: 'http://a', maxResponseBytes: 1.5 }] },
      'reliability.prometheus.instances "a".maxResponseBytes must be a whole number ≥ 1',
    ],
  ])('refuses %p', (config, message) => {
    expect(() => read(config)).toThrow(message);
  });
});
