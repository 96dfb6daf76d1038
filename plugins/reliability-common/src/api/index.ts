export * from './sliEvents';
export * from './status';
export * from './deployments';
export * from './ownership';
export * from './runbooks';
export * from './services';
export * from './scorecards';
