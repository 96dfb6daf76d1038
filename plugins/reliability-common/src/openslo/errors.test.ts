import {
  formatOpenSloPath,
  formatOpenSloValidationErrors,
  openSloValidationError,
} from './errors';

describe('formatOpenSloPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatOpenSloPath(['spec', 'objectives', 0, 'target'])).toBe(
      'spec.objectives[0].target',
    );
  });

  it('quotes keys that are not plain words', () => {
    expect(
      formatOpenSloPath(['metadata', 'annotations', 'openslo.com/owner']),
    ).toBe('metadata.annotations["openslo.com/owner"]');
  });

  it('gives an empty path for the document', () => {
    expect(formatOpenSloPath([])).toBe('');
  });

  it('cuts long keys and long paths', () => {
    const key = 'x'.repeat(70_000);
    expect(formatOpenSloPath(['spec', 'budgetingMethod', key])).toBe(
      `spec.budgetingMethod["${'x'.repeat(100)}…"]`,
    );
    const deep = formatOpenSloPath(
      Array.from({ length: 200 }, () => 'y'.repeat(50)),
    );
    expect(deep).toHaveLength(501);
    expect(deep.endsWith('…')).toBe(true);
  });
});

describe('openSloValidationError', () => {
  it('formats path and message', () => {
    const error = openSloValidationError('spec.service', 'is required');
    expect(error.formatted).toBe('spec.service: is required');
  });

  it('names the document when the path is empty', () => {
    expect(openSloValidationError('', 'bad').formatted).toBe('(document): bad');
  });

  it('formats a list one per line', () => {
    expect(
      formatOpenSloValidationErrors([
        openSloValidationError('a', 'x'),
        openSloValidationError('b', 'y'),
      ]),
    ).toBe('a: x\nb: y');
  });
});
