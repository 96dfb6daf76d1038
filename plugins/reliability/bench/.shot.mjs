import { chromium } from '@playwright/test';
const [, , path, out, waitText] = process.argv;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = [];
page.on('console', m => {
  if (m.type() === 'error') errors.push(m.text().slice(0, 300));
});
page.on('pageerror', e => errors.push('PAGEERROR ' + String(e).slice(0, 300)));
await page.goto('http://localhost:3000/');
await page.getByRole('button', { name: 'Enter' }).click();
await page
  .getByRole('navigation', { name: 'sidebar nav' })
  .getByRole('link', { name: 'Catalog', exact: true })
  .waitFor();
await page.goto('http://localhost:3000' + path);
if (waitText)
  await page
    .getByText(waitText)
    .first()
    .waitFor({ timeout: 60000 })
    .catch(e => errors.push('WAIT ' + e.message.slice(0, 200)));
await page.waitForTimeout(1500);
await page.screenshot({ path: out, fullPage: true });
console.log(errors.join('\n'));
await browser.close();
