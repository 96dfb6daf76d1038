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
