/**
 * Author signatures of room messages (docs/protocol.md, "Shared history"). The author signs
 * a room message when writing it, so that anyone it is passed on to can check who wrote
 * it, in which room, when and what, whoever passes it on. A forwarder can drop a message
 * but cannot change a byte of it, nor move it to another room.
 */
import { verifySignature } from '../identity/identity.js';
import type { Signer } from '../signaling/envelope.js';
import { ByteWriter } from '../util/byte-io.js';
import { fromBase64Url, toBase64Url, utf8 } from '../util/bytes.js';
import { sha256Bytes } from '../util/sha256.js';

/** Domain of message signatures: no other signature of ours (proofs, envelopes, file offers) can be taken for one. */
export const MESSAGE_DOMAIN = 'rtchat-msg/1';
/** Domain of message fingerprints in history summaries. */
export const FINGERPRINT_DOMAIN = 'rtchat-hid/1';
/** Bytes of a fingerprint: 64 bits, so 1,000 messages collide with odds of about 3 in 10^14. */
export const FINGERPRINT_BYTES = 8;

/** A room message as its author signed it. */
export interface SignedMessage {
  /** The room topic it was written in. */
  room: string;
  /** The author's identity key. */
  author: Uint8Array;
  /** The author's name when writing (the author's own claim, like any name). */
  name: string;
  id: string;
  /** The author's clock, ms since 1970. */
  ts: number;
  text: string;
  /** The author asked that it not be passed on to anyone it was not sent to. */
  noForward: boolean;
}

/**
 * The exact bytes an author signs: the domain, then room, key, name, id, time, flags and
 * text, each length-prefixed, so that no two different messages share their bytes.
 * @throws {RangeError} for a name or id over 255 bytes, or text over 65,535 bytes
 */
export function messageBytes(m: SignedMessage): Uint8Array {
  if (m.author.length !== 32) throw new RangeError('messageBytes: the author key must be 32 bytes');
  return new ByteWriter()
    .bytes(utf8(MESSAGE_DOMAIN))
    .shortString(m.room)
    .bytes(m.author)
    .shortString(m.name)
    .shortString(m.id)
    .u48(m.ts)
    .u8(m.noForward ? 1 : 0)
    .longBytes(utf8(m.text))
    .finish();
}

/** Signs `m` with the author's identity; the signature in base64url (86 characters). */
export async function signMessage(signer: Signer, m: SignedMessage): Promise<string> {
  return toBase64Url(await signer.sign(messageBytes(m)));
}

/** Whether `sig` (base64url) is the author's signature over `m`; false for anything malformed. */
export async function verifyMessage(m: SignedMessage, sig: string): Promise<boolean> {
  let bytes: Uint8Array;
  let signature: Uint8Array;
  try {
    bytes = messageBytes(m);
    signature = fromBase64Url(sig);
  } catch {
    return false;
  }
  return verifySignature(m.author, bytes, signature);
}

/**
 * What names a message across peers: the first 8 bytes of SHA-256 over the domain, the
 * author's key and the id. Ids are chosen by authors, so the key is part of the name: one
 * author cannot hide another's message by reusing its id.
 */
export function fingerprint(author: Uint8Array, id: string): Uint8Array {
  const w = new ByteWriter().bytes(utf8(FINGERPRINT_DOMAIN)).bytes(author).shortString(id);
  return sha256Bytes(w.finish()).slice(0, FINGERPRINT_BYTES);
}
