/**
 * Signaling messages and their binary layout (see docs/protocol.md, "Signaling wire format").
 * Pure and synchronous: encryption, signatures and freshness live in envelope.ts.
 *
 * Every MQTT payload starts with one version byte:
 *   0x01  plain:       kind (1) | body
 *   0x81  room-sealed: AES-GCM(room key, aad = topic) of `kind (1) | body`   (rooms with a secret)
 *
 * Bodies (integers big-endian, `str` = 1 length byte + UTF-8):
 *   announce (1), to the room:   ts u48 | nonce u32 | session u32 | tab u8 | ed25519 key 32 | here u16 | x25519 key 32 | name str | sig 64
 *   leave (2), the MQTT will:    ts u48 | session u32 | tab u8 | ed25519 key 32 | sig 64
 *   offer (3) / answer (4) / decline (5) / wait (6), to an inbox:
 *                                x25519 key 32 | AES-GCM(seal key, aad = topic | kind | x25519 key) of
 *                                  ts u48 | nonce u32 | sender' | toSession u32 | sdp (u16 length + bytes) | sig 64
 *   sender  = session u32 | tab u8 | ed25519 key 32 | x25519 key 32 | name str
 *   sender' = session u32 | tab u8 | ed25519 key 32 | name str      (x25519 key is outside the seal)
 *   answer, short form (kind byte 0x44 = 4 | KNOWN_SENDER), when the recipient knows the sender:
 *                                x25519 key id 8 (its first 8 bytes) | AES-GCM(seal key, aad = topic | 0x44 | x25519 key 32) of
 *                                  ts u48 | nonce u32 | toSession u32 | sdp (u16 length + bytes) | sig 64
 *                                (session, tab, Ed25519 key and name are the ones the recipient holds for that seal key)
 * The signature covers "rtchat/v1/sig" 0x00 | topic | 0x00 | kind byte | x25519 key (sealed kinds) | body up to sig.
 */
import { ByteReader, ByteWriter } from '../util/byte-io.js';
import { fromUtf8, toBase64Url, utf8 } from '../util/bytes.js';

export const WIRE_VERSION = 0x01;
export const ROOM_SEALED = 0x80;

export const Kind = { announce: 1, leave: 2, offer: 3, answer: 4, decline: 5, wait: 6 } as const;
export type KindName = keyof typeof Kind;
export const KIND_NAMES: Record<number, KindName> = { 1: 'announce', 2: 'leave', 3: 'offer', 4: 'answer', 5: 'decline', 6: 'wait' };
/**
 * Kind-byte flag of the short form of an answer (docs/protocol.md 4.5): the sender leaves
 * out what the recipient already holds for its seal key (session, tab, Ed25519 key, name),
 * and names that seal key by its first {@link SEAL_KEY_ID_BYTES} bytes. An answer may always
 * use it: the offer it answers was sealed to our session's seal key, which the offerer could
 * only have from our announce or a sealed message of ours, both of which carry all of it.
 */
export const KNOWN_SENDER = 0x40;
/** How many bytes of the sender's X25519 key name it in the short form. */
export const SEAL_KEY_ID_BYTES = 8;

/** Kinds sealed to one peer's inbox. */
export type DirectKind = 'offer' | 'answer' | 'decline' | 'wait';
export const isSealedKind = (k: KindName): k is DirectKind => k === 'offer' || k === 'answer' || k === 'decline' || k === 'wait';
/** Sealed kinds that carry a description (the others carry none). */
const describes = (k: DirectKind): k is 'offer' | 'answer' => k === 'offer' || k === 'answer';

/** Limits of the wire format (limits.ts); anything larger is malformed. */
export { LIMITS } from '../limits.js';
import { LIMITS } from '../limits.js';
import { compactSdp, type CompactDescription } from './compact-sdp.js';

/** Who sent a message, as claimed; the signature proves the Ed25519 key. */
export interface SenderInfo {
  /** Ed25519 public key, 32 bytes. */
  publicKey: Uint8Array;
  /** Tab number of that identity (1–255). */
  tab: number;
  /** Random per connection; a new session of the same peer id replaces the old one. */
  session: number;
  /** Display name (a label, never trusted). */
  name: string;
  /** X25519 public key for sealing messages to this peer in this session. */
  sealKey: Uint8Array;
}

export interface AnnounceMessage {
  kind: 'announce';
  ts: number;
  nonce: number;
  /**
   * How long the sender has been in the room (since its session's first announce), in
   * units of 100 ms, at most 65,535: the one who was here first decides about the other's
   * knock (docs/protocol.md 6.2). A claim, like the name: it only orders who asks first.
   */
  here: number;
  from: SenderInfo;
}

export interface LeaveMessage {
  kind: 'leave';
  /** When it was signed: a leave is valid within the clock skew, like every message, so a copy cannot be replayed later. */
  ts: number;
  publicKey: Uint8Array;
  tab: number;
  session: number;
}

/**
 * A message to one peer's inbox:
 * - `offer` / `answer`: the description of a connection
 * - `decline`: no connection for this session (the person said "Not now", or the policy)
 * - `wait`: the sender heard our announce and its person is deciding whether to let us in
 */
export interface DirectMessage {
  kind: DirectKind;
  ts: number;
  nonce: number;
  from: SenderInfo;
  /** The recipient's session this is meant for: a message for an old session is ignored. */
  toSession: number;
  /** Compact SDP (compact-sdp.ts) for offer/answer; empty for decline and wait. */
  sdp: Uint8Array;
  /** The offer or answer, decoded and checked by the gate (its type matches `kind`); null for decline and wait. */
  description: CompactDescription | null;
}

export type SignalMessage = AnnounceMessage | LeaveMessage | DirectMessage;

/** Peer ids: 12 bytes of the Ed25519 key in base64url, then the tab: `q0Zz3…-2`. */
export const peerIdOf = (publicKey: Uint8Array, tab: number): string => `${toBase64Url(publicKey.subarray(0, 12))}-${tab}`;

/** The bytes a signature covers; `short`: the short form's kind byte (with {@link KNOWN_SENDER}), so one form's signature never passes for the other. */
export function signedBytes(topic: string, kind: KindName, sealKey: Uint8Array | null, body: Uint8Array, short = false): Uint8Array {
  const w = new ByteWriter()
    .bytes(utf8('rtchat/v1/sig\0'))
    .bytes(utf8(topic))
    .u8(0)
    .u8(Kind[kind] | (short ? KNOWN_SENDER : 0));
  if (sealKey) w.bytes(sealKey);
  return w.bytes(body).finish();
}

const checkTab = (tab: number) => {
  if (tab < 1) throw new RangeError('tab must be 1–255');
  return tab;
};

function readKey(r: ByteReader): Uint8Array {
  return r.bytes(32);
}

function readName(r: ByteReader): string {
  const len = r.u8();
  if (len === 0 || len > LIMITS.nameBytes) throw new RangeError('name length');
  return fromUtf8(r.bytes(len));
}

/** The start every announce and sealed message shares: ts u48 | nonce u32 | session u32 | tab u8 | ed25519 key 32. */
function writeStamp(w: ByteWriter, m: { ts: number; nonce: number; from: SenderInfo }): ByteWriter {
  return w.u48(m.ts).u32(m.nonce).u32(m.from.session).u8(m.from.tab).bytes(m.from.publicKey);
}

function readStamp(r: ByteReader) {
  return { ts: r.u48(), nonce: r.u32(), session: r.u32(), tab: checkTab(r.u8()), publicKey: readKey(r) };
}

/** The 64-byte signature that ends every message, and where the signed body ended; nothing may follow. */
function readSignature(r: ByteReader): { bodyEnd: number; signature: Uint8Array } {
  const bodyEnd = r.position;
  const signature = r.bytes(64);
  r.end();
  return { bodyEnd, signature };
}

/** Body of an announce up to (not including) the signature. */
export function writeAnnounceBody(m: Omit<AnnounceMessage, 'kind'>): Uint8Array {
  return writeStamp(new ByteWriter(), m)
    .u16(Math.min(HERE_MAX, Math.max(0, Math.floor(m.here))))
    .bytes(m.from.sealKey)
    .shortString(m.from.name)
    .finish();
}

/** The largest `here` an announce carries (about 1 h 49 min). */
export const HERE_MAX = 0xffff;

/** Parses an announce body + signature. @throws {RangeError|TypeError} on malformed input */
export function readAnnounce(r: ByteReader): { message: AnnounceMessage; bodyEnd: number; signature: Uint8Array } {
  const { ts, nonce, session, tab, publicKey } = readStamp(r);
  const here = r.u16();
  const sealKey = readKey(r);
  const name = readName(r);
  return { message: { kind: 'announce', ts, nonce, here, from: { publicKey, tab, session, name, sealKey } }, ...readSignature(r) };
}

export function writeLeaveBody(m: Omit<LeaveMessage, 'kind'>): Uint8Array {
  return new ByteWriter().u48(m.ts).u32(m.session).u8(m.tab).bytes(m.publicKey).finish();
}

export function readLeave(r: ByteReader): { message: LeaveMessage; bodyEnd: number; signature: Uint8Array } {
  const ts = r.u48();
  const session = r.u32();
  const tab = checkTab(r.u8());
  const publicKey = readKey(r);
  return { message: { kind: 'leave', ts, publicKey, tab, session }, ...readSignature(r) };
}

/** Plaintext of a sealed message up to the signature (the sender's seal key travels outside). */
export function writeDirectBody(m: Omit<DirectMessage, 'kind' | 'description'>): Uint8Array {
  return writeStamp(new ByteWriter(), m).shortString(m.from.name).u32(m.toSession).longBytes(m.sdp).finish();
}

/** Plaintext of a short-form answer up to the signature: the sender is the one the recipient holds for its seal key. */
export function writeShortDirectBody(m: Pick<DirectMessage, 'ts' | 'nonce' | 'toSession' | 'sdp'>): Uint8Array {
  return new ByteWriter().u48(m.ts).u32(m.nonce).u32(m.toSession).longBytes(m.sdp).finish();
}

/** Parses a short-form answer's plaintext; `from` is what the recipient holds for the seal key it names. */
export function readShortDirect(kind: DirectKind, from: SenderInfo, r: ByteReader): { message: DirectMessage; bodyEnd: number; signature: Uint8Array } {
  const ts = r.u48();
  const nonce = r.u32();
  return readDirectRest(kind, ts, nonce, { ...from }, r);
}

export function readDirect(kind: DirectKind, sealKey: Uint8Array, r: ByteReader): { message: DirectMessage; bodyEnd: number; signature: Uint8Array } {
  const { ts, nonce, session, tab, publicKey } = readStamp(r);
  const name = readName(r);
  return readDirectRest(kind, ts, nonce, { publicKey, tab, session, name, sealKey }, r);
}

/** The part every sealed message shares after its sender: toSession, the description, the signature. */
function readDirectRest(kind: DirectKind, ts: number, nonce: number, from: SenderInfo, r: ByteReader): { message: DirectMessage; bodyEnd: number; signature: Uint8Array } {
  const toSession = r.u32();
  const sdpLength = r.u16();
  if (sdpLength > LIMITS.sdpBytes) throw new RangeError('sdp too large');
  if (describes(kind) !== sdpLength > 0) throw new RangeError(describes(kind) ? 'sdp missing' : `${kind} carries no sdp`);
  const sdp = r.bytes(sdpLength);
  // Decoded here, in the gate: nothing past it sees the SDP bytes unchecked.
  const description = describes(kind) ? compactSdp.decode(sdp) : null;
  if (description && description.type !== kind) throw new RangeError(`${kind} carries an ${description.type}`);
  return { message: { kind, ts, nonce, toSession, sdp, description, from }, ...readSignature(r) };
}
