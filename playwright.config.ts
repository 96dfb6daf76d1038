import { defineConfig } from '@playwright/test';

// The suite starts the portal exactly as the README does and drives Debian's
// Chromium: test tools cannot download browsers of their own here.
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  // test-all.mjs asks for JSON results to count them.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME
    ? [['list'], ['json']]
    : [['list']],
  webServer: {
    command: 'node scripts/bootstrap.mjs start',
    url: 'http://localhost:3000',
    reuseExistingServer: !process.env.CI,
    // A cold start compiles the frontend: minutes on a 2-core machine.
    timeout: 10 * 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  outputDir: 'node_modules/.cache/e2e-test-results',
});
