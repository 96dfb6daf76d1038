import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { validateOpenSloDocument } from './validate';

// The OpenSLO project's own examples, kept unchanged (see __fixtures__/NOTICE.md).
const dir = path.join(__dirname, '__fixtures__');
const files = fs.readdirSync(dir).filter(f => f.endsWith('.yaml'));

describe('OpenSLO examples', () => {
  it('has all four examples', () => {
    expect(files.sort()).toEqual([
      'low-traffic-timeslices-slo.yaml',
      'occurences-slo.yaml',
      'ratio-timeslices.yaml',
      'timeslices-slo.yaml',
    ]);
  });

  it.each(files)('%s validates as-is (YAML 1.2)', file => {
    const doc = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const result = validateOpenSloDocument(doc);
    if (!result.ok)
      throw new Error(result.errors.map(e => e.formatted).join('\n'));
    expect(result.ok).toBe(true);
  });

  it.each(files)('%s validates as-is (YAML 1.1 timestamps)', file => {
    const doc = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8'), {
      version: '1.1',
    });
    const result = validateOpenSloDocument(doc);
    expect(result.ok).toBe(true);
  });

  it('reads calendar.startTime the same from a string or a Date', () => {
    const text = fs.readFileSync(
      path.join(dir, 'low-traffic-timeslices-slo.yaml'),
      'utf8',
    );
    const asDate = YAML.parse(text, { version: '1.1' });
    expect(asDate.spec.timeWindow[0].calendar.startTime).toBeInstanceOf(Date);
    for (const doc of [YAML.parse(text), asDate]) {
      const result = validateOpenSloDocument(doc);
      expect(
        result.ok &&
          result.value.kind === 'SLO' &&
          result.value.spec.timeWindow[0].calendar,
      ).toEqual({
        startTime: '2022-01-01 12:00:00',
        timeZone: 'America/New_York',
      });
    }
  });

  it('accepts metric source type Any and keeps its spec', () => {
    const doc = YAML.parse(
      fs.readFileSync(path.join(dir, 'occurences-slo.yaml'), 'utf8'),
    );
    const result = validateOpenSloDocument(doc);
    expect(
      result.ok &&
        result.value.kind === 'SLO' &&
        result.value.spec.indicator?.spec.thresholdMetric?.metricSource,
    ).toEqual({ type: 'Any', spec: { query: 'Any' } });
  });

  it('warns that the 1m calendar window is a minute', () => {
    const doc = YAML.parse(
      fs.readFileSync(path.join(dir, 'timeslices-slo.yaml'), 'utf8'),
    );
    const result = validateOpenSloDocument(doc);
    expect(result.ok && result.warnings.map(w => w.formatted)).toEqual([
      'spec.timeWindow[0].duration: 1m is 1 minute (m = minute, M = month); a calendar window that short is unusual: did you mean 1M?',
    ]);
  });
});
