import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  deployment,
  deploymentPage,
  stagingDeployment,
} from '../../__testUtils__/fixtures';
import {
  ENTITY,
  failOnce,
  fullHandlers,
  pending,
} from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import { server } from '../../__testUtils__/server';
import { DeploymentHealth, latestPerEnvironment } from './DeploymentHealth';

const REF = 'component:default/payments-api';

describe('DeploymentHealth', () => {
  registerMswTestHooks(server);
  beforeEach(() => server.use(...fullHandlers()));

  it('shows the latest per environment, canary progress, DORA bands and history', async () => {
    await renderLegacy(<DeploymentHealth entityRef={REF} />);
    const production = await screen.findByTestId('latest-production');
    expect(production).toHaveTextContent('v2.14.0');
    expect(production).toHaveTextContent('Succeeded');
    expect(production).toHaveTextContent('canary');
    expect(production).toHaveTextContent('Likely burned error budget');
    expect(
      within(production).getByRole('progressbar', {
        name: 'Canary progress: 2 of 3 steps passed',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('latest-staging')).toHaveTextContent(
      'Budget impact: pending',
    );
    const tiles = within(
      await screen.findByRole('list', { name: 'DORA metrics' }),
    );
    expect(tiles.getByText('3.5 / week')).toBeInTheDocument();
    expect(tiles.getAllByText('High performer')).toHaveLength(2);
    expect(tiles.getByText('Medium performer')).toBeInTheDocument();
    expect(tiles.getByText('20%')).toBeInTheDocument();
    expect(
      tiles.getByText('9 of 45 failed or rolled back'),
    ).toBeInTheDocument();
    const history = within(
      screen.getByRole('list', { name: 'Deployment history' }),
    );
    expect(history.getAllByRole('listitem')).toHaveLength(2);
  });

  it('loads older deployments on request, keeping the shown ones', async () => {
    const limits: string[] = [];
    server.use(
      http.get(`${ENTITY}/deployments`, ({ request }) => {
        limits.push(new URL(request.url).searchParams.get('limit')!);
        return HttpResponse.json(deploymentPage);
      }),
    );
    await renderLegacy(<DeploymentHealth entityRef={REF} />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show more (10 older)' }),
    );
    expect(limits).toEqual(['10', '20']);
    expect(screen.getByTestId('latest-production')).toBeInTheDocument();
  });

  it('shows skeletons while loading', async () => {
    server.use(pending(`${ENTITY}/deployments`));
    await renderLegacy(<DeploymentHealth entityRef={REF} />);
    expect(
      screen.getByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows how to report deployments when there are none', async () => {
    server.use(
      http.get(`${ENTITY}/deployments`, () =>
        HttpResponse.json({ items: [], totalCount: 0, offset: 0, limit: 10 }),
      ),
    );
    await renderLegacy(<DeploymentHealth entityRef={REF} />);
    expect(
      await screen.findByText('No deployments recorded'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('YAML snippet')).toHaveTextContent(
      '"entity": "component:default/payments-api"',
    );
  });

  it('retries after an error', async () => {
    server.use(failOnce(`${ENTITY}/deployments`, () => deploymentPage));
    await renderLegacy(<DeploymentHealth entityRef={REF} />);
    expect(
      await screen.findByText('Could not load the deployments'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('latest-production')).toBeInTheDocument();
  });

  it('puts production first among the latest deployments', () => {
    const older = {
      ...deployment,
      id: 'old',
      startedAt: deployment.startedAt - 1,
    };
    expect(
      latestPerEnvironment([stagingDeployment, older, deployment]).map(
        d => d.id,
      ),
    ).toEqual(['deploy-42', 'deploy-43']);
  });
});
