import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  groupEntity,
  servicePage,
  serviceRow,
} from '../../__testUtils__/fixtures';
import { failOnce, pending } from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import { BASE, server } from '../../__testUtils__/server';
import { EntityGroupReliabilityCard } from './EntityGroupReliabilityCard';

const SERVICES = `${BASE}/v1/services`;
const render = () =>
  renderLegacy(<EntityGroupReliabilityCard />, { entity: groupEntity });

const rows = [
  serviceRow(),
  serviceRow({
    entity: 'component:default/fraud-detector',
    title: 'Fraud detector',
    status: 'healthy',
    budgetRemaining: 0.9,
  }),
];

describe('EntityGroupReliabilityCard', () => {
  registerMswTestHooks(server);

  it("lists the team's services riskiest first, with the at-risk count", async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(SERVICES, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        return HttpResponse.json(
          query.get('status')
            ? servicePage([rows[0]], 1)
            : servicePage(rows, 2),
        );
      }),
    );
    await render();
    const table = within(
      await screen.findByRole('table', { name: 'Services of the team' }),
    );
    const [, first, second] = table.getAllByRole('row');
    expect(first).toHaveTextContent('Payments API');
    expect(first).toHaveTextContent('Budget exhausted');
    expect(second).toHaveTextContent('Fraud detector');
    expect(second).toHaveTextContent('90.0%');
    expect(screen.getByText('at risk').parentElement).toHaveTextContent(
      '1 at risk',
    );
    expect(queries.map(q => q.get('owner'))).toEqual([
      'group:default/payments',
      'group:default/payments',
    ]);
    expect(queries[0].get('order')).toBe('risk');
    expect(queries[1].get('status')).toBe('exhausted,breaching,warning');
    expect(
      screen.getByRole('link', { name: /All of the team/ }),
    ).toHaveAttribute('href', '/reliability?owner=group%3Adefault%2Fpayments');
  });

  it('shows skeletons while loading', async () => {
    server.use(pending(SERVICES));
    await render();
    expect(
      screen.getByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows how to own a service when the team has none', async () => {
    server.use(http.get(SERVICES, () => HttpResponse.json(servicePage([], 0))));
    await render();
    expect(
      await screen.findByText('No services with reliability data'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('YAML snippet')).toHaveTextContent(
      'owner: group:default/payments',
    );
  });

  it('retries after an error', async () => {
    server.use(failOnce(SERVICES, () => servicePage(rows, 2)));
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Services of the team' }),
    ).toBeInTheDocument();
  });

  it('warns about stale services', async () => {
    server.use(
      http.get(SERVICES, () =>
        HttpResponse.json(servicePage([serviceRow({ stale: true })], 1)),
      ),
    );
    await render();
    expect(await screen.findByText('Stale data')).toBeInTheDocument();
  });
});
