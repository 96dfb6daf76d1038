import { test, expect, Page } from '@playwright/test';
import type {
  RunbookDocument,
  RunbookList,
} from '@reliability-kit/plugin-reliability-common';

// A runbook is markdown from a repository, shown to everyone who opens the
// service. Whatever it holds, the portal must not run it. The API answers
// are replaced in the browser so that the page gets exactly what a hostile
// repository (or a backend that let a bad URL through) would send.

const ENTITY_PATH = '/catalog/default/component/payments-api/reliability';
const RUNBOOKS_API =
  /\/api\/reliability\/v1\/entities\/component\/default\/payments-api\/runbooks(\/[^/?]+)?(\?.*)?$/;

// Built at run time so that no script URL literal sits in the source.
const js = (code: string, scheme = 'javascript') => `${scheme}:${code}`;

const HOSTILE_MARKDOWN = [
  '# Hostile runbook',
  '',
  '<script>window.__pwned=1</script>',
  '',
  '<img src=x onerror="window.__pwned=2">',
  '',
  `[click-md-js](${js('window.__pwned=3')})`,
  '',
  `<a href="${js('window.__pwned=4')}">click-html-js</a>`,
  '',
  '<iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>',
  '',
  '<svg onload="window.__pwned=6"><circle r="5"/></svg>',
  '',
  '[click-data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD03PC9zY3JpcHQ+)',
  '',
  `[click-case](${js('window.__pwned=8', 'JaVaScRiPt')})`,
  '',
  // Entity-encoded: markdown decodes &#106; to "j".
  `[click-entity](&#106;avascript:window.__pwned=9)`,
  '',
  // An encoded tab inside the scheme, which URL parsers drop.
  `[click-tab](java&#9;script:window.__pwned=10)`,
  '',
  `<${js('window.__pwned=11')}>`,
  '',
  `[click-ref][evil]`,
  '',
  `[evil]: ${js('window.__pwned=12')}`,
  '',
  `![img-js](${js('window.__pwned=13')})`,
  '',
  '[click-ok](https://example.com/safe)',
  '',
  'Text after the hostile parts.',
].join('\n');

const LINK_TEXTS = [
  'click-md-js',
  'click-data',
  'click-case',
  'click-entity',
  'click-tab',
  'click-ref',
];

const base = {
  source: 'entity-link' as const,
  freshness: 'unknown' as const,
};

const list: RunbookList = {
  entity: 'component:default/payments-api',
  maxAgeDays: 180,
  items: [
    {
      ...base,
      id: 'aaaaaaaaaaaa',
      title: 'Hostile runbook',
      // A URL the backend would never hand out, as if it had.
      url: js('window.__pwned=20'),
      format: 'markdown',
    },
    {
      ...base,
      id: 'bbbbbbbbbbbb',
      title: 'Hostile link',
      url: js('window.__pwned=21', 'JaVaScRiPt'),
      format: 'link',
    },
    {
      ...base,
      id: 'cccccccccccc',
      title: 'Hostile link with a control character',
      url: `\u0001${js('window.__pwned=22')}`,
      format: 'link',
    },
    {
      ...base,
      id: 'dddddddddddd',
      title: 'Wiki runbook',
      url: 'https://wiki.acme.example/payments',
      format: 'link',
    },
  ],
};

const documentOf = (id: string): RunbookDocument => {
  const item = list.items.find(i => i.id === id) ?? list.items[0];
  return {
    ...item,
    markdown: item.id === 'aaaaaaaaaaaa' ? HOSTILE_MARKDOWN : '',
  };
};

async function signInAsGuest(page: Page) {
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  // Guest sign-in asks the backend, which may be restarting for a moment.
  await expect(async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await expect(
      nav.getByRole('link', { name: 'Catalog', exact: true }),
    ).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 180_000 });
}

test('a hostile runbook runs nothing in Chromium', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async dialog => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(error.message));
  const served: string[] = [];
  await page.route(RUNBOOKS_API, async route => {
    const id = new URL(route.request().url()).pathname.match(
      /\/runbooks\/([^/]+)$/,
    )?.[1];
    served.push(id ?? 'list');
    await route.fulfill({ json: id ? documentOf(id) : list });
  });

  await page.setViewportSize({ width: 1400, height: 1000 });
  await signInAsGuest(page);
  const runbooks = page.getByRole('list', { name: 'Runbooks' });
  // The entity itself comes from the real catalog; a backend that is still
  // starting answers 503 for a moment.
  await expect(async () => {
    await page.goto(ENTITY_PATH);
    await expect(runbooks.getByRole('listitem')).toHaveCount(4, {
      timeout: 15_000,
    });
  }).toPass({ timeout: 180_000 });

  // Links the backend should never have sent are not links in the page.
  for (const title of [
    'Hostile link',
    'Hostile link with a control character',
  ]) {
    const item = runbooks
      .getByRole('listitem')
      .filter({ has: page.getByText(title, { exact: true }) });
    await expect(item.getByRole('link')).toHaveCount(0);
    await expect(item).toContainText('not an http(s) URL');
  }
  await expect(
    runbooks
      .getByRole('listitem')
      .filter({ hasText: 'Wiki runbook' })
      .getByRole('link', { name: 'Open link' }),
  ).toHaveAttribute('href', 'https://wiki.acme.example/payments');

  await runbooks
    .getByRole('listitem')
    .filter({ has: page.getByText('Hostile runbook', { exact: true }) })
    .getByRole('button', { name: 'Open runbook' })
    .click();
  const doc = page.getByRole('region', { name: 'Hostile runbook' });
  await expect(doc.getByText('Text after the hostile parts.')).toBeVisible();
  expect(served).toContain('aaaaaaaaaaaa');
  await expect(doc.getByRole('link', { name: 'Open source' })).toHaveCount(0);

  // The HTML shows as text.
  await expect(doc).toContainText('<script>window.__pwned=1</script>');
  await expect(doc).toContainText('<img src=x onerror="window.__pwned=2">');

  // Markdown links to script and data URLs are plain text; click them all.
  for (const text of LINK_TEXTS) {
    const part = doc.getByText(text, { exact: true });
    await expect(part).toBeVisible();
    await part.click();
  }
  await expect(doc.getByRole('link', { name: 'click-ok' })).toHaveAttribute(
    'href',
    'https://example.com/safe',
  );

  // Nothing ran, then or later.
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(page.url()).toContain(ENTITY_PATH);
  expect(pageErrors.filter(e => /script|__pwned/i.test(e))).toEqual([]);

  // No dangerous element or attribute made it into the DOM, and every link
  // and image left in the runbook card is http(s), as the browser parses it.
  const card = page.locator('.MuiCard-root').filter({ has: doc }).last();
  const found = await card.evaluate(root => {
    const markdown = root.querySelector('[class*="BackstageMarkdownContent"]');
    const handlers = [...root.querySelectorAll('*')].flatMap(el =>
      el
        .getAttributeNames()
        .filter(name => name.toLowerCase().startsWith('on'))
        .map(name => `${el.tagName}[${name}]`),
    );
    return {
      markdown: Boolean(markdown),
      elements: [
        ...root.querySelectorAll('script, iframe, object, embed, [srcdoc]'),
      ].map(el => el.tagName),
      markdownSvgs: markdown?.querySelectorAll('svg').length ?? -1,
      handlers,
      hrefs: [...root.querySelectorAll('[href]')]
        .map(el => (el as HTMLAnchorElement).href)
        .filter(href => !/^https?:$/.test(new URL(href).protocol)),
      srcs: [...root.querySelectorAll('[src]')]
        .map(el => (el as HTMLImageElement).src)
        .filter(src => src && !/^https?:$/.test(new URL(src).protocol)),
    };
  });
  expect(found).toEqual({
    markdown: true,
    elements: [],
    markdownSvgs: 0,
    handlers: [],
    hrefs: [],
    srcs: [],
  });
});
