import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
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
import { EntityReliabilityCard } from './EntityReliabilityCard';

const render = () =>
  renderLegacy(<EntityReliabilityCard />, { entity: paymentsEntity });

describe('EntityReliabilityCard', () => {
  registerMswTestHooks(server);
  beforeEach(() => server.use(...fullHandlers()));

  it('sums up status, budget, alert state, each SLO and the gate', async () => {
    await render();
    const slos = within(await screen.findByRole('list', { name: 'SLOs' }));
    expect(slos.getAllByRole('listitem')).toHaveLength(2);
    expect(
      slos.getByRole('link', { name: 'Payments availability' }),
    ).toBeInTheDocument();
    expect(slos.getByText('Exhausted (-6.5%)')).toBeInTheDocument();
    expect(slos.getByText('45.1% left')).toBeInTheDocument();
    expect(screen.getByText('No alert')).toBeInTheDocument();
    expect(
      screen.getByRole('meter', { name: 'Error budget remaining' }),
    ).toHaveAttribute('aria-valuetext', 'Exhausted (-6.5%)');
    expect(await screen.findByText('Release blocked')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View reliability/ }),
    ).toBeInTheDocument();
  });

  it('shows skeletons while loading', async () => {
    server.use(pending(`${ENTITY}/summary`), pending(`${ENTITY}/release-gate`));
    await render();
    expect(
      screen.getAllByRole('progressbar', { name: 'Loading' }),
    ).toHaveLength(2);
  });

  it('shows the SLO snippet without SLOs', async () => {
    server.use(
      http.get(`${ENTITY}/summary`, () =>
        HttpResponse.json(
          summary({ slos: [], status: 'no-data', budgetRemaining: null }),
        ),
      ),
    );
    await render();
    expect(await screen.findByText('No SLOs yet')).toBeInTheDocument();
    expect(screen.getByLabelText('YAML snippet')).toHaveTextContent(
      'apiVersion: openslo/v1',
    );
  });

  it('retries after an error', async () => {
    server.use(failOnce(`${ENTITY}/summary`, () => summary()));
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('list', { name: 'SLOs' }),
    ).toBeInTheDocument();
  });

  it('warns about stale data', async () => {
    server.use(
      http.get(`${ENTITY}/summary`, () =>
        HttpResponse.json(
          summary({ stale: true, slos: [sloSnapshot({ stale: true })] }),
        ),
      ),
    );
    await render();
    expect(await screen.findByText('Stale data')).toBeInTheDocument();
    expect(
      screen.getByText(
        /The status of Payments availability may be out of date/,
      ),
    ).toBeInTheDocument();
  });
});
