/**
 * The Backstage Reliability backend plugin.
 *
 * @packageDocumentation
 */
export { reliabilityPlugin as default } from './plugin';
export {
  reliabilityPermissions,
  reliabilityEvaluationRunPermission,
  reliabilitySliEventsCreatePermission,
} from './sli/permissions';
