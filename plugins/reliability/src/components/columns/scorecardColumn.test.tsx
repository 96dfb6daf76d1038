import { Table } from '@backstage/core-components';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { paymentsEntity } from '../../__testUtils__/fixtures';
import { renderLegacy } from '../../__testUtils__/render';
import { scorecardList } from '../../__testUtils__/scorecardFixtures';
import { BASE, server } from '../../__testUtils__/server';
import type { EntityTableRow } from './columns';
import { createScorecardLevelColumn } from './scorecardColumn';

const entity = (name: string) => ({
  ...paymentsEntity,
  metadata: { name, namespace: 'default' },
});

function render() {
  return renderLegacy(
    <Table<EntityTableRow>
      title="Catalog"
      options={{ paging: false, search: false }}
      columns={[
        { title: 'Name', field: 'entity.metadata.name' },
        createScorecardLevelColumn(),
      ]}
      data={[
        { entity: entity('payments-api') },
        { entity: entity('search-api') },
        { entity: entity('ui-kit') },
      ]}
    />,
  );
}

const row = (name: string) =>
  within(screen.getAllByRole('row').find(r => r.textContent?.includes(name))!);

describe('scorecard level column', () => {
  registerMswTestHooks(server);

  it('shows each row’s level from one batched request', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(`${BASE}/v1/scorecards`, () =>
        HttpResponse.json(scorecardList()),
      ),
      http.get(`${BASE}/v1/scorecards/:id/levels`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json({
          scorecardId: 'production-readiness',
          items: [
            {
              entity: 'component:default/payments-api',
              levelIndex: 1,
              level: 'silver',
              stale: false,
            },
            {
              entity: 'component:default/search-api',
              levelIndex: -1,
              level: null,
              stale: true,
            },
          ],
        });
      }),
    );
    await render();
    expect(
      await row('payments-api').findByTestId('level-badge'),
    ).toHaveTextContent('Silver');
    expect(row('search-api').getByTestId('level-badge')).toHaveTextContent(
      'No level (stale)',
    );
    expect(row('ui-kit').getByText('Not graded')).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    expect(requests[0].pathname).toBe(
      '/api/reliability/v1/scorecards/production-readiness/levels',
    );
    expect(requests[0].searchParams.get('entity')).toBe(
      'component:default/payments-api,component:default/search-api,component:default/ui-kit',
    );
  });

  it('says when the levels are unavailable', async () => {
    server.use(
      http.get(`${BASE}/v1/scorecards`, () =>
        HttpResponse.json(scorecardList()),
      ),
      http.get(`${BASE}/v1/scorecards/:id/levels`, () =>
        HttpResponse.json({ error: {} }, { status: 404 }),
      ),
    );
    await render();
    expect(await screen.findAllByText('Unavailable')).toHaveLength(3);
  });
});
