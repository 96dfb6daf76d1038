import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { delay, http, HttpResponse } from 'msw';
import { servicePage, serviceRow } from '../../__testUtils__/fixtures';
import { failOnce, pending } from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import { BASE, server } from '../../__testUtils__/server';
import { ReliabilityPageContent } from './ReliabilityPageContent';

const SERVICES = `${BASE}/v1/services`;

/** 2,000 services, paged by the fake server as the real one does. */
const ALL = Array.from({ length: 2000 }, (_, i) =>
  serviceRow({
    entity: `component:default/svc-${String(i).padStart(4, '0')}`,
    title: `Service ${String(i).padStart(4, '0')}`,
    status: i === 7 ? 'exhausted' : 'healthy',
    budgetRemaining: i === 7 ? -0.2 : 0.9,
    lastDeployment: undefined,
  }),
);

function pagingServer(seen: URLSearchParams[]) {
  return http.get(SERVICES, ({ request }) => {
    const q = new URL(request.url).searchParams;
    seen.push(q);
    const statuses = q.get('status')?.split(',');
    let rows = statuses ? ALL.filter(r => statuses.includes(r.status)) : ALL;
    if (q.get('q')) rows = rows.filter(r => r.title.includes(q.get('q')!));
    const offset = Number(q.get('offset') ?? 0);
    const limit = Number(q.get('limit') ?? 25);
    return HttpResponse.json(
      servicePage(
        rows.slice(offset, offset + limit),
        rows.length,
        offset,
        limit,
      ),
    );
  });
}

const render = (route = '/reliability') =>
  renderLegacy(<ReliabilityPageContent />, { routeEntries: [route] });

describe('ReliabilityPageContent', () => {
  registerMswTestHooks(server);

  it('shows one page of 2,000 services with status, budget, alert, owner, tier, system and deployment', async () => {
    const seen: URLSearchParams[] = [];
    server.use(pagingServer(seen));
    server.use(
      http.get(SERVICES, ({ request }) => {
        const q = new URL(request.url).searchParams;
        seen.push(q);
        return HttpResponse.json(
          servicePage(
            [
              serviceRow(),
              serviceRow({
                entity: 'component:default/search-api',
                title: 'Search API',
                status: 'warning',
                alertState: 'page',
                budgetRemaining: 0.79,
                tier: 'high',
                lastDeployment: undefined,
              }),
            ],
            2000,
          ),
        );
      }),
    );
    await render();
    const rows = await screen.findAllByTestId('service-row');
    expect(rows).toHaveLength(2);
    const payments = within(rows[0]);
    expect(
      payments.getByRole('link', { name: 'Payments API' }),
    ).toBeInTheDocument();
    expect(payments.getByText('Budget exhausted')).toBeInTheDocument();
    expect(payments.getByText('Exhausted (-6.5%)')).toBeInTheDocument();
    expect(payments.getByText('No alert')).toBeInTheDocument();
    expect(payments.getByText('critical')).toBeInTheDocument();
    expect(payments.getByText('payment-processing')).toBeInTheDocument();
    expect(payments.getByText('Succeeded')).toBeInTheDocument();
    expect(
      payments.getByText(/v2.14.0 · production · 2h ago/),
    ).toBeInTheDocument();
    const search = within(rows[1]);
    expect(search.getByText('Paging')).toBeInTheDocument();
    expect(search.getByText('79.0% left')).toBeInTheDocument();
    expect(search.getByText('None')).toBeInTheDocument();
    expect(screen.getByText(/1.25 of 2000/)).toBeInTheDocument();
    expect(seen[0].get('order')).toBe('name');
    expect(seen[0].get('limit')).toBe('25');
  });

  it('pages through the server, never loading all services', async () => {
    const seen: URLSearchParams[] = [];
    server.use(pagingServer(seen));
    await render();
    expect(await screen.findAllByTestId('service-row')).toHaveLength(25);
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('service-row')[0]).toHaveTextContent(
        'Service 0025',
      ),
    );
    expect(seen.map(q => q.get('offset'))).toEqual(['0', '25']);
    expect(seen.every(q => Number(q.get('limit')) <= 100)).toBe(true);
  });

  it('puts the exhausted service first in the at-risk view', async () => {
    const seen: URLSearchParams[] = [];
    server.use(pagingServer(seen));
    await render();
    await screen.findAllByTestId('service-row');
    await userEvent.click(screen.getByRole('tab', { name: 'At risk' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('service-row')).toHaveLength(1),
    );
    expect(screen.getAllByTestId('service-row')[0]).toHaveTextContent(
      'Service 0007',
    );
    const last = seen[seen.length - 1];
    expect(last.get('order')).toBe('risk');
    expect(last.get('status')).toBe('exhausted,breaching,warning');
  });

  it('sorts on the server by the chosen column', async () => {
    const seen: URLSearchParams[] = [];
    server.use(pagingServer(seen));
    await render();
    await screen.findAllByTestId('service-row');
    await userEvent.click(
      screen.getByRole('button', { name: 'Worst budget left' }),
    );
    await waitFor(() =>
      expect(seen[seen.length - 1].get('order')).toBe('budget'),
    );
  });

  it('filters by owner, status and text on the server', async () => {
    const seen: URLSearchParams[] = [];
    server.use(pagingServer(seen));
    await render('/reliability?owner=group:default/payments&tier=critical');
    await screen.findAllByTestId('service-row');
    expect(seen[0].get('owner')).toBe('group:default/payments');
    expect(seen[0].get('tier')).toBe('critical');
    fireEvent.mouseDown(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Budget exhausted' }),
    );
    await waitFor(() =>
      expect(seen[seen.length - 1].get('status')).toBe('exhausted'),
    );
    await userEvent.keyboard('{Escape}');
    await userEvent.type(screen.getByLabelText('Search services'), '0007');
    await waitFor(() => expect(seen[seen.length - 1].get('q')).toBe('0007'));
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(seen[seen.length - 1].has('owner')).toBe(false));
  });

  it('shows skeleton rows while loading', async () => {
    server.use(pending(SERVICES));
    await render();
    expect(screen.getByRole('table', { name: 'Services' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    expect(screen.queryAllByTestId('service-row')).toHaveLength(0);
  });

  it('keeps the page on screen while the next one loads', async () => {
    let slow = false;
    server.use(
      http.get(SERVICES, async ({ request }) => {
        if (slow) await delay('infinite');
        slow = true;
        const offset = Number(
          new URL(request.url).searchParams.get('offset') ?? 0,
        );
        return HttpResponse.json(
          servicePage(ALL.slice(offset, offset + 25), 2000, offset),
        );
      }),
    );
    await render();
    await screen.findAllByTestId('service-row');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getAllByTestId('service-row')).toHaveLength(25);
    expect(
      screen.getByRole('progressbar', { name: 'Loading services' }),
    ).toBeInTheDocument();
  });

  it('shows the SLO snippet when no service has data', async () => {
    server.use(http.get(SERVICES, () => HttpResponse.json(servicePage([], 0))));
    await render();
    expect(
      await screen.findByText('No services with reliability data'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('YAML snippet')).toHaveTextContent(
      'kind: SLO',
    );
  });

  it('says so when filters match nothing, or nothing is at risk', async () => {
    server.use(http.get(SERVICES, () => HttpResponse.json(servicePage([], 0))));
    const first = await render('/reliability?tier=low');
    expect(
      await screen.findByText('No services match these filters.'),
    ).toBeInTheDocument();
    first.unmount();
    await render('/reliability?view=at-risk');
    expect(
      await screen.findByText(/No service is at risk/),
    ).toBeInTheDocument();
  });

  it('shows the error and retries', async () => {
    server.use(failOnce(SERVICES, () => servicePage([serviceRow()], 1)));
    await render();
    expect(
      await screen.findByText('Could not load the services'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findAllByTestId('service-row')).toHaveLength(1);
  });

  it('marks stale services and warns', async () => {
    server.use(
      http.get(SERVICES, () =>
        HttpResponse.json(
          servicePage(
            [
              serviceRow({ stale: true }),
              serviceRow({ entity: 'component:default/b', title: 'B' }),
            ],
            2,
          ),
        ),
      ),
    );
    await render();
    expect(await screen.findByText('Stale data')).toBeInTheDocument();
    expect(
      screen.getByText(/The status of 1 service on this page/),
    ).toBeInTheDocument();
    expect(
      within(screen.getAllByTestId('service-row')[0]).getByText('Stale'),
    ).toBeInTheDocument();
  });
});
