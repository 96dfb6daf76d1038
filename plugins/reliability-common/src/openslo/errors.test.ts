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
