import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { runbookDocument, runbooks } from '../../__testUtils__/fixtures';
import {
  ENTITY,
  failOnce,
  fullHandlers,
  pending,
} from '../../__testUtils__/handlers';
import { renderLegacy } from '../../__testUtils__/render';
import { server } from '../../__testUtils__/server';
import { Runbooks } from './RunbookList';

const render = () =>
  renderLegacy(<Runbooks entityRef="component:default/payments-api" />);

describe('Runbooks', () => {
  registerMswTestHooks(server);
  beforeEach(() => server.use(...fullHandlers()));

  it('lists runbooks with freshness in words and the review date', async () => {
    await render();
    const list = within(await screen.findByRole('list', { name: 'Runbooks' }));
    const items = list.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Payments runbook');
    expect(items[0]).toHaveTextContent('Fresh');
    expect(items[0]).toHaveTextContent(/last reviewed/);
    expect(items[1]).toHaveTextContent('for payments-api-availability');
    expect(items[1]).toHaveTextContent('Review date unknown');
    expect(
      within(items[1]).getByRole('link', { name: 'Open link' }),
    ).toHaveAttribute('href', 'https://wiki.example/psp');
    expect(items[2]).toHaveTextContent('Stale (over 180 days)');
    expect(items[2]).toHaveTextContent(/last changed/);
  });

  it('opens a markdown runbook in the page without rendering its HTML', async () => {
    await render();
    const [open] = await screen.findAllByRole('button', {
      name: 'Open runbook',
    });
    await userEvent.click(open);
    const doc = await screen.findByRole('region', { name: 'Payments runbook' });
    expect(
      await within(doc).findByText('Check the PSP status page.'),
    ).toBeInTheDocument();
    expect(
      within(doc).getByRole('heading', { name: 'Payments runbook', level: 3 }),
    ).toHaveFocus();
    // The HTML shows as text; no element is made from it.
    expect(doc).toHaveTextContent('<script>window.__pwned = true</script>');
    expect(doc.querySelector('script')).toBeNull();
    expect(doc.querySelector('img')).toBeNull();
    expect((window as any).__pwned).toBeUndefined();
    await userEvent.click(within(doc).getByRole('button', { name: 'Close' }));
    expect(
      screen.queryByRole('region', { name: 'Payments runbook' }),
    ).not.toBeInTheDocument();
    expect(open).toHaveFocus();
  });

  it('makes no link of a script URL, in the list or in the markdown', async () => {
    // Built at run time so linters do not flag script URL literals.
    const script = (n: number) =>
      ['JaVaScRiPt', `window.__pwned=${n}`].join(':');
    server.use(
      http.get(`${ENTITY}/runbooks`, () =>
        HttpResponse.json({
          ...runbooks,
          items: [
            { ...runbooks.items[0], url: script(1) },
            { ...runbooks.items[1], url: `\u0001${script(2)}` },
          ],
        }),
      ),
      http.get(`${ENTITY}/runbooks/:id`, () =>
        HttpResponse.json({
          ...runbookDocument,
          url: script(1),
          markdown: `# Payments runbook\n\n[md-link](${script(
            3,
          )}) and [ok](https://ok.example)`,
        }),
      ),
    );
    await render();
    const list = within(await screen.findByRole('list', { name: 'Runbooks' }));
    const items = list.getAllByRole('listitem');
    expect(within(items[1]).queryByRole('link')).toBeNull();
    expect(items[1]).toHaveTextContent('The link is not an http(s) URL');
    await userEvent.click(
      within(items[0]).getByRole('button', { name: 'Open runbook' }),
    );
    const doc = await screen.findByRole('region', { name: 'Payments runbook' });
    expect(await within(doc).findByText(/^md-link and/)).toBeInTheDocument();
    expect(within(doc).queryByRole('link', { name: 'md-link' })).toBeNull();
    expect(within(doc).queryByRole('link', { name: 'Open source' })).toBeNull();
    expect(within(doc).getByRole('link', { name: /^ok/ })).toHaveAttribute(
      'href',
      'https://ok.example',
    );
  });

  it('says why a runbook could not be read', async () => {
    server.use(
      http.get(`${ENTITY}/runbooks/:id`, () =>
        HttpResponse.json({
          ...runbookDocument,
          markdown: '',
          error: 'Not found at https://git.example',
        }),
      ),
    );
    await render();
    const [open] = await screen.findAllByRole('button', {
      name: 'Open runbook',
    });
    await userEvent.click(open);
    expect(
      await screen.findByText('Not found at https://git.example'),
    ).toBeInTheDocument();
  });

  it('shows skeletons while loading', async () => {
    server.use(pending(`${ENTITY}/runbooks`));
    await render();
    expect(
      screen.getByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows the link to add when there is no runbook', async () => {
    server.use(
      http.get(`${ENTITY}/runbooks`, () =>
        HttpResponse.json({ ...runbooks, items: [] }),
      ),
    );
    await render();
    expect(await screen.findByText('No runbooks')).toBeInTheDocument();
    expect(screen.getByLabelText('YAML snippet')).toHaveTextContent(
      'type: runbook',
    );
  });

  it('retries after an error', async () => {
    server.use(failOnce(`${ENTITY}/runbooks`, () => runbooks));
    await render();
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.getByText('Payments runbook')).toBeInTheDocument(),
    );
  });
});
