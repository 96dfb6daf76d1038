/**
 * URLs from the catalog and from runbooks are written by anyone who can
 * change a repository. Only these schemes become links or images; anything
 * else (`javascript:`, `data:`, `vbscript:` …) would run in the portal's
 * origin or open content the portal did not check.
 */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * The scheme as the browser sees it: the URL parser drops leading control
 * characters and spaces, and tabs and newlines anywhere, so
 * `"\u0001java\tscript:"` is a script URL even though it does not look like
 * one.
 */
function protocolOf(url: string, base?: string): string | undefined {
  try {
    return new URL(url, base).protocol;
  } catch {
    return undefined;
  }
}

/** The URL if it is an absolute http(s) URL, else undefined. */
export function httpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const protocol = protocolOf(url);
  return protocol === 'http:' || protocol === 'https:' ? url : undefined;
}

const pageUrl = () =>
  typeof window === 'undefined' ? 'http://localhost/' : window.location.href;

/**
 * For `MarkdownContent`'s `transformLinkUri`: http(s), `mailto:`, `tel:` and
 * relative links are kept; any other link becomes its text (an empty href
 * renders no anchor).
 */
export function markdownLinkUri(uri: string): string {
  const protocol = protocolOf(uri, pageUrl());
  return protocol && LINK_PROTOCOLS.has(protocol) ? uri : '';
}

/** For `MarkdownContent`'s `transformImageUri`: http(s) and relative only. */
export function markdownImageUri(uri: string): string {
  const protocol = protocolOf(uri, pageUrl());
  return protocol && IMAGE_PROTOCOLS.has(protocol) ? uri : '';
}
