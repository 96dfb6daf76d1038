import { Entity } from '@backstage/catalog-model';
import {
  isMarkdownUrl,
  resolveRunbookUrl,
  runbookBaseOf,
  runbookId,
  RUNBOOK_ID_PATTERN,
} from './resolveRunbookUrl';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', annotations },
  };
}

describe('runbookBaseOf', () => {
  it('uses the source location as a directory', () => {
    expect(
      runbookBaseOf(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/payments/tree/main/service',
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/payments/blob/main/service/catalog-info.yaml',
        }),
      ),
    ).toBe('https://github.com/acme/payments/tree/main/service/');
  });

  it('falls back to the catalog file, also for file locations', () => {
    expect(
      runbookBaseOf(
        entity({
          'backstage.io/managed-by-location':
            'url:https://git.acme.example/payments/blob/main/catalog-info.yaml',
        }),
      ),
    ).toBe('https://git.acme.example/payments/blob/main/catalog-info.yaml');
    expect(
      runbookBaseOf(
        entity({
          'backstage.io/managed-by-location':
            'file:/srv/catalog/components/payments api/catalog-info.yaml',
        }),
      ),
    ).toBe('file:///srv/catalog/components/payments%20api/catalog-info.yaml');
  });

  it('is undefined without a location or for other location types', () => {
    expect(runbookBaseOf(entity({}))).toBeUndefined();
    expect(
      runbookBaseOf(entity({ 'backstage.io/managed-by-location': 'ldap:x' })),
    ).toBeUndefined();
  });
});

describe('resolveRunbookUrl', () => {
  const file = 'file:///repo/catalog/components/payments-api/catalog-info.yaml';

  it('resolves relative paths against the base', () => {
    expect(resolveRunbookUrl('../../runbooks/payments-api.md', file)).toEqual({
      ok: true,
      url: 'file:///repo/catalog/runbooks/payments-api.md',
    });
    expect(
      resolveRunbookUrl(
        './docs/runbook.md#latency',
        'https://github.com/acme/payments/blob/main/catalog-info.yaml',
      ),
    ).toEqual({
      ok: true,
      url: 'https://github.com/acme/payments/blob/main/docs/runbook.md#latency',
    });
  });

  it('keeps the query of the base, as the SCM integrations do', () => {
    expect(
      resolveRunbookUrl(
        'runbook.md',
        'https://dev.azure.example/repo/catalog-info.yaml?version=GBmain',
      ),
    ).toEqual({
      ok: true,
      url: 'https://dev.azure.example/repo/runbook.md?version=GBmain',
    });
  });

  it('keeps absolute http(s) URLs', () => {
    expect(
      resolveRunbookUrl('https://wiki.acme.example/runbooks/payments', file),
    ).toEqual({ ok: true, url: 'https://wiki.acme.example/runbooks/payments' });
  });

  it.each([
    // eslint-disable-next-line no-script-url -- the input under test
    ['javascript:alert(1)', 'javascript: links are not allowed'],
    ['file:///etc/passwd', 'file: links are not allowed'],
    ['/etc/passwd.md', 'absolute paths are not allowed'],
  ])('refuses %p', (value, why) => {
    const result = resolveRunbookUrl(value, file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(why);
    expect(!result.ok && result.message).not.toMatch(/^reliability\//);
  });

  it.each([
    // What the URL parser makes of these is another scheme or host; the
    // annotation parser refuses most of them already.
    ['\u0001javascript:alert(1)', 'control characters are not allowed'],
    ['\\\\evil.example/runbook.md', 'absolute paths are not allowed'],
    ['//evil.example/runbook.md', 'absolute paths are not allowed'],
  ])('refuses the relative path %p', (value, why) => {
    const result = resolveRunbookUrl(
      value,
      'https://github.com/acme/payments/blob/main/catalog-info.yaml',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(why);
  });

  it('cannot resolve a relative path without a base', () => {
    expect(resolveRunbookUrl('./runbook.md', undefined)).toEqual({
      ok: false,
      message:
        'the relative path ./runbook.md cannot be resolved: the entity has no source location',
    });
  });
});

describe('isMarkdownUrl', () => {
  it('looks at the path only', () => {
    expect(isMarkdownUrl('https://x.example/a/RUNBOOK.MD?raw=1#top')).toBe(
      true,
    );
    expect(isMarkdownUrl('file:///a/b.markdown')).toBe(true);
    expect(isMarkdownUrl('https://x.example/page?file=a.md')).toBe(false);
    expect(isMarkdownUrl('https://x.example/md')).toBe(false);
  });
});

describe('runbookId', () => {
  it('is short, URL-safe and stable', () => {
    const id = runbookId('https://x.example/a.md');
    expect(id).toMatch(RUNBOOK_ID_PATTERN);
    expect(runbookId('https://x.example/a.md')).toBe(id);
    expect(runbookId('https://x.example/b.md')).not.toBe(id);
    // Pinned: ids end up in links people share.
    expect(id).toBe('2aa88da44cc4');
  });
});
