/**
 * Backstage Reliability frontend: SLO and error budget cards, deployment
 * health, ownership, runbooks, the release gate, the Reliability page,
 * scorecards (entity card, Scorecards page, group card), group cards and
 * catalog table columns. This entry point is for the legacy
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
  ScorecardsPage,
  EntityScorecardCard,
  EntityGroupScorecardCard,
} from './plugin';
export * from './api';
export {
  createSloStatusColumn,
  createErrorBudgetColumn,
} from './components/columns/columns';
export { createScorecardLevelColumn } from './components/columns/scorecardColumn';
export type { EntityTableRow } from './components/columns/columns';
export { hasSlos, isReliabilityAvailable, isSloEntity } from './filters';
