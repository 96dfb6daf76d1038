/**
 * Whether a value of a threshold SLI meets an objective's `op` and `value`;
 * an objective without `op` means `lte`.
 *
 * @public
 */
export function meetsThreshold(
  value: number,
  op: string | undefined,
  threshold: number,
): boolean {
  switch (op) {
    case 'lt':
      return value < threshold;
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    case 'lte':
    default:
      return value <= threshold;
  }
}
