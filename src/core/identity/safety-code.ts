/**
 * Safety codes: a short string two people read to each other (in person, on a call) to
 * confirm that the keys their browsers see are the keys the other really holds.
 */
import { concatBytes, utf8 } from '../util/bytes.js';
import { PUBLIC_KEY_LENGTH } from './identity.js';

/** Domain separation: these bytes never mean anything else in the protocol. */
const LABEL = utf8('rtchat safety code v1');

/*
 * Why 30 digits, and why stretched.
 * A man in the middle shows Alice a key M1 of his and Bob a key M2 of his. He gets past the
 * comparison only if code(A, M1) equals code(M2, B). He cannot choose A or B, but he can try
 * as many M1 and M2 as he likes, and he wins with the first match between the two piles: a
 * birthday search, about 2^(bits/2) tries. 30 decimal digits carry 99.7 bits, so ~2^50 tries
 * (generous GPU time for a plain SHA-256). Stretching each code with PBKDF2 (2^17 rounds of
 * HMAC-SHA-256) multiplies every try by ~2^18, to ~2^68 SHA-256 blocks: out of reach, while
 * one code still takes only tens of milliseconds in a browser (WebCrypto, off the main thread).
 * Sorting the keys makes both sides compute the same code whatever the argument order.
 */
const ROUNDS = 2 ** 17;

/** Number of 5-digit groups in a code. */
const GROUPS = 6;

/**
 * The safety code for two public keys: six groups of five digits, e.g.
 * "01234 56789 01234 56789 01234 56789". Both people get the same code whichever key is
 * "theirs"; any other key gives another code.
 * @param keyA a raw 32-byte Ed25519 public key
 * @param keyB the other raw 32-byte Ed25519 public key
 * @throws {TypeError} when a key is not a Uint8Array; {@link RangeError} when it is not 32 bytes
 * @example
 * const code = await safetyCode(me.publicKey, peer.publicKey);
 * // show `code`; the peer's screen shows the same digits if nobody is in between
 */
export async function safetyCode(keyA: Uint8Array, keyB: Uint8Array): Promise<string> {
  for (const key of [keyA, keyB]) {
    if (!(key instanceof Uint8Array)) throw new TypeError('safetyCode: keys must be Uint8Arrays');
    if (key.length !== PUBLIC_KEY_LENGTH) throw new RangeError(`safetyCode: keys must be ${PUBLIC_KEY_LENGTH} bytes`);
  }
  const [low, high] = compareBytes(keyA, keyB) <= 0 ? [keyA, keyB] : [keyB, keyA];
  const secret = await crypto.subtle.importKey('raw', concatBytes(low, high) as BufferSource, 'PBKDF2', false, ['deriveBits']);
  const digest = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: LABEL as BufferSource, iterations: ROUNDS }, secret, 256));
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    // 40 bits per group mod 10^5: the bias (2^40 is not a multiple of 10^5) is below 10^-7.
    let n = 0;
    for (let i = g * 5; i < g * 5 + 5; i++) n = n * 256 + digest[i];
    groups.push(String(n % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** Bytewise lexicographic order. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
