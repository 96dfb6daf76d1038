export * from './types';
export * from './bands';
export * from './median';
export * from './metrics';
export { deploymentTime } from './scope';
