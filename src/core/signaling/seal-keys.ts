/**
 * Per-recipient sealing of offers and answers. Each client makes an ephemeral X25519 key
 * pair per session and puts the public half in its announce; an offer or answer is then
 * encrypted with AES-GCM under HKDF(ECDH(ours, theirs), salt = room topic). A broker
 * eavesdropper who is not the chosen peer never sees ICE candidates (IP addresses).
 */
import { toBase64Url, utf8 } from '../util/bytes.js';
import { evictOldest } from '../util/evict.js';

export class SealKeys {
  private readonly cache = new Map<string, Promise<CryptoKey>>();

  private constructor(
    private readonly privateKey: CryptoKey,
    /** Our X25519 public key, 32 bytes. */
    readonly publicKey: Uint8Array,
    private readonly salt: Uint8Array,
  ) {}

  /**
   * A fresh X25519 key pair for one session in one room.
   * @throws {Error} when the browser lacks WebCrypto X25519 (all current engines have it)
   */
  static async generate(roomTopic: string): Promise<SealKeys> {
    let pair: CryptoKeyPair;
    try {
      pair = (await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits'])) as CryptoKeyPair;
    } catch (e) {
      throw new Error(`rtchat needs WebCrypto X25519 (Chrome 133+, Firefox 130+, Safari 17+): ${e}`);
    }
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    return new SealKeys(pair.privateKey, raw, utf8(roomTopic));
  }

  /**
   * The AES-GCM key shared with the holder of `theirPublic` (cached).
   * @throws {DOMException} when `theirPublic` is not a valid X25519 key (small-order points included)
   */
  keyFor(theirPublic: Uint8Array): Promise<CryptoKey> {
    const id = toBase64Url(theirPublic);
    let key = this.cache.get(id);
    if (!key) {
      key = this.derive(theirPublic);
      this.cache.set(id, key);
      // A bad key must not stay cached as a rejected promise forever; bounded memory too.
      key.catch(() => this.cache.delete(id));
      if (this.cache.size > 256) evictOldest(this.cache);
    }
    return key;
  }

  private async derive(theirPublic: Uint8Array): Promise<CryptoKey> {
    const their = await crypto.subtle.importKey('raw', theirPublic as BufferSource, { name: 'X25519' }, false, []);
    const shared = await crypto.subtle.deriveBits({ name: 'X25519', public: their } as EcdhKeyDeriveParams, this.privateKey, 256);
    const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    return crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: this.salt as BufferSource, info: utf8('rtchat/v1/seal') as BufferSource },
      hkdf,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  }
}
