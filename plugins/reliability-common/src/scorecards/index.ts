export * from './types';
export * from './operators';
export * from './appliesTo';
export * from './scoreEntity';
export * from './facts';
export * from './defaultScorecard';
export * from './rollup';
export * from './parseDefinitions';
