import { test, expect, Page } from '@playwright/test';

const backendUrl = process.env.BACKEND_URL ?? 'http://127.0.0.1:7007';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
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
  await page.goto('/catalog?filters[kind]=component&filters[user]=all');
  await expect(
    page.getByRole('link', { name: 'checkout-service' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'checkout-service' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout-service/,
  );
  await expect(page.getByText('Owner', { exact: false }).first()).toBeVisible();
});
