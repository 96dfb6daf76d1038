import {
  ApiBlueprint,
  createRouteRef,
  discoveryApiRef,
  ExtensionDefinition,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import EmojiEventsIcon from '@material-ui/icons/EmojiEvents';
import SpeedIcon from '@material-ui/icons/Speed';
import {
  RELATION_MEASURED_BY,
  SLO_KIND,
} from '@reliability-kit/plugin-reliability-common';
import { reliabilityApiRef } from '../api/ReliabilityApi';
import { ReliabilityClient } from '../api/ReliabilityClient';

// The catalog's blueprints come from a newer copy of frontend-plugin-api
// than this package's: the annotations keep the declared types portable.

/** The Reliability page. */
export const rootRouteRef = createRouteRef();

/** The Scorecards page. */
export const scorecardsRouteRef = createRouteRef();

/** The reliability client, over the app's discovery and fetch APIs. */
export const reliabilityApi: ExtensionDefinition = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
});

/** The Reliability page; its title and icon make its sidebar item. */
export const reliabilityPage: ExtensionDefinition = PageBlueprint.make({
  params: {
    path: '/reliability',
    title: 'Reliability',
    icon: <SpeedIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/page/ReliabilityPageContent').then(m => (
        <m.ReliabilityPageContent />
      )),
  },
});

/** The Reliability tab of running components and of those with SLOs. */
export const entityReliabilityContent: ExtensionDefinition =
  EntityContentBlueprint.make({
    params: {
      path: 'reliability',
      title: 'Reliability',
      // Running components, and any with SLOs; app config can override it.
      filter: {
        $all: [
          { kind: 'component' },
          {
            $any: [
              { 'spec.type': { $in: ['service', 'website'] } },
              { relations: { $contains: { type: RELATION_MEASURED_BY } } },
            ],
          },
        ],
      },
      loader: () =>
        import('../components/entity/EntityReliabilityContent').then(m => (
          <m.EntityReliabilityContent />
        )),
    },
  });

/** A compact card on the Overview tab of components that have SLOs. */
export const entityReliabilityCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    params: {
      // Beside About: it is the summary people look for first.
      type: 'info',
      filter: {
        $all: [
          { kind: 'component' },
          { relations: { $contains: { type: RELATION_MEASURED_BY } } },
        ],
      },
      loader: () =>
        import('../components/entity/EntityReliabilityCard').then(m => (
          <m.EntityReliabilityCard />
        )),
    },
  });

/** The status, chart and burn rates of an SLO entity, on its Overview. */
export const entitySloCard: ExtensionDefinition = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    type: 'content',
    filter: { kind: SLO_KIND },
    loader: () =>
      import('../components/entity/EntitySloContent').then(m => (
        <m.EntitySloContent />
      )),
  },
});

/** The team's services on Group pages. */
export const entityGroupCard: ExtensionDefinition = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('../components/group/EntityGroupReliabilityCard').then(m => (
        <m.EntityGroupReliabilityCard />
      )),
  },
});

/**
 * The Scorecards page: leaderboard, rollups, trend, failing checks and
 * exports; its title and icon make its sidebar item.
 */
export const scorecardsPage: ExtensionDefinition = PageBlueprint.make({
  name: 'scorecards',
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    icon: <EmojiEventsIcon fontSize="inherit" />,
    routeRef: scorecardsRouteRef,
    loader: () =>
      import('../components/scorecards/page/ScorecardsPageContent').then(m => (
        <m.ScorecardsPageContent />
      )),
  },
});

/**
 * The scorecards of a component: level, checks by level and how to fix
 * them. On every component, so that those no scorecard grades say what
 * would make one apply; app config can narrow the filter.
 */
export const entityScorecardCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'scorecards',
    params: {
      filter: { kind: 'component' },
      loader: () =>
        import('../components/scorecards/EntityScorecardCard').then(m => (
          <m.EntityScorecardCard />
        )),
    },
  });

/** The team's scorecard rollup on Group pages. */
export const entityGroupScorecardCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'group-scorecard',
    params: {
      filter: { kind: 'group' },
      loader: () =>
        import('../components/group/EntityGroupScorecardCard').then(m => (
          <m.EntityGroupScorecardCard />
        )),
    },
  });
