/**
 * Which messages two peers share, and how they tell each other what they hold: the window
 * (the last N room messages within a maximum age) and the summary of it (the fingerprints
 * of its messages). docs/protocol.md, "Shared history", says why a list of 64-bit
 * fingerprints and not a Bloom filter or a Merkle-style digest.
 */
import { fromBase64Url, toBase64Url, toHex } from '../util/bytes.js';
import { FINGERPRINT_BYTES } from './signed-message.js';

/** How much history is shared: the last `messages` room messages, none older than `maxAgeMs`. */
export interface HistoryWindow {
  /** Most messages shared or taken per connection (1–1,000). */
  messages: number;
  /** Oldest message shared or taken, by its author's clock, in ms before now. */
  maxAgeMs: number;
}

/** The default window: the last 500 messages (what the stored history keeps) or 7 days, whichever is smaller. */
export const DEFAULT_HISTORY_WINDOW: HistoryWindow = { messages: 500, maxAgeMs: 7 * 24 * 3600_000 };
/** The largest window anyone may ask for: bounds a summary at 8,000 bytes (10,667 base64url characters). */
export const MAX_WINDOW_MESSAGES = 1000;
/** A message dated this far ahead of our clock is not taken (clocks differ by seconds, not hours). */
export const FUTURE_SLACK_MS = 10 * 60_000;

/** What the window needs of a stored message. */
export interface WindowCandidate {
  sentAt: number;
  direct: boolean;
  /** Present for messages that carry their author's signature. */
  signed?: { sig: string; noForward?: boolean } | undefined;
}

/**
 * The messages of `records` (oldest first) that may be shared: room messages only (direct
 * ones never), signed by their author, not marked not-to-forward, within `window` of `now`;
 * the newest `window.messages` of those, oldest first.
 */
export function selectWindow<T extends WindowCandidate>(records: readonly T[], window: HistoryWindow, now: number): T[] {
  const oldest = now - window.maxAgeMs;
  const inside = records.filter((r) => !r.direct && r.signed && !r.signed.noForward && r.sentAt >= oldest && r.sentAt <= now + FUTURE_SLACK_MS);
  // Stable sort by time: messages that arrived late (synced) are kept where they belong.
  inside.sort((a, b) => a.sentAt - b.sentAt);
  return inside.slice(Math.max(0, inside.length - window.messages));
}

/** Checks a window an app passes. @throws {TypeError} naming what is wrong */
export function checkWindow(w: unknown): HistoryWindow {
  const o = (w ?? {}) as Partial<HistoryWindow>;
  const messages = o.messages ?? DEFAULT_HISTORY_WINDOW.messages;
  const maxAgeMs = o.maxAgeMs ?? DEFAULT_HISTORY_WINDOW.maxAgeMs;
  if (!Number.isSafeInteger(messages) || messages < 1 || messages > MAX_WINDOW_MESSAGES)
    throw new TypeError(`historyWindow.messages must be an integer from 1 to ${MAX_WINDOW_MESSAGES}`);
  if (!Number.isSafeInteger(maxAgeMs) || maxAgeMs < 1) throw new TypeError('historyWindow.maxAgeMs must be a positive integer (ms)');
  return { messages, maxAgeMs };
}

/** Encodes fingerprints (8 bytes each) as the base64url of their concatenation. */
export function encodeSummary(fingerprints: readonly Uint8Array[]): string {
  const out = new Uint8Array(fingerprints.length * FINGERPRINT_BYTES);
  fingerprints.forEach((f, i) => {
    if (f.length !== FINGERPRINT_BYTES) throw new RangeError('encodeSummary: a fingerprint is 8 bytes');
    out.set(f, i * FINGERPRINT_BYTES);
  });
  return toBase64Url(out);
}

/**
 * The fingerprints of a received summary, as hex strings.
 * @throws {TypeError} for anything but whole fingerprints, at most MAX_WINDOW_MESSAGES of them
 */
export function decodeSummary(text: string): Set<string> {
  const bytes = fromBase64Url(text);
  if (bytes.length % FINGERPRINT_BYTES !== 0) throw new TypeError('summary: not whole fingerprints');
  if (bytes.length / FINGERPRINT_BYTES > MAX_WINDOW_MESSAGES) throw new TypeError('summary: too many fingerprints');
  const out = new Set<string>();
  for (let i = 0; i < bytes.length; i += FINGERPRINT_BYTES) out.add(toHex(bytes.subarray(i, i + FINGERPRINT_BYTES)));
  return out;
}

/** Base64url characters of a summary of `n` messages. */
export const summaryChars = (n: number): number => Math.ceil((n * FINGERPRINT_BYTES * 4) / 3);
