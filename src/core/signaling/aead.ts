/** AES-256-GCM with a random 96-bit IV prepended: `iv (12) || ciphertext || tag (16)`. */
import { concatBytes, randomBytes } from '../util/bytes.js';

/** Bytes AES-GCM adds to a plaintext (IV + tag). */
export const AEAD_OVERHEAD = 12 + 16;

/** Encrypts; `aad` is authenticated but not sent (we pass the MQTT topic, so a payload cannot be moved to another topic). */
export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource }, key, plaintext as BufferSource);
  return concatBytes(iv, new Uint8Array(ct));
}

/**
 * Decrypts what `seal` produced.
 * @throws {RangeError} when too short to hold an IV and a tag
 * @throws {DOMException} (OperationError) when the key, the AAD or any byte is wrong
 */
export async function open(key: CryptoKey, data: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  if (data.length < AEAD_OVERHEAD) throw new RangeError('ciphertext too short');
  const pt = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: data.subarray(0, 12) as BufferSource, additionalData: aad as BufferSource },
    key,
    data.subarray(12) as BufferSource,
  );
  return new Uint8Array(pt);
}
