/**
 * Room topics and room keys.
 *
 * A room is named by the page (origin + canonical path + `room`, see room-path.ts) or by an
 * explicit `topic`; the name is hashed so the broker sees only `rtchat/v1/<22 chars>`. With a
 * `secret`, one PBKDF2 run turns the secret into a 256-bit seed, and HKDF expands that seed
 * into both the topic and the AES-GCM key that encrypts every signaling payload: without the
 * secret, the topic cannot be found and its traffic cannot be read, and checking a guessed
 * secret against a topic seen on the broker costs the whole PBKDF2 run, exactly what a join
 * costs.
 */
import { sha256, toBase64Url, utf8 } from '../util/bytes.js';
import { sha256Bytes } from '../util/sha256.js';
import { canonicalRoomPath } from './room-path.js';

/** Versioned prefix of every topic: a future wire version lives beside this one. */
export const TOPIC_PREFIX = 'rtchat/v1/';

/**
 * PBKDF2 work factor for room secrets: OWASP's current figure for PBKDF2-HMAC-SHA-256. A join's
 * derivation took 71 ms in Chromium 156 on our 2-core dev machine (210,000 took 25 ms; the old
 * 512-bit derivation 50 ms), paid once per join while IndexedDB opens. Each doubling costs every
 * join as much again and buys one bit against a guesser; a weak secret falls anyway and a
 * strong one needs none, so we stop here rather than make phones wait seconds (docs/security.md
 * has the arithmetic).
 */
export const SECRET_ITERATIONS = 600_000;

/** HKDF labels that turn the PBKDF2 seed into the topic and the key: distinct, so one says nothing of the other. */
const TOPIC_INFO = utf8('rtchat/v1/secret-topic');
const KEY_INFO = utf8('rtchat/v1/secret-key');

export interface RoomSpec {
  /** Page origin, e.g. `location.origin`. */
  origin: string;
  /** Page path, e.g. `location.pathname`; used in its canonical form ({@link canonicalRoomPath}). */
  path: string;
  /** Room name within the page. */
  room?: string;
  /** Explicit room identity: used instead of origin + path + room (to meet across pages or sites). */
  topic?: string;
  /** Shared secret: hides the room and encrypts all signaling. */
  secret?: string;
}

export interface Room {
  /** The MQTT topic of the room; inboxes are `${topic}/${peerId}`. */
  topic: string;
  /** AES-GCM key for every payload in a secret room, else null. */
  key: CryptoKey | null;
}

/** What the room hash is computed over; exposed for docs and tests. */
export function roomMaterial(spec: RoomSpec): string {
  return spec.topic ?? `${spec.origin}${canonicalRoomPath(spec.path)}#${spec.room ?? ''}`;
}

/**
 * Derives the room topic (and key, with a secret).
 *
 * With a secret: seed = PBKDF2-HMAC-SHA-256(secret, salt, 600,000 iterations, 256 bits), a
 * single PBKDF2 block; topic and key are HKDF-SHA-256 expansions of that seed. (Deriving 512
 * bits and splitting them, as before, let a guesser check a secret against the topic with the
 * first block alone: half a join's work.)
 */
export async function deriveRoom(spec: RoomSpec): Promise<Room> {
  const salt = await sha256(utf8(`rtchat/v1/room\0${roomMaterial(spec)}`));
  if (!spec.secret) return { topic: TOPIC_PREFIX + toBase64Url(salt.subarray(0, 16)), key: null };
  const password = await crypto.subtle.importKey('raw', utf8(spec.secret) as BufferSource, 'PBKDF2', false, ['deriveBits']);
  const seed = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: SECRET_ITERATIONS }, password, 256);
  const hkdf = await crypto.subtle.importKey('raw', seed, 'HKDF', false, ['deriveBits', 'deriveKey']);
  const expand = (info: Uint8Array) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: info as BufferSource });
  const [topicHash, key] = await Promise.all([
    crypto.subtle.deriveBits(expand(TOPIC_INFO), hkdf, 128),
    crypto.subtle.deriveKey(expand(KEY_INFO), hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
  ]);
  return { topic: TOPIC_PREFIX + toBase64Url(new Uint8Array(topicHash)), key };
}

/**
 * A peer's inbox topic: a hash of the room topic and its peer id, so the topic names of a
 * room reveal nothing of its members' keys (the peer id is a key prefix).
 */
export function inboxTopic(roomTopic: string, peerId: string): string {
  return `${roomTopic}/${toBase64Url(sha256Bytes(utf8(`rtchat/v1/inbox\0${roomTopic}\0${peerId}`)).subarray(0, 12))}`;
}
