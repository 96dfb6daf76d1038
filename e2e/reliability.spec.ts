import {
  test,
  expect,
  Page,
  APIRequestContext,
  Locator,
} from '@playwright/test';
import type {
  EntityReliabilitySummary,
  ServiceReliabilityPage,
  SloStatusSnapshot,
} from '@reliability-kit/plugin-reliability-common';
import {
  formatPercent,
  formatSli,
} from '../plugins/reliability/src/components/common/format';

const backendUrl = process.env.BACKEND_URL ?? 'http://127.0.0.1:7007';
// The demo's static token (app-config.yaml).
const headers = { authorization: 'Bearer demo-seed-token-change-me' };
const api = `${backendUrl}/api/reliability/v1`;

// `RELIABILITY_SCREENSHOTS=1` saves the main views to docs/images.
const screenshots = process.env.RELIABILITY_SCREENSHOTS === '1';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
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

/** Waits until the demo SLOs of payments-api are evaluated. */
async function paymentsSummary(request: APIRequestContext) {
  let summary: EntityReliabilitySummary | undefined;
  await expect
    .poll(
      async () => {
        await request.post(`${api}/evaluations`, { headers });
        summary = await get<EntityReliabilitySummary>(
          request,
          '/entities/component/default/payments-api/summary',
        );
        return summary.slos.map(s => s.status);
      },
      { timeout: 180_000, intervals: [5_000] },
    )
    .toContain('exhausted');
  return summary!;
}

/** The objective an SLO card shows: the one with the least budget left. */
function worstObjective(slo: SloStatusSnapshot) {
  return [...slo.objectives].sort(
    (a, b) =>
      (a.errorBudget?.remaining ?? Infinity) -
      (b.errorBudget?.remaining ?? Infinity),
  )[0];
}

function budgetText(remaining: number | null) {
  if (remaining === null) return 'No data';
  if (remaining <= 0) return `Exhausted (${formatPercent(remaining)})`;
  return `${formatPercent(remaining)} left`;
}

/** The dev server's error overlay (from other plugins) hides the page. */
async function hideDevOverlay(page: Page) {
  await page.addStyleTag({
    content:
      'body > iframe, #webpack-dev-server-client-overlay { display: none !important; }',
  });
}

async function shoot(page: Page, name: string, part?: Locator) {
  if (!screenshots) return;
  await hideDevOverlay(page);
  const path = `docs/images/${name}.png`;
  if (part) await part.screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}

/** The card (an InfoCard or SLO card) around a part of the page. */
function cardAround(page: Page, part: Locator) {
  return page.locator('.MuiCard-root').filter({ has: part }).last();
}

test.describe('reliability views', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
  });

  test("a service's Reliability tab shows the API's SLO numbers and opens a runbook", async ({
    page,
    request,
  }) => {
    await paymentsSummary(request);
    await signInAsGuest(page);

    // An evaluation may land between reading the API and the page: read
    // both again until they agree.
    await expect(async () => {
      const summary = await get<EntityReliabilitySummary>(
        request,
        '/entities/component/default/payments-api/summary',
      );
      await page.goto('/catalog/default/component/payments-api/reliability');
      for (const slo of summary.slos) {
        const card = page.getByRole('article', { name: slo.title });
        const objective = worstObjective(slo);
        await expect(card.getByTestId('slo-sli')).toHaveText(
          formatSli(objective.sli.value),
          { timeout: 30_000 },
        );
        await expect(card.getByTestId('slo-target')).toHaveText(
          formatSli(objective.target),
        );
        await expect(
          card.getByText(budgetText(objective.errorBudget?.remaining ?? null), {
            exact: true,
          }),
        ).toBeVisible();
      }
    }).toPass({ timeout: 120_000 });

    const gate = await get<{ decision: string }>(
      request,
      '/entities/component/default/payments-api/release-gate',
    );
    expect(gate.decision).toBe('block');
    await expect(page.getByTestId('release-gate')).toContainText(
      'Release blocked',
    );
    await shoot(page, 'reliability-tab');

    // The SLO detail: chart with deployment markers and burn rates.
    const availability = page.getByRole('article', {
      name: 'Payments availability',
    });
    await availability.getByRole('button', { name: 'Show details' }).click();
    await expect(
      availability.getByRole('table', { name: 'Burn rates per alert window' }),
    ).toBeVisible();
    const markers = availability.getByTestId('deployment-marker');
    if ((await markers.count()) > 0) {
      await markers.first().focus();
      await expect(availability.getByRole('tooltip')).toBeVisible();
    }
    await expect(
      availability.getByRole('group', { name: /SLI and error budget/ }),
    ).toBeVisible();
    await shoot(page, 'slo-detail', availability);

    // A markdown runbook opens rendered in the page.
    const runbooks = page.getByRole('list', { name: 'Runbooks' });
    const item = runbooks
      .getByRole('listitem')
      .filter({ hasText: 'Payments API runbook' });
    await item.getByRole('button', { name: 'Open runbook' }).click();
    const doc = page.getByRole('region', { name: 'Payments API runbook' });
    await expect(doc.getByRole('heading', { name: 'Symptoms' })).toBeVisible();
    await expect(
      doc.getByRole('link', { name: 'Payments dashboard' }),
    ).toHaveAttribute('href', 'https://grafana.acme.example/d/payments-api');
    await shoot(page, 'runbook', cardAround(page, doc));
  });

  test('the overview card and the SLO entity page', async ({
    page,
    request,
  }) => {
    await paymentsSummary(request);
    await signInAsGuest(page);
    await page.goto('/catalog/default/component/payments-api');
    const card = cardAround(page, page.getByRole('list', { name: 'SLOs' }));
    await expect(card).toContainText('Payments availability');
    await expect(card.getByTestId('release-gate')).toBeVisible();
    await shoot(page, 'overview-card', card);

    await page.goto('/catalog/default/slo/payments-api-availability');
    await expect(
      page.getByRole('article', { name: 'Payments availability' }),
    ).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Burn rates per alert window' }),
    ).toBeVisible();
    await shoot(page, 'slo-entity');
  });

  test('the Reliability page lists the demo services, the exhausted one first at risk', async ({
    page,
    request,
  }) => {
    await paymentsSummary(request);
    const all = await get<ServiceReliabilityPage>(
      request,
      '/services?order=name&limit=100',
    );
    expect(all.totalCount).toBeGreaterThanOrEqual(8);

    await signInAsGuest(page);
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Reliability' })
      .click();
    await expect(page).toHaveURL(/\/reliability/);
    await expect(page.getByTestId('service-row').first()).toBeVisible();
    // The demo fits on one page of 100.
    await page.goto('/reliability?pageSize=100');
    const rows = page.getByTestId('service-row');
    await expect(rows).toHaveCount(all.items.length);
    for (const service of all.items) {
      await expect(
        page.locator(`[data-entity="${service.entity}"]`),
      ).toContainText(service.title);
    }

    await page.getByRole('tab', { name: 'At risk' }).click();
    await expect(page).toHaveURL(/view=at-risk/);
    await expect(rows.first()).toHaveAttribute(
      'data-entity',
      'component:default/payments-api',
    );
    await expect(rows.first()).toContainText('Budget exhausted');
    const atRisk = await get<ServiceReliabilityPage>(
      request,
      '/services?order=risk&status=exhausted,breaching,warning&limit=25',
    );
    await expect(rows).toHaveCount(atRisk.items.length);
    await shoot(page, 'reliability-page');

    // The group card: the team's services.
    await page.goto('/catalog/default/group/payments');
    const teamTable = page.getByRole('table', { name: 'Services of the team' });
    await expect(teamTable).toContainText('Payments API');
    await shoot(page, 'group-card', cardAround(page, teamTable));
  });
});
