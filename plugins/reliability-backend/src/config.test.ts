import { ConfigReader } from '@backstage/config';
import { readReliabilityConfig } from './config';

describe('readReliabilityConfig', () => {
  it('has defaults for ownership and runbooks', () => {
    const config = readReliabilityConfig(new ConfigReader({}));
    expect(config.ownership).toEqual({
      pagerDutyBaseUrl: 'https://app.pagerduty.com',
      opsgenieBaseUrl: 'https://app.opsgenie.com',
    });
    expect(config.runbooks).toEqual({
      maxAgeDays: 180,
      cacheTtlMs: 5 * 60_000,
      cacheSize: 500,
    });
  });

  it('reads ownership and runbook keys', () => {
    const config = readReliabilityConfig(
      new ConfigReader({
        reliability: {
          ownership: {
            pagerDutyBaseUrl: 'https://acme.pagerduty.com/',
            opsgenieBaseUrl: 'https://acme.app.eu.opsgenie.com',
          },
          runbooks: {
            maxAgeDays: 90,
            cacheTtl: { seconds: 30 },
            cacheSize: 50,
          },
        },
      }),
    );
    expect(config.ownership.pagerDutyBaseUrl).toBe(
      'https://acme.pagerduty.com',
    );
    expect(config.ownership.opsgenieBaseUrl).toBe(
      'https://acme.app.eu.opsgenie.com',
    );
    expect(config.runbooks).toEqual({
      maxAgeDays: 90,
      cacheTtlMs: 30_000,
      cacheSize: 50,
    });
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() =>
      readReliabilityConfig(
        new ConfigReader({
          reliability: {
            ownership: { pagerDutyBaseUrl: 'acme.pagerduty.com' },
          },
        }),
      ),
    ).toThrow(
      'Invalid reliability.ownership.pagerDutyBaseUrl: expected an http(s) URL such as https://app.pagerduty.com, got "acme.pagerduty.com"',
    );
  });
});
