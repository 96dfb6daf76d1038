import { createRouteRef } from '@backstage/core-plugin-api';

/** The Reliability page, in the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'reliability' });

/** The Reliability tab of an entity, in the legacy frontend system. */
export const entityContentRouteRef = createRouteRef({
  id: 'reliability:entity-content',
});

/** The Scorecards page, in the legacy frontend system. */
export const scorecardsRouteRef = createRouteRef({
  id: 'reliability:scorecards',
});
