/**
 * How much of a long message the log shows before "Show more". Laying out text costs time
 * in proportion to its length: a log of 500 messages of 16 KiB each is 8 MB of text, and
 * laying it out froze a page for seconds (measured: 2.1 s for one update of 500 such lines,
 * 0.45 s for 100). Clipped, a line costs about what a short message costs, whatever a peer
 * sends; the reader opens the rest of the one message they want.
 */

/** Characters shown of a long message: about 15 lines of a message bubble. */
export const CLIP_CHARS = 1_000;
/** Lines shown of a message with many line breaks. */
export const CLIP_LINES = 15;
/** A cut looks this far back for a space, so a word is not split. */
const WORD_SLACK = 40;

/**
 * The start of `text` to show, ending in "…", or null when the whole text is short enough.
 * Never splits a surrogate pair; prefers to cut at a space or line break.
 */
export function clipText(text: string, maxChars = CLIP_CHARS, maxLines = CLIP_LINES): string | null {
  let end = Math.min(text.length, maxChars);
  // Only the part that could be shown is read: the work is bounded by maxChars, not by the text.
  for (let i = 0, breaks = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10 && ++breaks === maxLines) end = i;
  }
  if (end >= text.length) return null;
  const space = Math.max(text.lastIndexOf(' ', end), text.lastIndexOf('\n', end));
  if (space > end - WORD_SLACK && space > 0) end = space;
  // A low surrogate at the cut belongs to the character before it.
  const code = text.charCodeAt(end);
  if (code >= 0xdc00 && code <= 0xdfff) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
