import { Table } from '@backstage/core-components';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { paymentsEntity, sloSnapshot } from '../../__testUtils__/fixtures';
import { pending } from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import { BASE, server } from '../../__testUtils__/server';
import {
  createErrorBudgetColumn,
  createSloStatusColumn,
  EntityTableRow,
} from './columns';

const other = {
  ...paymentsEntity,
  metadata: { name: 'backoffice-web', namespace: 'default' },
};

function render() {
  return renderLegacy(
    <Table<EntityTableRow>
      title="Catalog"
      options={{ paging: false, search: false }}
      columns={[
        { title: 'Name', field: 'entity.metadata.name' },
        createSloStatusColumn(),
        createErrorBudgetColumn(),
      ]}
      data={[{ entity: paymentsEntity }, { entity: other }]}
    />,
  );
}

describe('catalog table columns', () => {
  registerMswTestHooks(server);

  it('shows each row’s SLO status and budget from one batched request', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(`${BASE}/v1/slos`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json({
          items: [
            sloSnapshot(),
            sloSnapshot({ slo: 'slo:default/l', remaining: 0.45 }),
          ],
          totalCount: 2,
          offset: 0,
          limit: 500,
        });
      }),
    );
    await render();
    const rows = await screen.findAllByRole('row');
    const payments = within(
      rows.find(r => r.textContent?.includes('payments-api'))!,
    );
    expect(await payments.findByText('Budget exhausted')).toBeInTheDocument();
    expect(payments.getByText('-6.5%')).toBeInTheDocument();
    const backoffice = within(
      rows.find(r => r.textContent?.includes('backoffice-web'))!,
    );
    expect(backoffice.getByText('No SLOs')).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    expect(requests[0].searchParams.get('service')).toBe(
      'component:default/payments-api,component:default/backoffice-web',
    );
  });

  it('shows skeletons while loading and says when the data is unavailable', async () => {
    server.use(pending(`${BASE}/v1/slos`));
    const { unmount } = await render();
    expect(screen.queryByText('No SLOs')).not.toBeInTheDocument();
    unmount();
    server.use(
      http.get(`${BASE}/v1/slos`, () =>
        HttpResponse.json({ error: {} }, { status: 500 }),
      ),
    );
    await render();
    expect(await screen.findAllByText('Unavailable')).toHaveLength(2);
  });
});
