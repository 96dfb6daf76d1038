export * from './kinds';
export * from './relations';
export * from './sloOwner';
