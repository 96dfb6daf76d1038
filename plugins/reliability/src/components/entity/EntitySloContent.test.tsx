import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { sloEntity, sloSnapshot } from '../../__testUtils__/fixtures';
import { failOnce, fullHandlers, pending } from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import { BASE, server } from '../../__testUtils__/server';
import { EntitySloContent } from './EntitySloContent';

const SLO = `${BASE}/v1/slos/default/payments-api-availability`;
const render = () => renderLegacy(<EntitySloContent />, { entity: sloEntity });

describe('EntitySloContent', () => {
  registerMswTestHooks(server);
  beforeEach(() => server.use(...fullHandlers()));

  it('shows the SLO with its chart and burn rates open, and its service gate', async () => {
    await render();
    expect(
      await screen.findByRole('article', { name: 'Payments availability' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Hide details' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      await screen.findByRole('group', {
        name: /Payments availability: SLI and error budget/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Burn rates per alert window' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Release blocked')).toBeInTheDocument();
  });

  it('shows skeletons while loading', async () => {
    server.use(pending(SLO));
    await render();
    expect(
      screen.getByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('says when the SLO has not been evaluated yet, and checks again', async () => {
    let calls = 0;
    server.use(
      http.get(SLO, () =>
        ++calls === 1
          ? HttpResponse.json(
              { error: { message: 'No status' } },
              { status: 404 },
            )
          : HttpResponse.json(sloSnapshot()),
      ),
    );
    await render();
    expect(await screen.findByText('Not evaluated yet')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(
      await screen.findByRole('article', { name: 'Payments availability' }),
    ).toBeInTheDocument();
  });

  it('retries after an error', async () => {
    server.use(failOnce(SLO, () => sloSnapshot()));
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('article', { name: 'Payments availability' }),
    ).toBeInTheDocument();
  });

  it('warns about a stale status', async () => {
    server.use(
      http.get(SLO, () =>
        HttpResponse.json(
          sloSnapshot({ stale: true, error: 'source timed out' }),
        ),
      ),
    );
    await render();
    expect(await screen.findByText('Stale data')).toBeInTheDocument();
    expect(screen.getByText(/source timed out/)).toBeInTheDocument();
  });
});
