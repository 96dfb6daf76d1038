/**
 * Backstage Reliability frontend for the new frontend system.
 *
 * @packageDocumentation
 */
import {
  createFrontendPlugin,
  FrontendPlugin,
} from '@backstage/frontend-plugin-api';
import SpeedIcon from '@material-ui/icons/Speed';
import {
  entityGroupCard,
  entityGroupScorecardCard,
  entityReliabilityCard,
  entityReliabilityContent,
  entityScorecardCard,
  entitySloCard,
  reliabilityApi,
  reliabilityPage,
  rootRouteRef,
  scorecardsPage,
  scorecardsRouteRef,
} from './alpha/extensions';

/**
 * The reliability plugin for the new frontend system: the API, the
 * Reliability and Scorecards pages with their sidebar items, the
 * Reliability tab of components, overview cards for components with SLOs
 * and SLO entities, the scorecard card of components, and the group cards.
 *
 * @alpha
 */
const reliabilityPlugin: FrontendPlugin = createFrontendPlugin({
  pluginId: 'reliability',
  title: 'Reliability',
  icon: <SpeedIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef, scorecards: scorecardsRouteRef },
  extensions: [
    reliabilityApi,
    reliabilityPage,
    entityReliabilityContent,
    entityReliabilityCard,
    entitySloCard,
    entityGroupCard,
    scorecardsPage,
    entityScorecardCard,
    entityGroupScorecardCard,
  ],
});

export default reliabilityPlugin;
