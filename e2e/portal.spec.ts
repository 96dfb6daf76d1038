import { test, expect, Page } from '@playwright/test';

const backendUrl = process.env.BACKEND_URL ?? 'http://127.0.0.1:7007';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('the backend reports ready', async ({ request }) => {
  // Fails when the toolchain cannot run the backend (e.g. a native module
  // built for another Node), since the portal would be started but broken.
  await expect
    .poll(
      async () =>
        (
          await request.get(`${backendUrl}/.backstage/health/v1/readiness`)
        ).status(),
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe(200);
});

test('the catalog lists the demo organisation', async ({ page }) => {
  await signInAsGuest(page);
  // The demo mounts the catalog at the root.
  await page.goto('/?filters[kind]=component&filters[user]=all');
  // The table shows each component's title, falling back to its name.
  const checkout = page.getByRole('link', { name: 'Checkout service' });
  await expect(checkout).toBeVisible();
  await checkout.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service/,
  );
  await expect(
    page.getByRole('heading', { name: 'Checkout service' }).first(),
  ).toBeVisible();
});

test('the start command seeds and evaluates the demo SLO history', async ({
  request,
}) => {
  // The demo's static token (app-config.yaml); seeding runs in the
  // background after start-up, evaluation every minute.
  const headers = { authorization: 'Bearer demo-seed-token-change-me' };
  await expect
    .poll(
      async () => {
        await request.post(`${backendUrl}/api/reliability/v1/evaluations`, {
          headers,
        });
        const res = await request.get(
          `${backendUrl}/api/reliability/v1/slos?status=exhausted`,
          { headers },
        );
        const body = await res.json();
        return body.items?.map((item: { slo: string }) => item.slo) ?? [];
      },
      { timeout: 180_000, intervals: [5_000] },
    )
    .toContain('slo:default/payments-api-availability');

  const gate = await request.get(
    `${backendUrl}/api/reliability/v1/entities/component/default/payments-api/release-gate`,
    { headers },
  );
  expect((await gate.json()).decision).toBe('block');
});
