import {
  firstHeading,
  parseReviewDate,
  parseRunbookMarkdown,
} from './frontMatter';

describe('parseRunbookMarkdown', () => {
  it('reads title and last_reviewed from the front matter and removes it', () => {
    expect(
      parseRunbookMarkdown(
        '---\ntitle: Payments API\nlast_reviewed: 2026-11-02\nowner: payments\n---\n\n# Heading\n\nBody\n',
      ),
    ).toEqual({
      markdown: '# Heading\n\nBody\n',
      title: 'Payments API',
      lastReviewed: Date.UTC(2026, 10, 2),
      warnings: [],
    });
  });

  it('accepts CRLF line ends, a byte order mark and an empty front matter', () => {
    expect(
      parseRunbookMarkdown(
        '\uFEFF---\r\nlast_reviewed: 2026-01-31\r\n---\r\nText',
      ),
    ).toMatchObject({ markdown: 'Text', lastReviewed: Date.UTC(2026, 0, 31) });
    expect(parseRunbookMarkdown('---\n---\n# Only heading')).toEqual({
      markdown: '# Only heading',
      title: 'Only heading',
      lastReviewed: undefined,
      warnings: [],
    });
  });

  it('falls back to the first heading outside code blocks', () => {
    expect(
      parseRunbookMarkdown(
        'Intro\n```\n# not this\n```\n## Sub\n# Orders runbook #\n',
      ).title,
    ).toBe('Orders runbook');
  });

  it('leaves a document without front matter as it is', () => {
    const text = 'No front matter\n---\ntitle: x\n---\n';
    expect(parseRunbookMarkdown(text)).toEqual({
      markdown: text,
      title: undefined,
      lastReviewed: undefined,
      warnings: [],
    });
  });

  it('warns about a last_reviewed that is not a date, and invalid YAML', () => {
    expect(
      parseRunbookMarkdown('---\nlast_reviewed: last week\n---\nx').warnings,
    ).toEqual([
      'front matter last_reviewed: expected a date such as 2026-11-02, got "last week"; the file\'s last change is used instead',
    ]);
    const broken = parseRunbookMarkdown(
      '---\ntitle: [unclosed\n---\n# Fallback',
    );
    expect(broken.title).toBe('Fallback');
    expect(broken.warnings[0]).toMatch(/^front matter is not valid YAML: /);
    expect(parseRunbookMarkdown('---\n- a list\n---\nx').warnings).toEqual([
      'front matter: expected key: value pairs',
    ]);
  });
});

describe('parseReviewDate', () => {
  it.each([
    ['2026-11-02', Date.UTC(2026, 10, 2)],
    ['2026-11-02T10:30:00Z', Date.UTC(2026, 10, 2, 10, 30)],
    ['2026-11-02T10:30:00+02:00', Date.UTC(2026, 10, 2, 8, 30)],
    [new Date(Date.UTC(2026, 0, 1)), Date.UTC(2026, 0, 1)],
  ])('reads %p', (value, expected) => {
    expect(parseReviewDate(value)).toBe(expected);
  });

  it.each(['2026-02-30', '02/11/2026', 'yesterday', '', 20261102, null])(
    'refuses %p',
    value => {
      expect(parseReviewDate(value)).toBeUndefined();
    },
  );
});

describe('firstHeading', () => {
  it('ignores headings in tilde fences and deeper headings', () => {
    expect(firstHeading('~~~\n# code\n~~~\n### three\n#   Spaced  ')).toBe(
      'Spaced',
    );
    expect(firstHeading('#hashtag\nno heading')).toBeUndefined();
  });
});
