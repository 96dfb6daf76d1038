import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { groupEntity } from '../../__testUtils__/fixtures';
import { failOnce, pending } from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import {
  scorecardList,
  teamRollup,
} from '../../__testUtils__/scorecardFixtures';
import {
  SCORECARD,
  scorecardHandlers,
} from '../../__testUtils__/scorecardHandlers';
import { server } from '../../__testUtils__/server';
import { EntityGroupScorecardCard } from './EntityGroupScorecardCard';

const render = () =>
  renderLegacy(<EntityGroupScorecardCard />, { entity: groupEntity });

describe('EntityGroupScorecardCard', () => {
  registerMswTestHooks(server);
  let requests: URL[];
  beforeEach(() => {
    requests = [];
    server.use(...scorecardHandlers(requests));
  });

  it('shows the level distribution, score and failing checks of the team with its sub-teams', async () => {
    await render();
    const levels = await screen.findByRole('img', {
      name: /Levels of the team's entities/,
    });
    // Payments' own levels 1, 0, 2 and its sub-team Fraud's 0.
    expect(levels).toHaveAccessibleName(
      "Levels of the team's entities: 2 Bronze, 1 Silver, 1 Gold",
    );
    expect(screen.getByTestId('group-score')).toHaveTextContent('Score 58%');
    expect(screen.getByText('sub-team').parentElement).toHaveTextContent(
      '1 sub-team',
    );
    const failing = within(
      screen.getByRole('list', { name: 'Checks that fail most' }),
    );
    expect(failing.getAllByRole('listitem')[0]).toHaveTextContent(
      'All SLOs meet their objective over their window: 3 failing',
    );
    const rollup = requests.find(u => u.pathname.endsWith('/rollup'))!;
    expect(rollup.searchParams.get('scope')).toBe('team');
    expect(rollup.searchParams.get('ref')).toBe('group:default/payments');
    expect(
      screen.getByRole('link', { name: /Team on the Scorecards page/ }),
    ).toHaveAttribute(
      'href',
      '/scorecards?scope=team&ref=group%3Adefault%2Fpayments',
    );
  });

  it('says what the scorecard grades when the team has nothing graded', async () => {
    server.use(
      http.get(`${SCORECARD}/rollup`, () =>
        HttpResponse.json({
          ...teamRollup(),
          entities: 0,
          levelCounts: [0, 0, 0, 0],
          children: [],
          evaluatedAt: null,
        }),
      ),
    );
    await render();
    expect(await screen.findByText('Nothing graded yet')).toBeInTheDocument();
    expect(
      screen.getByText(/grades components of type service or website/),
    ).toBeInTheDocument();
  });

  it('says when no scorecard is defined', async () => {
    server.use(
      http.get(`${SCORECARD.replace('/:id', '')}`, () =>
        HttpResponse.json(scorecardList([])),
      ),
    );
    await render();
    expect(await screen.findByText('No scorecards')).toBeInTheDocument();
    expect(requests.some(u => u.pathname.endsWith('/rollup'))).toBe(false);
  });

  it('warns about stale results, shows skeletons and retries after an error', async () => {
    server.use(pending(`${SCORECARD}/rollup`));
    const first = await render();
    expect(
      screen.getByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    first.unmount();
    server.use(
      failOnce(`${SCORECARD}/rollup`, () => ({
        ...teamRollup(),
        staleCount: 1,
      })),
    );
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Stale data')).toBeInTheDocument();
  });
});
