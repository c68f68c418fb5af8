/**
 * Room topics and room keys.
 *
 * A room is named by the page (origin + path + `room`) or by an explicit `topic`; the name
 * is hashed so the broker sees only `rtchat/v1/<22 chars>`. With a `secret`, the hash is
 * derived through PBKDF2 from the secret too, and the same derivation yields the AES-GCM key
 * that encrypts every signaling payload: without the secret, the topic cannot be found
 * and its traffic cannot be read.
 */
import { concatBytes, sha256, toBase64Url, utf8 } from '../util/bytes.js';
import { sha256Bytes } from '../util/sha256.js';

/** Versioned prefix of every topic: a future wire version lives beside this one. */
export const TOPIC_PREFIX = 'rtchat/v1/';

/** PBKDF2 work factor for room secrets (~0.1–0.2 s once per join in a browser). */
export const SECRET_ITERATIONS = 210_000;

export interface RoomSpec {
  /** Page origin, e.g. `location.origin`. */
  origin: string;
  /** Page path, e.g. `location.pathname`. */
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
  return spec.topic ?? `${spec.origin}${spec.path}#${spec.room ?? ''}`;
}

/** Derives the room topic (and key, with a secret). */
export async function deriveRoom(spec: RoomSpec): Promise<Room> {
  const salt = await sha256(utf8(`rtchat/v1/room\0${roomMaterial(spec)}`));
  if (!spec.secret) return { topic: TOPIC_PREFIX + toBase64Url(salt.subarray(0, 16)), key: null };
  const base = await crypto.subtle.importKey('raw', utf8(spec.secret) as BufferSource, 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: SECRET_ITERATIONS }, base, 512),
  );
  // First half names the topic, second half is the key: knowing the topic reveals nothing of the key.
  const topicHash = await sha256(concatBytes(utf8('rtchat/v1/secret-topic\0'), bits.subarray(0, 32)));
  const key = await crypto.subtle.importKey('raw', bits.subarray(32) as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { topic: TOPIC_PREFIX + toBase64Url(topicHash.subarray(0, 16)), key };
}

/**
 * A peer's inbox topic: a hash of the room topic and its peer id, so the topic names of a
 * room reveal nothing of its members' keys (the peer id is a key prefix).
 */
export function inboxTopic(roomTopic: string, peerId: string): string {
  return `${roomTopic}/${toBase64Url(sha256Bytes(utf8(`rtchat/v1/inbox\0${roomTopic}\0${peerId}`)).subarray(0, 12))}`;
}
