/**
 * The page path a room is named by, in one canonical form, so that the addresses people
 * think of as one page (`/chat/`, `/chat`, `/chat/index.html`, `/chat/?ref=mail#top`) name
 * one room. The rule is part of the protocol (docs/protocol.md, section 3): another
 * implementation must compute the same string.
 */
import { utf8 } from '../util/bytes.js';

/**
 * Last segments that servers answer for the directory itself. Compared after decoding and,
 * like the rest of the path, case-sensitively.
 */
export const INDEX_NAMES: ReadonlySet<string> = new Set(['index.html', 'index.htm', 'index.php', 'default.html', 'default.htm', 'default.aspx']);

/** Bytes written as themselves: RFC 3986 `pchar` without `%` (unreserved, sub-delims, `:`, `@`). */
const LITERAL = new Set(utf8("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@"));

/** One segment decoded to its bytes, then written back with one spelling per byte. */
function canonicalSegment(segment: string): string {
  let out = '';
  // A `%` without two hex digits after it is a literal percent sign, as browsers read it.
  for (const [, hex, text] of segment.matchAll(/%([0-9A-Fa-f]{2})|([^%]+|%)/g)) {
    for (const byte of hex ? [parseInt(hex, 16)] : utf8(text)) {
      out += LITERAL.has(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/**
 * The canonical form of a page path for room naming:
 *
 * 1. the query and fragment are cut off (from the first `?` or `#`);
 * 2. each segment is percent-decoded to bytes and re-encoded: the bytes of RFC 3986 `pchar`
 *    (letters, digits, `-._~!$&'()*+,;=:@`) as themselves, every other byte as `%XX` with
 *    upper-case hex. So `/a b`, `/a%20b` and `/a%20%62` are one path; an encoded slash stays
 *    `%2F` inside its segment, so `/a%2Fb` is not `/a/b`;
 * 3. dot segments are resolved as the URL parser does (`.` is dropped, `..` drops the segment
 *    before it, an empty one too, never above the root); then empty segments are dropped;
 * 4. a last segment in {@link INDEX_NAMES} is dropped, and again while the last one is;
 * 5. the result is `/` + the segments joined by `/`: no trailing slash, the root is `/`.
 *
 * Letter case is kept (URL paths are case-sensitive: `/Chat` and `/chat` are two rooms), and so
 * are Unicode spellings (no NFC): bytes decide.
 *
 * @example canonicalRoomPath('/chat/index.html?ref=mail#top') // '/chat'
 * @example canonicalRoomPath('/caf%c3%a9/') // '/caf%C3%A9', as is canonicalRoomPath('/café')
 */
export function canonicalRoomPath(path: string): string {
  let segments: string[] = [];
  for (const raw of path.split(/[?#]/, 1)[0].split('/')) {
    const segment = canonicalSegment(raw);
    // Empty segments count for `..` (`/a//../b` is `/a/b`), as in the browser's URL parser.
    if (segment === '..') segments.pop();
    else if (segment !== '.') segments.push(segment);
  }
  segments = segments.filter((segment) => segment !== '');
  // All of them, so the result is its own canonical form: `/x/index.html/index.html` is `/x`.
  while (INDEX_NAMES.has(segments.at(-1) ?? '')) segments.pop();
  return `/${segments.join('/')}`;
}
