/**
 * Finds web links in a message's text, so the log can make them clickable without ever
 * interpreting the text as HTML. Only `http:` and `https:` become links; anything else
 * (`javascript:`, `data:`, `file:`…) stays text.
 */

/** A run of plain text, or a link with the address it opens. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

/** Candidates: a scheme we accept, then anything up to whitespace or a character that cannot be in a URL. */
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u0000-\u001f\u007f]+/gi;
/** Punctuation that ends a sentence more often than a URL. */
const TRAILING = /[.,;:!?'"*_~…»”’]+$/;
/** Addresses longer than this stay text (browsers accept ~2 MB; nobody types those). */
const MAX_URL = 2048;

/**
 * Splits `text` into plain runs and links, in order. Joining the parts' `text` gives back
 * `text` exactly. Runs in linear time, whatever the input.
 * @example splitLinks('see https://example.com.') // [{text:'see '},{text:'https://example.com',href:'https://example.com/'},{text:'.'}]
 */
export function splitLinks(text: string): TextPart[] {
  if (!/https?:\/\//i.test(text)) return text ? [{ text }] : [];
  const parts: TextPart[] = [];
  let plain = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const raw = trimTrailing(match[0]);
    const href = raw.length <= MAX_URL ? webUrl(raw) : null;
    if (!href) continue;
    if (start > plain) parts.push({ text: text.slice(plain, start) });
    parts.push({ text: raw, href });
    plain = start + raw.length;
  }
  if (plain < text.length) parts.push({ text: text.slice(plain) });
  return parts;
}

/** Drops sentence punctuation and closing brackets the URL did not open. */
function trimTrailing(candidate: string): string {
  let url = candidate;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING, '');
    for (const [open, close] of ['()', '[]', '{}']) {
      if (url.endsWith(close) && count(url, open) < count(url, close)) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

const count = (s: string, c: string) => s.split(c).length - 1;

/** The normalised address when `raw` parses as an http(s) URL with a host, else null. */
function webUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}
