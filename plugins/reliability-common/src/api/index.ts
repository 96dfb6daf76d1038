export * from './sliEvents';
export * from './status';
