import type {
  ScorecardCheckDefinition,
  ScorecardFactValue,
  ScorecardOperator,
} from './types';

/**
 * Every operator a check may use.
 *
 * @public
 */
export const SCORECARD_OPERATORS: readonly ScorecardOperator[] = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
];

const PHRASE: Record<ScorecardOperator, string> = {
  equal: '',
  notEqual: 'not ',
  lessThan: 'less than ',
  lessThanInclusive: 'at most ',
  greaterThan: 'more than ',
  greaterThanInclusive: 'at least ',
  in: 'one of ',
  notIn: 'none of ',
};

function show(value: unknown): string {
  if (value === null || value === undefined) return 'no value';
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? String(value)
      : String(Math.round(value * 1000) / 1000);
  }
  return String(value);
}

const same = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string'
    ? a.toLowerCase() === b.toLowerCase()
    : a === b;

/**
 * Whether `value` satisfies the check. A null value never passes, except
 * `notEqual`/`notIn` against something that is not null; numbers compare
 * only with numbers.
 *
 * @public
 */
export function compareFact(
  value: ScorecardFactValue,
  operator: ScorecardOperator,
  threshold: ScorecardCheckDefinition['threshold'],
): boolean {
  switch (operator) {
    case 'equal':
      return value !== null && same(value, threshold);
    case 'notEqual':
      return !same(value, threshold);
    case 'in':
      return (
        value !== null &&
        Array.isArray(threshold) &&
        threshold.some(t => same(value, t))
      );
    case 'notIn':
      return Array.isArray(threshold) && !threshold.some(t => same(value, t));
    default: {
      if (typeof value !== 'number' || typeof threshold !== 'number') {
        return false;
      }
      if (Number.isNaN(value)) return false;
      if (operator === 'lessThan') return value < threshold;
      if (operator === 'lessThanInclusive') return value <= threshold;
      if (operator === 'greaterThan') return value > threshold;
      return value >= threshold;
    }
  }
}

/**
 * "found 0, expected at least 1": what a check found against what it wants.
 *
 * @public
 */
export function describeComparison(
  value: ScorecardFactValue,
  operator: ScorecardOperator,
  threshold: ScorecardCheckDefinition['threshold'],
): string {
  return `found ${show(value)}, expected ${PHRASE[operator]}${show(threshold)}`;
}
