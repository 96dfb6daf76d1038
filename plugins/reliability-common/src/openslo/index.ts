export * from './types';
export * from './duration';
export * from './errors';
export * from './validate';
export * from './warnings';
export * from './objectiveTarget';
export * from './calendarStartTime';
export { isValidTimeZone } from './timeZone';
export * from './windowBounds';
