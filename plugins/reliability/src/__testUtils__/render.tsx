import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { reliabilityApiRef } from '../api/ReliabilityApi';
import { testClient } from './server';

/**
 * Renders in the legacy test app with the real client against msw, inside
 * an entity page when an entity is given.
 */
export function renderLegacy(
  element: ReactElement,
  options: { entity?: Entity; routeEntries?: string[] } = {},
) {
  const wrapped = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, testClient()]]}>
      {wrapped}
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: options.routeEntries,
    },
  );
}
