/**
 * The demo portal's seeding of the built-in SLI store and of deployments.
 */
export { reliabilityDemoSeederModule as default } from './demoSeederModule';
export { reliabilityDemoSeederModule } from './demoSeederModule';
