/**
 * Data-channel frames and their gate. Frames are small JSON objects `{ t: kind, ... }`;
 * `parseFrame` is the only way a received frame reaches other code: it checks the size,
 * the JSON, the kind and every field's type and length, and throws FrameRejected otherwise.
 */

import { LIMITS } from '../limits.js';

/** Largest frame accepted on the chat channel (characters of JSON). */
export const MAX_FRAME_CHARS = LIMITS.frameChars;
/** Longest chat message, in UTF-16 code units. */
export const MAX_TEXT = LIMITS.textChars;
/** Longest JSON of a question or answer. */
export const MAX_PAYLOAD_JSON = LIMITS.payloadJsonChars;

export type Frame =
  /** Verification: our random nonce (base64url, 32 bytes). */
  | { t: 'hello'; nonce: string }
  /** Verification: signature over the channel binding (see verification.ts). */
  | { t: 'proof'; key: string; own: string; other: string; sig: string }
  /**
   * A chat message. Room messages carry their author's signature `sig` over the name `n`
   * they were written under and the no-forward flag `nf` (history/signed-message.ts).
   */
  | { t: 'chat'; id: string; text: string; ts: number; dm?: boolean; sig?: string; n?: string; nf?: boolean }
  | { t: 'ack'; id: string }
  | { t: 'ask'; id: string; q: unknown }
  | { t: 'answer'; id: string; a?: unknown; error?: string }
  | { t: 'name'; name: string }
  | { t: 'ping' }
  | { t: 'bye' }
  /** A file offered on its own channel; `sig` signs the metadata (file-transfer.ts). */
  | { t: 'file-offer'; id: string; name: string; type: string; size: number; hash: string; sig: string }
  | { t: 'file-accept'; id: string }
  | { t: 'file-decline'; id: string }
  | { t: 'file-cancel'; id: string }
  /** Receiver: the whole file arrived and matched its hash. */
  | { t: 'file-done'; id: string }
  /** The sender is typing (sent at most every few seconds). */
  | { t: 'typing' }
  /** A reaction to message `id`; `on: false` takes it back. */
  | { t: 'react'; id: string; emoji: string; on: boolean }
  /**
   * Shared history: the fingerprints of the messages we hold (`f`, history/summary.ts), and
   * what we take: at most `max` messages, none written before `since` (ms since 1970).
   */
  | { t: 'hsum'; f: string; max: number; since: number }
  /** Shared history: a room message by author `a` (key), signed by it, passed on by the sender. */
  | { t: 'hmsg'; a: string; n: string; id: string; ts: number; text: string; sig: string; nf?: boolean };

export type FrameKind = Frame['t'];

export class FrameRejected extends Error {
  constructor(
    readonly reason: 'too-large' | 'malformed' | 'unknown-kind',
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'FrameRejected';
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const B64 = (min: number, max: number) => new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`);
const NONCE = B64(43, 43); // 32 bytes
const KEY = B64(43, 43); // 32 bytes
const SIG = B64(86, 86); // 64 bytes
/** A summary of 1,000 fingerprints of 8 bytes, in base64url. */
const SUMMARY_CHARS = Math.ceil((1000 * 8 * 4) / 3);

type Check = (v: unknown) => boolean;
const str =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max;
const match =
  (re: RegExp): Check =>
  (v) =>
    typeof v === 'string' && re.test(v);
const json = (v: unknown) => v !== undefined && JSON.stringify(v).length <= MAX_PAYLOAD_JSON;
const optional =
  (c: Check): Check =>
  (v) =>
    v === undefined || c(v);

/** Field checks per kind: exactly these fields, nothing more. */
const SHAPES: Record<FrameKind, Record<string, Check>> = {
  hello: { nonce: match(NONCE) },
  proof: { key: match(KEY), own: match(KEY), other: match(KEY), sig: match(SIG) },
  chat: {
    id: match(ID),
    text: (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT,
    ts: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
    dm: optional((v) => typeof v === 'boolean'),
    sig: optional(match(SIG)),
    n: optional(str(200)),
    nf: optional((v) => typeof v === 'boolean'),
  },
  ack: { id: match(ID) },
  ask: { id: match(ID), q: json },
  answer: { id: match(ID), a: optional(json), error: optional(str(500)) },
  name: { name: str(200) },
  ping: {},
  bye: {},
  'file-offer': {
    id: match(ID),
    name: str(1000),
    type: (v) => typeof v === 'string' && v.length <= 200 && /^[\x20-\x7e]*$/.test(v),
    size: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
    hash: match(KEY),
    sig: match(SIG),
  },
  'file-accept': { id: match(ID) },
  'file-decline': { id: match(ID) },
  'file-cancel': { id: match(ID) },
  'file-done': { id: match(ID) },
  typing: {},
  react: { id: match(ID), emoji: (v) => typeof v === 'string' && isEmoji(v), on: (v) => typeof v === 'boolean' },
  // At most 1,000 fingerprints of 8 bytes (history/summary.ts MAX_WINDOW_MESSAGES).
  hsum: {
    f: (v) => typeof v === 'string' && v.length <= SUMMARY_CHARS && /^[A-Za-z0-9_-]*$/.test(v),
    max: (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 1000,
    since: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  },
  hmsg: {
    a: match(KEY),
    n: str(200),
    id: match(ID),
    ts: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
    text: (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT,
    sig: match(SIG),
    nf: optional((v) => typeof v === 'boolean'),
  },
};

/** One emoji (with modifiers, joiners and flags), at most 32 UTF-16 units. */
export function isEmoji(text: string): boolean {
  return (
    text.length <= 32 && /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f|\u20e3)+$/u.test(text) && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(text)
  );
}

/**
 * Validates one received frame.
 * @throws {FrameRejected}
 */
export function parseFrame(data: unknown): Frame {
  if (typeof data !== 'string') throw new FrameRejected('malformed', 'binary frame on the chat channel');
  if (data.length > MAX_FRAME_CHARS) throw new FrameRejected('too-large', `${data.length} characters`);
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new FrameRejected('malformed', 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FrameRejected('malformed', 'not an object');
  const { t, ...fields } = value as Record<string, unknown>;
  if (typeof t !== 'string' || !Object.hasOwn(SHAPES, t)) throw new FrameRejected('unknown-kind', String(t).slice(0, 20));
  const shape = SHAPES[t as FrameKind];
  for (const key of Object.keys(fields)) {
    if (!Object.hasOwn(shape, key)) throw new FrameRejected('malformed', `${t}: unexpected field ${key.slice(0, 20)}`);
  }
  for (const [key, check] of Object.entries(shape)) {
    if (!check(fields[key])) throw new FrameRejected('malformed', `${t}: bad ${key}`);
  }
  return value as Frame;
}

/** Serialises a frame we send (our own frames always pass parseFrame). */
export const writeFrame = (frame: Frame): string => JSON.stringify(frame);
