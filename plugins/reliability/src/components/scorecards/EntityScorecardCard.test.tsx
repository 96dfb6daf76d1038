import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { paymentsEntity } from '../../__testUtils__/fixtures';
import { ENTITY, failOnce, pending } from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import {
  docsScorecardInfo,
  entityScorecards,
  paymentsResult,
  scorecardList,
} from '../../__testUtils__/scorecardFixtures';
import { BASE, server } from '../../__testUtils__/server';
import { EntityScorecardCard } from './EntityScorecardCard';

const SCORECARDS = `${ENTITY}/scorecards`;
const REFRESH = `${ENTITY}/scorecards/refresh`;

const render = () =>
  renderLegacy(<EntityScorecardCard />, { entity: paymentsEntity });

const check = (id: string) =>
  screen
    .getAllByTestId('scorecard-check')
    .find(el => el.getAttribute('data-check') === id)!;

describe('EntityScorecardCard', () => {
  registerMswTestHooks(server);
  beforeEach(() =>
    server.use(
      http.get(`${BASE}/v1/scorecards`, () =>
        HttpResponse.json(scorecardList()),
      ),
      http.get(SCORECARDS, () => HttpResponse.json(entityScorecards())),
    ),
  );

  it('shows the level, then each level’s checks with how to fix the failing ones', async () => {
    const user = userEvent.setup();
    await render();
    const result = await screen.findByRole('article', {
      name: 'Production readiness',
    });
    expect(within(result).getByTestId('level-badge')).toHaveTextContent(
      'Bronze',
    );
    expect(result).toHaveTextContent('7 of 11 checks pass');
    expect(result).toHaveTextContent('To reach Silver, fix 1 check.');

    // Silver is not reached: its checks are open.
    const runbook = check('has-runbook');
    expect(runbook).toHaveTextContent('Fail');
    expect(runbook).toHaveTextContent('Fails: found 0, expected at least 1.');
    expect(runbook).toHaveTextContent(
      'How to fix: Add a link of type runbook to metadata.links',
    );
    expect(check('has-slo')).toHaveTextContent('Pass');

    // Not applicable: muted, with why.
    const escalation = check('has-escalation');
    expect(escalation).toHaveTextContent('Not applicable');
    expect(escalation).toHaveTextContent(
      'Applies to tier critical, high only; this entity is medium.',
    );
    expect(escalation).not.toHaveTextContent('How to fix');

    // Exempt: the reason and until when.
    const fresh = check('runbook-fresh');
    expect(fresh).toHaveTextContent('Exempt');
    expect(fresh).toHaveTextContent(
      'Exempt: runbook moves to the new wiki (until 2099-12-31)',
    );

    // Bronze is reached: folded until asked.
    expect(
      screen.queryAllByTestId('scorecard-check').map(el => el.dataset.check),
    ).not.toContain('owner-is-team');
    await user.click(
      screen.getByRole('button', { name: 'Show the Bronze checks' }),
    );
    expect(check('owner-is-team')).toHaveTextContent('Pass');
    expect(check('owner-is-team')).not.toHaveTextContent('How to fix');
  });

  it('shows a failing check’s snippet on request and copies it', async () => {
    const user = userEvent.setup();
    await render();
    await screen.findByRole('article', { name: 'Production readiness' });
    const runbook = within(check('has-runbook'));
    const toggle = runbook.getByRole('button', { name: 'Show snippet' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const snippet = runbook.getByLabelText('Snippet for A runbook link');
    expect(snippet).toHaveTextContent('type: runbook');
    const writeText = jest.spyOn(window.navigator.clipboard, 'writeText');
    await user.click(
      within(snippet).getByRole('button', { name: 'Copy snippet' }),
    );
    expect(writeText).toHaveBeenCalledWith(
      expect.stringContaining('title: Runbook\n      type: runbook'),
    );
  });

  it('grades the entity again on Refresh, with progress, and shows the new grade', async () => {
    const user = userEvent.setup();
    let release: () => void = () => {};
    let posts = 0;
    server.use(
      http.post(REFRESH, async () => {
        posts += 1;
        await new Promise<void>(resolve => {
          release = resolve;
        });
        return HttpResponse.json(
          entityScorecards({
            items: [paymentsResult({ levelIndex: 1, level: 'silver' })],
          }),
        );
      }),
    );
    await render();
    await screen.findByRole('article', { name: 'Production readiness' });
    await user.click(
      screen.getByRole('button', { name: 'Refresh scorecards' }),
    );
    expect(
      await screen.findByRole('progressbar', {
        name: 'Grading the entity again',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Refresh scorecards' }),
    ).toBeDisabled();
    release();
    expect(await screen.findByText('Graded again just now.')).toBeVisible();
    expect(screen.getByTestId('level-badge')).toHaveTextContent('Silver');
    expect(posts).toBe(1);
    expect(
      screen.queryByRole('progressbar', { name: 'Grading the entity again' }),
    ).not.toBeInTheDocument();
  });

  it('says why a refresh failed and keeps the last grade', async () => {
    const user = userEvent.setup();
    server.use(
      http.post(REFRESH, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403, statusText: 'Forbidden' },
        ),
      ),
    );
    await render();
    await screen.findByRole('article', { name: 'Production readiness' });
    await user.click(
      screen.getByRole('button', { name: 'Refresh scorecards' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not refresh the scorecards: 403 Forbidden: Unauthorized',
    );
    expect(screen.getByTestId('level-badge')).toHaveTextContent('Bronze');
    expect(
      screen.getByRole('button', { name: 'Refresh scorecards' }),
    ).toBeEnabled();
  });

  it('says when a scorecard applies but has not graded the entity yet', async () => {
    const user = userEvent.setup();
    server.use(
      http.get(SCORECARDS, () =>
        HttpResponse.json(
          entityScorecards({ items: [], pending: ['production-readiness'] }),
        ),
      ),
      http.post(REFRESH, () => HttpResponse.json(entityScorecards())),
    );
    await render();
    expect(await screen.findByTestId('scorecards-pending')).toHaveTextContent(
      'Not evaluated yet: Production readiness.',
    );
    expect(screen.queryByText(/No scorecard applies/)).not.toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Refresh scorecards' }),
    );
    expect(await screen.findByTestId('level-badge')).toHaveTextContent(
      'Bronze',
    );
    expect(screen.queryByTestId('scorecards-pending')).not.toBeInTheDocument();
  });

  it('says what makes a scorecard apply when none does', async () => {
    server.use(
      http.get(SCORECARDS, () =>
        HttpResponse.json(entityScorecards({ items: [], pending: [] })),
      ),
      http.get(`${BASE}/v1/scorecards`, () =>
        HttpResponse.json(
          scorecardList([scorecardList().items[0], docsScorecardInfo]),
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText('No scorecard applies to this entity'),
    ).toBeInTheDocument();
    const list = within(screen.getByRole('list', { name: 'Scorecards' }));
    expect(list.getAllByRole('listitem').map(li => li.textContent)).toEqual([
      'Production readiness grades components of type service or website.',
      'Documentation grades components and apis in lifecycle production.',
    ]);
  });

  it('shows a stale result with the reason', async () => {
    server.use(
      http.get(SCORECARDS, () =>
        HttpResponse.json(
          entityScorecards({
            items: [
              paymentsResult({
                stale: {
                  reason: 'the catalog could not be read',
                  since: '2026-11-20T10:00:00.000Z',
                },
              }),
            ],
          }),
        ),
      ),
    );
    await render();
    const banner = await screen.findByText('Stale result');
    expect(banner.parentElement).toHaveTextContent(
      'the catalog could not be read',
    );
  });

  it('shows skeletons while loading, and retries after an error', async () => {
    server.use(pending(SCORECARDS));
    const { unmount } = await render();
    expect(
      screen.getByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    unmount();
    server.use(failOnce(SCORECARDS, () => entityScorecards()));
    await render();
    expect(
      await screen.findByText('Could not load the scorecards'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('level-badge')).toHaveTextContent(
      'Bronze',
    );
  });

  it('titles each scorecard when several grade the entity', async () => {
    server.use(
      http.get(`${BASE}/v1/scorecards`, () =>
        HttpResponse.json(
          scorecardList([scorecardList().items[0], docsScorecardInfo]),
        ),
      ),
      http.get(SCORECARDS, () =>
        HttpResponse.json(
          entityScorecards({
            items: [
              paymentsResult(),
              {
                scorecardId: 'docs',
                entity: 'component:default/payments-api',
                levelIndex: -1,
                level: null,
                checks: [
                  {
                    id: 'techdocs',
                    levelId: 'documented',
                    status: 'fail',
                    value: false,
                    message: 'Fails: found no, expected yes.',
                  },
                ],
                passed: 0,
                applicable: 1,
                evaluatedAt: new Date().toISOString(),
              },
            ],
          }),
        ),
      ),
    );
    await render();
    const docs = await screen.findByRole('article', { name: 'Documentation' });
    expect(
      within(docs).getByRole('heading', { name: 'Documentation' }),
    ).toBeInTheDocument();
    expect(within(docs).getByTestId('level-badge')).toHaveTextContent(
      'No level',
    );
    expect(docs).toHaveTextContent(
      'How to fix: Add a backstage.io/techdocs-ref annotation.',
    );
  });
});
