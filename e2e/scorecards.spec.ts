import {
  test,
  expect,
  Page,
  APIRequestContext,
  Locator,
} from '@playwright/test';
import type {
  EntityScorecards,
  ScorecardLeaderboard,
  ScorecardList,
  ScorecardRollup,
  ScorecardTrend,
} from '@reliability-kit/plugin-reliability-common';
import {
  formatPercent,
  shortRef,
} from '../plugins/reliability/src/components/common/format';

const backendUrl = process.env.BACKEND_URL ?? 'http://127.0.0.1:7007';
// The demo's static token (app-config.yaml): a service credential.
const headers = { authorization: 'Bearer demo-seed-token-change-me' };
const api = `${backendUrl}/api/reliability/v1`;
const SCORECARD = 'production-readiness';

// `RELIABILITY_SCREENSHOTS=1` saves the views to docs/images.
const screenshots = process.env.RELIABILITY_SCREENSHOTS === '1';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

async function get<T>(request: APIRequestContext, path: string): Promise<T> {
  // A kept-alive socket the backend closed in the meantime resets once.
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await request.get(`${api}${path}`, { headers });
      expect(res.status(), path).toBe(200);
      return await res.json();
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('ECONNRESET')) throw error;
    }
  }
}

/** Runs the scorecards over the demo catalog until teams have results. */
async function evaluated(request: APIRequestContext) {
  let board: ScorecardLeaderboard | undefined;
  await expect
    .poll(
      async () => {
        // The dev backend restarts when files change: try again then.
        try {
          const run = await request.post(`${api}/scorecards/evaluations`, {
            headers,
          });
          if (run.status() !== 200) return [`run: ${run.status()}`];
          board = await get<ScorecardLeaderboard>(
            request,
            `/scorecards/${SCORECARD}/leaderboard?by=team`,
          );
          return board.rows.map(r => r.ref);
        } catch (error) {
          return [String(error)];
        }
      },
      { timeout: 180_000, intervals: [5_000] },
    )
    .toContain('group:default/payments');
  return board!;
}

/** The dev server's error overlay (from other plugins) covers the page. */
async function hideDevOverlay(page: Page) {
  await page.addStyleTag({
    content:
      'body > iframe, #webpack-dev-server-client-overlay { display: none !important; }',
  });
}

async function shoot(name: string, part: Locator | Page) {
  if (!screenshots) return;
  const page = 'page' in part ? part.page() : part;
  await hideDevOverlay(page);
  const path = `docs/images/${name}.png`;
  if ('page' in part) await part.screenshot({ path });
  else await part.screenshot({ path, fullPage: true });
}

test.describe('scorecards', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  test('the Scorecards page ranks the demo teams, opens a team and exports', async ({
    page,
    request,
  }) => {
    const board = await evaluated(request);
    // Every team that owns a graded service is on the board.
    for (const team of ['payments', 'checkout', 'search', 'fulfilment']) {
      expect(board.rows.map(r => r.ref)).toContain(`group:default/${team}`);
    }

    await signInAsGuest(page);
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Scorecards' })
      .click();
    await expect(page).toHaveURL(/\/scorecards/);
    await hideDevOverlay(page);

    const rows = page.getByTestId('leaderboard-row');
    // A later run may have changed the board: read both until they agree.
    await expect(async () => {
      const now = await get<ScorecardLeaderboard>(
        request,
        `/scorecards/${SCORECARD}/leaderboard?by=team`,
      );
      await page.reload();
      await expect(rows).toHaveCount(now.rows.length, { timeout: 30_000 });
      for (const [i, row] of now.rows.entries()) {
        await expect(rows.nth(i)).toHaveAttribute('data-ref', row.ref);
        // A team missing from the catalog (legacy-team) has its ref as title.
        await expect(rows.nth(i)).toContainText(
          row.title === row.ref ? shortRef(row.ref) : row.title,
        );
      }
    }).toPass({ timeout: 120_000 });
    await expect(
      page.getByRole('table', { name: 'Teams by score' }),
    ).toContainText('Search & Discovery');
    // The trend draws from the second day with results on.
    const trend = await get<ScorecardTrend>(
      request,
      `/scorecards/${SCORECARD}/trend?scope=all&days=90`,
    );
    await expect(
      trend.points.length >= 2
        ? page.getByRole('img', { name: /^Production readiness, All entities/ })
        : page.getByText(
            `Not enough history yet: the trend gains a point for every day with results (${trend.points.length} so far).`,
          ),
    ).toBeVisible();
    await expect(page.getByTestId('failing-check').first()).toBeVisible();
    await shoot('scorecards-page', page);

    // A team's rollup, with the score the API gives.
    await hideDevOverlay(page);
    await page
      .locator(
        '[data-testid="leaderboard-row"][data-ref="group:default/payments"]',
      )
      .getByRole('link', { name: 'Payments' })
      .click();
    await expect(page).toHaveURL(/scope=team&ref=group%3Adefault%2Fpayments/);
    const rollup = await get<ScorecardRollup>(
      request,
      `/scorecards/${SCORECARD}/rollup?scope=team&ref=group:default/payments`,
    );
    await expect(page.getByTestId('rollup-score')).toHaveText(
      formatPercent(rollup.score, 0),
    );

    // The export downloads through the user's session.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(
      `${SCORECARD}-group-default-payments.csv`,
    );
    const stream = await file.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += chunk.toString();
    expect(csv.split('\n')[0]).toMatch(/^"?entity"?,/);
    expect(csv).toContain('component:default/payments-api');
  });

  test("a service's scorecard card shows its level and grades it again on Refresh", async ({
    page,
    request,
  }) => {
    await evaluated(request);
    const { items } = await get<ScorecardList>(request, '/scorecards');
    const definition = items.find(s => s.id === SCORECARD)!;

    await signInAsGuest(page);
    const card = page.getByRole('article', { name: 'Production readiness' });
    // The demo's SLOs and a scheduled run may change the grade between
    // reading the API and the page: read both again until they agree.
    await expect(async () => {
      const grades = await get<EntityScorecards>(
        request,
        '/entities/component/default/payments-api/scorecards',
      );
      const result = grades.items.find(r => r.scorecardId === SCORECARD)!;
      const level =
        definition.levels.find(l => l.id === result.level)?.title ?? 'No level';
      await page.goto('/catalog/default/component/payments-api');
      await hideDevOverlay(page);
      await expect(card.getByTestId('level-badge')).toHaveText(level, {
        timeout: 30_000,
      });
      // Levels not reached are open: every failing check says how to fix it.
      const fails = result.checks.filter(c => c.status === 'fail');
      await expect(card.locator('[data-status="fail"]')).toHaveCount(
        fails.length,
      );
      for (const check of fails) {
        await expect(card.locator(`[data-check="${check.id}"]`)).toContainText(
          'How to fix:',
        );
      }
    }).toPass({ timeout: 120_000 });
    const failing = card.locator('[data-status="fail"]');

    await page.getByRole('button', { name: 'Refresh scorecards' }).click();
    await expect(page.getByText('Graded again just now.')).toBeVisible();
    // The card now shows the grade the backend has just stored.
    const after = await get<EntityScorecards>(
      request,
      '/entities/component/default/payments-api/scorecards',
    );
    const stored = after.items.find(r => r.scorecardId === SCORECARD)!;
    await expect(card.getByTestId('level-badge')).toHaveAttribute(
      'data-level',
      stored.level ?? '',
    );
    await expect(card).toContainText(
      `${stored.passed} of ${stored.applicable} checks pass`,
    );

    if (
      await failing
        .first()
        .getByRole('button', { name: 'Show snippet' })
        .isVisible()
    ) {
      await failing
        .first()
        .getByRole('button', { name: 'Show snippet' })
        .click();
    }
    await shoot(
      'scorecard-card',
      page.locator('.MuiCard-root').filter({ has: card }).last(),
    );

    // The team's card on its Group page.
    await page.goto('/catalog/default/group/payments');
    await expect(
      page.getByRole('img', { name: /Levels of the team's entities/ }),
    ).toBeVisible();
  });
});
