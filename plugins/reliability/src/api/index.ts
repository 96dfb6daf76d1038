export * from './ReliabilityApi';
export { ReliabilityClient } from './ReliabilityClient';
