/**
 * Backstage Reliability frontend: SLO and error budget cards, deployment
 * health, ownership, runbooks, the release gate, the Reliability page, a
 * group card and catalog table columns. This entry point is for the legacy
 * frontend system; `/alpha` has the new frontend system's plugin.
 *
 * @packageDocumentation
 */
export {
  reliabilityPlugin,
  ReliabilityPage,
  EntityReliabilityContent,
  EntityReliabilityCard,
  EntitySloContent,
  EntityGroupReliabilityCard,
} from './plugin';
export * from './api';
export {
  createSloStatusColumn,
  createErrorBudgetColumn,
} from './components/columns/columns';
export type { EntityTableRow } from './components/columns/columns';
export { hasSlos, isReliabilityAvailable, isSloEntity } from './filters';
