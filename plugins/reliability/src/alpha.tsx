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
  entityReliabilityCard,
  entityReliabilityContent,
  entitySloCard,
  reliabilityApi,
  reliabilityPage,
  rootRouteRef,
} from './alpha/extensions';

/**
 * The reliability plugin for the new frontend system: the API, the
 * Reliability page with its sidebar item, the Reliability tab of
 * components, overview cards for components with SLOs and SLO entities,
 * and the group card.
 *
 * @alpha
 */
const reliabilityPlugin: FrontendPlugin = createFrontendPlugin({
  pluginId: 'reliability',
  title: 'Reliability',
  icon: <SpeedIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    reliabilityApi,
    reliabilityPage,
    entityReliabilityContent,
    entityReliabilityCard,
    entitySloCard,
    entityGroupCard,
  ],
});

export default reliabilityPlugin;
