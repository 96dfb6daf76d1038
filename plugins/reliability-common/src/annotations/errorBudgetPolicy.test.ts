import { parseErrorBudgetPolicyAnnotation as parse } from './errorBudgetPolicy';

describe('parseErrorBudgetPolicyAnnotation', () => {
  it('parses the compact form', () => {
    expect(parse('block-when-exhausted=true,warn-below=0.25')).toEqual({
      ok: true,
      value: { blockWhenExhausted: true, warnBelow: 0.25 },
    });
  });

  it('allows spaces and a single key', () => {
    expect(parse(' block-below = 0.1 , warn-below=0.3 ')).toEqual({
      ok: true,
      value: { blockBelow: 0.1, warnBelow: 0.3 },
    });
    expect(parse('block-when-exhausted=false')).toEqual({
      ok: true,
      value: { blockWhenExhausted: false },
    });
  });

  it.each([
    [
      '',
      'reliability/error-budget-policy: expected comma-separated key=value pairs such as block-when-exhausted=true,warn-below=0.25 (keys: block-when-exhausted, warn-below, block-below), got an empty value',
    ],
    [
      'block-when-exhausted',
      'reliability/error-budget-policy: expected comma-separated key=value pairs such as block-when-exhausted=true,warn-below=0.25 (keys: block-when-exhausted, warn-below, block-below), got "block-when-exhausted" without =',
    ],
    [
      'warn-bellow=0.2',
      'reliability/error-budget-policy: unknown key "warn-bellow", expected one of block-when-exhausted, warn-below, block-below (did you mean warn-below?)',
    ],
    [
      'block-when-exhausted=yes',
      'reliability/error-budget-policy: block-when-exhausted: expected true or false, got "yes"',
    ],
    [
      'warn-below=25',
      'reliability/error-budget-policy: warn-below: expected a number between 0 and 1, got "25" (a share of the budget: did you mean 0.25?)',
    ],
    [
      'warn-below=',
      'reliability/error-budget-policy: warn-below: expected a number between 0 and 1, got ""',
    ],
    [
      'warn-below=0.2,warn-below=0.3',
      'reliability/error-budget-policy: warn-below is given twice',
    ],
    [
      'warn-below=0.1,block-below=0.2',
      'reliability/error-budget-policy: warn-below (0.1) must not be below block-below (0.2), or the warning would come after the block',
    ],
  ])('rejects %p', (value, message) => {
    expect(parse(value)).toEqual({ ok: false, message });
  });
});
