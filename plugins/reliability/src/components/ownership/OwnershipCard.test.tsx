import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { ownership } from '../../__testUtils__/fixtures';
import {
  ENTITY,
  failOnce,
  fullHandlers,
  pending,
} from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import { server } from '../../__testUtils__/server';
import { Ownership } from './OwnershipCard';

const render = () =>
  renderLegacy(<Ownership entityRef="component:default/payments-api" />);

describe('Ownership', () => {
  registerMswTestHooks(server);
  beforeEach(() => server.use(...fullHandlers()));

  it('shows the team, its parent chain, contacts and problems', async () => {
    await render();
    expect(await screen.findByText('team, 2 members')).toBeInTheDocument();
    const chain = within(
      screen.getByRole('navigation', { name: 'Parent teams' }),
    );
    expect(
      chain.getByRole('link', { name: 'Engineering' }),
    ).toBeInTheDocument();
    const contacts = within(screen.getByRole('list', { name: 'Contacts' }));
    expect(
      contacts.getByRole('link', { name: /Payments on-call/ }),
    ).toHaveAttribute('href', 'https://acme.pagerduty.example/schedules/P1234');
    expect(screen.getByText(/has no members/)).toBeInTheDocument();
  });

  it('names an owner missing from the catalog', async () => {
    server.use(
      http.get(`${ENTITY}/ownership`, () =>
        HttpResponse.json({
          ...ownership,
          owner: {
            ...ownership.owner!,
            ref: 'group:default/legacy-team',
            title: undefined,
            exists: false,
            parents: [],
          },
          contacts: [],
        }),
      ),
    );
    await render();
    expect(
      await screen.findByText('group:default/legacy-team (not in the catalog)'),
    ).toBeInTheDocument();
    expect(screen.getByText('No contacts.')).toBeInTheDocument();
  });

  it('shows what to add without an owner', async () => {
    server.use(
      http.get(`${ENTITY}/ownership`, () =>
        HttpResponse.json({
          ...ownership,
          owner: null,
          contacts: [],
          problems: [],
        }),
      ),
    );
    await render();
    expect(await screen.findByText('No owner')).toBeInTheDocument();
    expect(screen.getByLabelText('YAML snippet')).toHaveTextContent(
      'type: oncall',
    );
  });

  it('shows skeletons while loading and retries after an error', async () => {
    server.use(pending(`${ENTITY}/ownership`));
    const { unmount } = await render();
    expect(
      screen.getByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    unmount();
    server.use(failOnce(`${ENTITY}/ownership`, () => ownership));
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('#payments on Slack')).toBeInTheDocument();
  });
});
