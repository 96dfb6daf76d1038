import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { reliabilityApiRef } from './api/ReliabilityApi';
import { ReliabilityClient } from './api/ReliabilityClient';
import {
  entityContentRouteRef,
  rootRouteRef,
  scorecardsRouteRef,
} from './routes';

/**
 * The reliability frontend plugin for the legacy frontend system. Apps on
 * the new frontend system use the default export of `/alpha`.
 *
 * @public
 */
export const reliabilityPlugin = createPlugin({
  id: 'reliability',
  apis: [
    createApiFactory({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
    scorecards: scorecardsRouteRef,
  },
});

/**
 * The Reliability page: every service ranked by SLO status and error
 * budget. Mount it at `/reliability`.
 *
 * @public
 */
export const ReliabilityPage = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'ReliabilityPage',
    component: () =>
      import('./components/page/ReliabilityPage').then(m => m.ReliabilityPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Reliability tab of a component: SLOs, deployment health, ownership,
 * runbooks and the release gate.
 *
 * @public
 */
export const EntityReliabilityContent = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'EntityReliabilityContent',
    component: () =>
      import('./components/entity/EntityReliabilityContent').then(
        m => m.EntityReliabilityContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * A compact reliability card for a component's Overview tab.
 *
 * @public
 */
export const EntityReliabilityCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityReliabilityCard',
    component: {
      lazy: () =>
        import('./components/entity/EntityReliabilityCard').then(
          m => m.EntityReliabilityCard,
        ),
    },
  }),
);

/**
 * The status, chart and burn rates of an OpenSLO `SLO` entity, for its
 * entity page.
 *
 * @public
 */
export const EntitySloContent = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntitySloContent',
    component: {
      lazy: () =>
        import('./components/entity/EntitySloContent').then(
          m => m.EntitySloContent,
        ),
    },
  }),
);

/**
 * The team's services and their reliability, for Group pages.
 *
 * @public
 */
export const EntityGroupReliabilityCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupReliabilityCard',
    component: {
      lazy: () =>
        import('./components/group/EntityGroupReliabilityCard').then(
          m => m.EntityGroupReliabilityCard,
        ),
    },
  }),
);

/**
 * The Scorecards page: a leaderboard of teams, systems or domains, the
 * rollup and trend of a scope, the checks that fail most, and exports.
 * Mount it at `/scorecards`.
 *
 * @public
 */
export const ScorecardsPage = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'ScorecardsPage',
    component: () =>
      import('./components/scorecards/page/ScorecardsPage').then(
        m => m.ScorecardsPage,
      ),
    mountPoint: scorecardsRouteRef,
  }),
);

/**
 * The scorecards of an entity: the level reached, the checks by level and
 * how to fix the failing ones, with a Refresh button.
 *
 * @public
 */
export const EntityScorecardCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityScorecardCard',
    component: {
      lazy: () =>
        import('./components/scorecards/EntityScorecardCard').then(
          m => m.EntityScorecardCard,
        ),
    },
  }),
);

/**
 * A team's scorecard rollup (with its sub-teams), for Group pages.
 *
 * @public
 */
export const EntityGroupScorecardCard = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntityGroupScorecardCard',
    component: {
      lazy: () =>
        import('./components/group/EntityGroupScorecardCard').then(
          m => m.EntityGroupScorecardCard,
        ),
    },
  }),
);
