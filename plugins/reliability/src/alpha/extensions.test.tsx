import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { reliabilityApiRef } from '../api/ReliabilityApi';
import {
  groupEntity,
  paymentsEntity,
  servicePage,
  serviceRow,
  sloEntity,
  summary,
} from '../__testUtils__/fixtures';
import {
  ENTITY,
  failOnce,
  fullHandlers,
  pending,
} from '../__testUtils__/handlers';
import { BASE, server, testClient } from '../__testUtils__/server';
import { scorecardHandlers } from '../__testUtils__/scorecardHandlers';
import {
  entityGroupCard,
  entityGroupScorecardCard,
  entityReliabilityCard,
  entityReliabilityContent,
  entityScorecardCard,
  entitySloCard,
  reliabilityPage,
  scorecardsPage,
} from './extensions';
import reliabilityPlugin from '../alpha';

const SERVICES = `${BASE}/v1/services`;

const library: Entity = {
  ...paymentsEntity,
  metadata: { name: 'ui-kit' },
  spec: { type: 'library' },
  relations: [],
};
const serviceWithoutSlos: Entity = { ...library, spec: { type: 'service' } };

/** The entity filter an entity card or content extension outputs. */
function filterOf(extension: unknown): (entity: Entity) => boolean {
  const tester = createExtensionTester(extension as any);
  return tester.get(
    EntityCardBlueprint.dataRefs.filterFunction as any,
  ) as unknown as (entity: Entity) => boolean;
}

function renderPage() {
  const tester = createExtensionTester(reliabilityPage as any, {
    apis: [[reliabilityApiRef, testClient()]],
  });
  return renderInTestApp(tester.reactElement(), {
    initialRouteEntries: ['/reliability?view=at-risk'],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef as any },
    apis: [[reliabilityApiRef, testClient()]],
  });
}

describe('new frontend system extensions', () => {
  registerMswTestHooks(server);

  it('has every extension in the plugin', () => {
    expect(reliabilityPlugin.id).toBe('reliability');
    const ids = [
      'api:reliability',
      'page:reliability',
      'entity-content:reliability',
      'entity-card:reliability',
      'entity-card:reliability/slo',
      'entity-card:reliability/group',
      'page:reliability/scorecards',
      'entity-card:reliability/scorecards',
      'entity-card:reliability/group-scorecard',
    ];
    for (const id of ids) {
      expect((reliabilityPlugin as any).getExtension(id)).toBeDefined();
    }
  });

  it('shows the Reliability tab on running components and on those with SLOs', () => {
    const filter = filterOf(entityReliabilityContent);
    expect(filter(paymentsEntity)).toBe(true);
    expect(filter(serviceWithoutSlos)).toBe(true);
    expect(filter(library)).toBe(false);
    expect(filter(groupEntity)).toBe(false);
  });

  it('shows the overview card only where SLOs measure the component', () => {
    const filter = filterOf(entityReliabilityCard);
    expect(filter(paymentsEntity)).toBe(true);
    expect(filter(serviceWithoutSlos)).toBe(false);
    expect(filter(sloEntity)).toBe(false);
  });

  it('shows the SLO card on SLO entities and the team card on groups', () => {
    const slo = filterOf(entitySloCard);
    expect(slo(sloEntity)).toBe(true);
    expect(slo(paymentsEntity)).toBe(false);
    const group = filterOf(entityGroupCard);
    expect(group(groupEntity)).toBe(true);
    expect(group(paymentsEntity)).toBe(false);
  });

  it('shows the scorecard card on every component and the team scorecard on groups', () => {
    const card = filterOf(entityScorecardCard);
    expect(card(paymentsEntity)).toBe(true);
    expect(card(library)).toBe(true);
    expect(card(groupEntity)).toBe(false);
    expect(card(sloEntity)).toBe(false);
    const group = filterOf(entityGroupScorecardCard);
    expect(group(groupEntity)).toBe(true);
    expect(group(paymentsEntity)).toBe(false);
  });

  describe('entity extensions', () => {
    function renderOnEntity(extension: unknown, entity: Entity) {
      const element = createExtensionTester(extension as any).reactElement();
      return renderInTestApp(
        <EntityProvider entity={entity}>{element}</EntityProvider>,
        {
          mountedRoutes: {
            '/catalog/:namespace/:kind/:name': entityRouteRef as any,
          },
          apis: [[reliabilityApiRef, testClient()]],
        },
      );
    }

    it('renders the Reliability tab with its SLO cards', async () => {
      server.use(...fullHandlers());
      renderOnEntity(entityReliabilityContent, paymentsEntity);
      expect(
        await screen.findByRole('article', { name: 'Payments availability' }),
      ).toBeInTheDocument();
      expect(await screen.findByTestId('release-gate')).toHaveTextContent(
        'Release blocked',
      );
    });

    it('renders the overview card, and its error with a retry', async () => {
      server.use(...fullHandlers());
      server.use(failOnce(`${ENTITY}/summary`, () => summary()));
      renderOnEntity(entityReliabilityCard, paymentsEntity);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Retry' }),
      );
      expect(
        await screen.findByRole('list', { name: 'SLOs' }),
      ).toHaveTextContent('Payments latency');
    });

    it('renders the SLO card on an SLO entity', async () => {
      server.use(...fullHandlers());
      renderOnEntity(entitySloCard, sloEntity);
      expect(
        await screen.findByRole('table', {
          name: 'Burn rates per alert window',
        }),
      ).toBeInTheDocument();
    });

    it("renders the team's services on a group", async () => {
      server.use(
        http.get(SERVICES, () =>
          HttpResponse.json(servicePage([serviceRow()])),
        ),
      );
      renderOnEntity(entityGroupCard, groupEntity);
      expect(
        await screen.findByRole('table', { name: 'Services of the team' }),
      ).toHaveTextContent('Payments API');
    });
  });

  describe('scorecards', () => {
    function renderOn(extension: unknown, entity: Entity) {
      const element = createExtensionTester(extension as any).reactElement();
      return renderInTestApp(
        <EntityProvider entity={entity}>{element}</EntityProvider>,
        {
          mountedRoutes: {
            '/catalog/:namespace/:kind/:name': entityRouteRef as any,
          },
          apis: [[reliabilityApiRef, testClient()]],
        },
      );
    }

    it("renders a component's scorecard card", async () => {
      server.use(...scorecardHandlers());
      renderOn(entityScorecardCard, paymentsEntity);
      expect(
        await screen.findByRole('article', { name: 'Production readiness' }),
      ).toHaveTextContent('Bronze');
    });

    it("renders a team's scorecard card", async () => {
      server.use(...scorecardHandlers());
      renderOn(entityGroupScorecardCard, groupEntity);
      expect(
        await screen.findByRole('img', {
          name: /Levels of the team's entities/,
        }),
      ).toBeInTheDocument();
    });

    it('renders the Scorecards page with the leaderboard', async () => {
      server.use(...scorecardHandlers());
      const tester = createExtensionTester(scorecardsPage as any, {
        apis: [[reliabilityApiRef, testClient()]],
      });
      renderInTestApp(tester.reactElement(), {
        initialRouteEntries: ['/scorecards'],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef as any,
        },
        apis: [[reliabilityApiRef, testClient()]],
      });
      expect(await screen.findAllByTestId('leaderboard-row')).toHaveLength(3);
    });
  });

  describe('the Reliability page', () => {
    it('lists services at risk, riskiest first', async () => {
      let query: URLSearchParams | undefined;
      server.use(
        http.get(SERVICES, ({ request }) => {
          query = new URL(request.url).searchParams;
          return HttpResponse.json(
            servicePage([
              serviceRow(),
              serviceRow({
                entity: 'component:default/search-api',
                title: 'Search API',
                status: 'warning',
                alertState: 'page',
              }),
            ]),
          );
        }),
      );
      renderPage();
      const rows = await screen.findAllByTestId('service-row');
      expect(rows[0]).toHaveTextContent('Payments API');
      expect(within(rows[1]).getByText('Paging')).toBeInTheDocument();
      expect(query?.get('order')).toBe('risk');
    });

    it('shows skeleton rows while loading', async () => {
      server.use(pending(SERVICES));
      renderPage();
      expect(
        await screen.findByRole('table', { name: 'Services' }),
      ).toHaveAttribute('aria-busy', 'true');
    });

    it('retries after an error', async () => {
      server.use(failOnce(SERVICES, () => servicePage([serviceRow()])));
      renderPage();
      await userEvent.click(
        await screen.findByRole('button', { name: 'Retry' }),
      );
      expect(await screen.findAllByTestId('service-row')).toHaveLength(1);
    });

    it('says when nothing is at risk, and warns about stale rows', async () => {
      server.use(http.get(SERVICES, () => HttpResponse.json(servicePage([]))));
      const { unmount } = renderPage();
      expect(
        await screen.findByText(/No service is at risk/),
      ).toBeInTheDocument();
      unmount();
      server.use(
        http.get(SERVICES, () =>
          HttpResponse.json(servicePage([serviceRow({ stale: true })])),
        ),
      );
      renderPage();
      expect(await screen.findByText('Stale data')).toBeInTheDocument();
    });
  });
});
