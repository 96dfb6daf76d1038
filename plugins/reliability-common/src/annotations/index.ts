export * from './constants';
export type { AnnotationParseResult } from './result';
export * from './links';
export * from './tier';
export * from './errorBudgetPolicy';
export * from './sloRunbook';
export * from './scorecardExemptions';
export * from './deploymentSource';
export * from './oncall';
