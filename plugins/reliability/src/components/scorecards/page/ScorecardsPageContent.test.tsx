import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { failOnce, pending } from '../../../__testUtils__/handlers';
import { renderLegacy } from '../../../__testUtils__/render';
import {
  docsScorecardInfo,
  rollup,
  scorecardList,
  trend,
} from '../../../__testUtils__/scorecardFixtures';
import {
  SCORECARD,
  scorecardHandlers,
} from '../../../__testUtils__/scorecardHandlers';
import { BASE, server } from '../../../__testUtils__/server';
import { ScorecardsPageContent } from './ScorecardsPageContent';

const render = (path = '/scorecards') =>
  renderLegacy(<ScorecardsPageContent />, { routeEntries: [path] });

const requestsTo = (requests: URL[], route: string) =>
  requests.filter(u => u.pathname.endsWith(route));

describe('ScorecardsPageContent', () => {
  registerMswTestHooks(server);
  let requests: URL[];
  beforeEach(() => {
    requests = [];
    server.use(...scorecardHandlers(requests));
  });

  it('ranks the teams, and shows the rollup, trend and most failing checks of everything', async () => {
    await render();
    const rows = await screen.findAllByTestId('leaderboard-row');
    expect(rows.map(r => r.getAttribute('data-ref'))).toEqual([
      'group:default/platform',
      'group:default/payments',
      'group:default/search',
    ]);
    expect(rows[0]).toHaveTextContent('1Platform');
    expect(
      within(rows[1]).getByRole('img', { name: /Levels of Payments/ }),
    ).toHaveAccessibleName('Levels of Payments: 1 Bronze, 1 Silver, 1 Gold');

    const rollupPanel = await screen.findByTestId('scorecard-rollup');
    expect(rollupPanel).toHaveTextContent('All graded entities');
    expect(within(rollupPanel).getByTestId('rollup-score')).toHaveTextContent(
      // (2+1+3 + 1+0 + 3+3+2) / 3 / 8 entities
      '63%',
    );
    expect(
      within(rollupPanel).getByRole('img', { name: /Levels of All/ }),
    ).toHaveAccessibleName(
      'Levels of All graded entities: 1 No level, 2 Bronze, 2 Silver, 3 Gold',
    );

    const chart = await screen.findByRole('img', {
      name: /Production readiness, All entities from/,
    });
    expect(chart.getAttribute('aria-label')).toContain(
      'score from 20% to 50%, pass rate from 50% to 79%',
    );
    expect(chart.querySelectorAll('path').length).toBeGreaterThanOrEqual(6);

    const failing = screen.getAllByTestId('failing-check');
    expect(failing[0]).toHaveAttribute('data-check', 'slos-met');
    expect(failing[0]).toHaveTextContent('5 of 8');
    expect(requestsTo(requests, '/rollup')[0].searchParams.get('scope')).toBe(
      'all',
    );
    expect(requestsTo(requests, '/trend')[0].searchParams.get('days')).toBe(
      '90',
    );
  });

  it('opens a team’s rollup with its sub-teams from the leaderboard', async () => {
    await render();
    const rows = await screen.findAllByTestId('leaderboard-row');
    await userEvent.click(
      within(rows[1]).getByRole('link', { name: 'Payments' }),
    );
    expect(
      await screen.findByRole('table', { name: 'Sub-teams' }),
    ).toHaveTextContent('Fraud');
    const last = requestsTo(requests, '/rollup').pop()!;
    expect(last.searchParams.get('scope')).toBe('team');
    expect(last.searchParams.get('ref')).toBe('group:default/payments');
    expect(requestsTo(requests, '/trend').pop()!.searchParams.get('ref')).toBe(
      'group:default/payments',
    );
    expect(screen.getByTestId('scorecard-rollup')).toHaveTextContent(
      'Payments and its sub-teams',
    );
  });

  it('picks a scope and a team from the pickers', async () => {
    await render();
    await screen.findAllByTestId('leaderboard-row');
    await userEvent.click(screen.getByRole('button', { name: /Scope/ }));
    await userEvent.click(screen.getByRole('option', { name: 'Team' }));
    expect(await screen.findByText(/Choose a team above/)).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: /^Team(?!s)/ }),
    );
    const listbox = within(screen.getByRole('listbox'));
    expect(listbox.getAllByRole('option').map(o => o.textContent)).toEqual([
      'Platform',
      'Payments',
      'Search & Discovery',
    ]);
    await userEvent.click(
      listbox.getByRole('option', { name: 'Search & Discovery' }),
    );
    await waitFor(() =>
      expect(
        requestsTo(requests, '/rollup').pop()!.searchParams.get('ref'),
      ).toBe('group:default/search'),
    );
  });

  it('downloads the export of the scope as CSV and JSON', async () => {
    const exports: URL[] = [];
    server.use(
      http.get(`${SCORECARD}/export`, ({ request }) => {
        const url = new URL(request.url);
        exports.push(url);
        return new HttpResponse('entity,level\n', {
          headers: {
            'content-type': 'text/csv',
            'content-disposition': `attachment; filename="production-readiness-all.${url.searchParams.get(
              'format',
            )}"`,
          },
        });
      }),
    );
    const created: Blob[] = [];
    const saved: string[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:export';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function saveLink(this: HTMLAnchorElement) {
        saved.push(`${this.download} ${this.href}`);
      });
    try {
      await render();
      await screen.findAllByTestId('leaderboard-row');
      await userEvent.click(
        screen.getByRole('button', { name: 'Download CSV' }),
      );
      await waitFor(() => expect(saved).toHaveLength(1));
      await userEvent.click(
        screen.getByRole('button', { name: 'Download JSON' }),
      );
      await waitFor(() => expect(saved).toHaveLength(2));
    } finally {
      click.mockRestore();
    }
    expect(saved).toEqual([
      'production-readiness-all.csv blob:export',
      'production-readiness-all.json blob:export',
    ]);
    expect(exports.map(u => u.search)).toEqual([
      '?format=csv&scope=all',
      '?format=json&scope=all',
    ]);
    expect(created[0].size).toBe('entity,level\n'.length);
  });

  it('says an export failed', async () => {
    server.use(
      http.get(`${SCORECARD}/export`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'Invalid query: ref' },
            response: { statusCode: 400 },
          },
          { status: 400, statusText: 'Bad Request' },
        ),
      ),
    );
    await render();
    await screen.findAllByTestId('leaderboard-row');
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not export: 400 Bad Request: Invalid query: ref',
    );
  });

  it('says when there are no results yet and how to get them', async () => {
    server.use(
      http.get(`${SCORECARD}/rollup`, () =>
        HttpResponse.json(
          rollup({
            entities: 0,
            levelCounts: [0, 0, 0, 0],
            evaluatedAt: null,
            passRate: null,
            score: null,
          }),
        ),
      ),
    );
    await render();
    expect(await screen.findByText('No results yet')).toBeInTheDocument();
    expect(
      screen.getByText(/api\/reliability\/v1\/scorecards\/evaluations/),
    ).toBeInTheDocument();
    expect(screen.getByText(/within 60 minutes/)).toBeInTheDocument();
    expect(screen.queryByTestId('leaderboard-row')).not.toBeInTheDocument();
  });

  it('warns about stale results and a short history', async () => {
    server.use(
      http.get(`${SCORECARD}/rollup`, () =>
        HttpResponse.json(rollup({ staleCount: 2 })),
      ),
      http.get(`${SCORECARD}/trend`, () => HttpResponse.json(trend(1))),
    );
    await render();
    expect(await screen.findByText('Stale data')).toBeInTheDocument();
    expect(await screen.findByText(/Not enough history yet/)).toHaveTextContent(
      '(1 so far)',
    );
  });

  it('shows skeletons while loading and retries after an error', async () => {
    server.use(pending(`${BASE}/v1/scorecards`));
    const { unmount } = await render();
    expect(
      screen.getByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    unmount();
    server.use(
      http.get(`${BASE}/v1/scorecards`, () =>
        HttpResponse.json(scorecardList()),
      ),
      failOnce(`${SCORECARD}/leaderboard`, () => ({
        scorecardId: 'production-readiness',
        by: 'team',
        rows: [],
      })),
    );
    await render();
    expect(
      await screen.findByText('Could not load the leaderboard'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/No teams with graded/)).toBeInTheDocument();
  });

  it('picks among several scorecards and keeps the choice in the URL', async () => {
    server.use(
      http.get(`${BASE}/v1/scorecards`, () =>
        HttpResponse.json(
          scorecardList([scorecardList().items[0], docsScorecardInfo]),
        ),
      ),
    );
    await render('/scorecards?scorecard=docs');
    expect(
      await screen.findByRole('heading', { name: 'Documentation' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(requestsTo(requests, '/leaderboard').pop()!.pathname).toBe(
        '/api/reliability/v1/scorecards/docs/leaderboard',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: /Scorecard/ }));
    await userEvent.click(
      screen.getByRole('option', { name: 'Production readiness' }),
    );
    await waitFor(() =>
      expect(requestsTo(requests, '/rollup').pop()!.pathname).toBe(
        '/api/reliability/v1/scorecards/production-readiness/rollup',
      ),
    );
  });
});
