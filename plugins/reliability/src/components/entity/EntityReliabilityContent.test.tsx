import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  paymentsEntity,
  sloSnapshot,
  summary,
} from '../../__testUtils__/fixtures';
import {
  ENTITY,
  failOnce,
  fullHandlers,
  pending,
} from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import { server } from '../../__testUtils__/server';
import { EntityReliabilityContent } from './EntityReliabilityContent';

describe('EntityReliabilityContent', () => {
  registerMswTestHooks(server);
  beforeEach(() => server.use(...fullHandlers()));

  const render = () =>
    renderLegacy(<EntityReliabilityContent />, { entity: paymentsEntity });

  it('shows every SLO with its numbers', async () => {
    await render();
    const availability = await screen.findByRole('article', {
      name: 'Payments availability',
    });
    const card = within(availability);
    expect(card.getByText('Budget exhausted')).toBeInTheDocument();
    expect(card.getByTestId('slo-sli')).toHaveTextContent('99.86%');
    expect(card.getByTestId('slo-target')).toHaveTextContent('99.900%');
    expect(card.getByText('Exhausted (-6.5%)')).toBeInTheDocument();
    expect(card.getByTestId('slo-forecast')).toHaveTextContent('Exhausted');
    expect(
      card.getByRole('meter', {
        name: 'Error budget remaining of Payments availability',
      }),
    ).toHaveAttribute('aria-valuenow', '0');
    const latency = within(
      screen.getByRole('article', { name: 'Payments latency' }),
    );
    expect(latency.getByText('45.1% left')).toBeInTheDocument();
    expect(latency.getByText('Healthy')).toBeInTheDocument();
    // The sparkline says in words what it draws.
    expect(
      await latency.findByRole('img', {
        name: /SLI of Payments latency over the last 7 days/,
      }),
    ).toBeInTheDocument();
  });

  it('shows the release gate and deployment health', async () => {
    await render();
    const gate = await screen.findByTestId('release-gate');
    expect(gate).toHaveTextContent(
      'Release gate (production):Release blockedPayments availability: error budget exhausted',
    );

    expect(await screen.findByTestId('latest-production')).toHaveTextContent(
      'v2.14.0',
    );
    expect(
      screen.getByText('Canary: 2 of 3 steps passed, 100% of traffic now'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('latest-staging')).toHaveTextContent('Failed');
    expect(await screen.findByText('Medium performer')).toBeInTheDocument();
    expect(screen.getByText('Elite performer')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Show more (10 older)' }),
    ).toBeInTheDocument();
  });

  it('shows the owner and the runbooks', async () => {
    await render();
    expect(await screen.findByText('#payments on Slack')).toBeInTheDocument();
    expect(screen.getByText(/has no members/)).toBeInTheDocument();
    expect(await screen.findByText('Payments runbook')).toBeInTheDocument();
  });

  it('explains the gate decision on request', async () => {
    await render();
    const why = await screen.findByRole('button', { name: 'Why? (2)' });
    expect(why).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(why);
    expect(why).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByText(/Payments latency: 45.1 % of the error budget left/),
    ).toBeVisible();
  });

  it('opens an SLO detail with the chart, deployment tooltips and burn rates', async () => {
    await render();
    const card = within(
      await screen.findByRole('article', { name: 'Payments availability' }),
    );
    await userEvent.click(card.getByRole('button', { name: 'Show details' }));
    const marker = await card.findByRole('button', {
      name: /Deployment v2.14.0 to production, succeeded, .*likely caused budget burn/,
    });
    expect(card.queryByRole('tooltip')).not.toBeInTheDocument();
    fireEvent.focus(marker);
    expect(card.getByRole('tooltip')).toHaveTextContent(
      'Likely caused budget burn',
    );
    fireEvent.blur(marker);
    expect(card.queryByRole('tooltip')).not.toBeInTheDocument();
    const table = card.getAllByRole('table', {
      name: 'Burn rates per alert window',
    })[0];
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    expect(within(table).getByText('14.4×')).toBeInTheDocument();
  });

  it('shows skeletons while loading', async () => {
    server.use(pending(`${ENTITY}/summary`));
    await render();
    expect(
      screen.getAllByRole('progressbar', { name: 'Loading' }).length,
    ).toBeGreaterThan(0);
  });

  it('shows the OpenSLO snippet to add when the service has no SLOs', async () => {
    server.use(
      http.get(`${ENTITY}/summary`, () =>
        HttpResponse.json(
          summary({ slos: [], status: 'no-data', budgetRemaining: null }),
        ),
      ),
    );
    await render();
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
    const snippet = screen.getByLabelText('YAML snippet');
    expect(snippet).toHaveTextContent('kind: SLO');
    expect(snippet).toHaveTextContent('service: payments-api');
  });

  it('shows the error and loads again on retry', async () => {
    server.use(failOnce(`${ENTITY}/summary`, () => summary()));
    await render();
    expect(await screen.findByText(/database is locked/)).toBeInTheDocument();
    expect(
      screen.getByText('Could not load reliability data'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('article', { name: 'Payments availability' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/database is locked/)).not.toBeInTheDocument();
  });

  it('warns when the data is stale', async () => {
    server.use(
      http.get(`${ENTITY}/summary`, () =>
        HttpResponse.json(
          summary({
            stale: true,
            slos: [
              sloSnapshot({
                stale: true,
                error: 'Prometheus unreachable',
                evaluatedAt: Date.now() - 3 * 3_600_000,
              }),
            ],
          }),
        ),
      ),
    );
    await render();
    expect(await screen.findByText('Stale data')).toBeInTheDocument();
    expect(screen.getByText(/last evaluated 3h ago/)).toBeInTheDocument();
    expect(screen.getByText(/Prometheus unreachable/)).toBeInTheDocument();
  });

  it('keeps the other sections when one route fails', async () => {
    server.use(
      http.get(`${ENTITY}/ownership`, () =>
        HttpResponse.json({ error: { message: 'boom' } }, { status: 503 }),
      ),
    );
    await render();
    expect(
      await screen.findByText('Could not load the ownership'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('article', { name: 'Payments latency' }),
      ).toBeInTheDocument(),
    );
  });
});
