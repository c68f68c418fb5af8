/**
 * The profile's Ed25519 identity: a key created on first use and kept in IndexedDB.
 * Where the browser has WebCrypto Ed25519 the private key is a non-extractable `CryptoKey`
 * (script on the page can use it but never read it); otherwise @noble/ed25519 with a stored seed.
 */
import * as ed from '@noble/ed25519';
import { randomBytes, utf8 } from '../util/bytes.js';
import { DEFAULT_NAMESPACE, openKvStore, type KvStore } from './kv-store.js';

/** Length of a raw Ed25519 public key. */
export const PUBLIC_KEY_LENGTH = 32;
/** Length of an Ed25519 signature. */
export const SIGNATURE_LENGTH = 64;

/** Where the private key lives: a WebCrypto `CryptoKey`, or a seed used by @noble/ed25519. */
export type IdentityKind = 'webcrypto' | 'noble';

/** Options for {@link Identity.load}. */
export interface IdentityLoadOptions {
  /** Storage prefix; the database is `${namespace}store`. Default `rtchat:`. */
  namespace?: string;
  /** An already open store to use instead (it is left open). */
  kv?: KvStore;
  /** Create a noble key even where WebCrypto Ed25519 exists (an existing key is loaded as stored). */
  forceFallback?: boolean;
}

/** The record kept under {@link IDENTITY_KEY}. */
type StoredIdentity = { kind: 'webcrypto'; privateKey: CryptoKey; publicKey: Uint8Array } | { kind: 'noble'; seed: Uint8Array; publicKey: Uint8Array };

/** The store key of the profile's identity record. */
const IDENTITY_KEY = 'identity';

/**
 * An Ed25519 signing identity.
 * @example
 * const me = await Identity.load();
 * const signature = await me.sign(utf8('hello'));
 * await verifySignature(me.publicKey, utf8('hello'), signature); // true
 */
export class Identity {
  /** Where the private key lives. */
  readonly kind: IdentityKind;
  readonly #publicKey: Uint8Array;
  readonly #secret: CryptoKey | Uint8Array;

  private constructor(record: StoredIdentity) {
    this.kind = record.kind;
    this.#publicKey = new Uint8Array(record.publicKey);
    this.#secret = record.kind === 'webcrypto' ? record.privateKey : new Uint8Array(record.seed);
  }

  /** The raw 32-byte Ed25519 public key (a fresh copy on each read). */
  get publicKey(): Uint8Array {
    return this.#publicKey.slice();
  }

  /**
   * Signs `message` (pure Ed25519, RFC 8032).
   * @returns the 64-byte signature
   * @throws {TypeError} when `message` is not a Uint8Array
   */
  async sign(message: Uint8Array): Promise<Uint8Array> {
    if (!(message instanceof Uint8Array)) throw new TypeError('Identity.sign: message must be a Uint8Array');
    const secret = this.#secret;
    if (secret instanceof Uint8Array) return ed.signAsync(message, secret);
    return new Uint8Array(await crypto.subtle.sign('Ed25519', secret, message as BufferSource));
  }

  /**
   * Loads the profile's identity, creating it on first use. Tabs that call this at the same
   * moment on first use all end up with the same key.
   * @throws {Error} when a stored identity record is unreadable (it is never silently replaced)
   * @example
   * const me = await Identity.load({ namespace: 'myapp:' });
   */
  static async load(options: IdentityLoadOptions = {}): Promise<Identity> {
    const kv = options.kv ?? (await openKvStore(`${options.namespace ?? DEFAULT_NAMESPACE}store`));
    try {
      let record = await kv.get<unknown>(IDENTITY_KEY);
      if (record === undefined) {
        const created = await createRecord(options.forceFallback ?? false);
        // Whoever adds first wins; everyone else reads the winner's key.
        record = (await kv.add(IDENTITY_KEY, created)) ? created : await kv.get<unknown>(IDENTITY_KEY);
      }
      if (!isStoredIdentity(record)) throw new Error('rtchat: the stored identity is unreadable');
      return new Identity(record);
    } finally {
      if (!options.kv) kv.close();
    }
  }

  /**
   * A fresh in-memory identity (noble) that is never stored: for tests and incognito use.
   * @example
   * const guest = await Identity.ephemeral();
   */
  static async ephemeral(): Promise<Identity> {
    const { secretKey, publicKey } = await ed.keygenAsync();
    return new Identity({ kind: 'noble', seed: secretKey, publicKey });
  }
}

/**
 * Verifies an Ed25519 signature with @noble/ed25519 (strict RFC 8032 rules: canonical
 * encodings, no small-order public keys, for keys of either kind).
 * @returns `true` for a valid signature; `false` for an invalid one or malformed input
 *   (wrong type or length), never throwing
 * @example
 * if (!(await verifySignature(peerKey, message, signature))) dropMessage();
 */
export async function verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  if (!(signature instanceof Uint8Array) || signature.length !== SIGNATURE_LENGTH) return false;
  if (!(message instanceof Uint8Array)) return false;
  try {
    // zip215: false rejects small-order keys, whose "signatures" would hold for any message.
    return await ed.verifyAsync(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

async function createRecord(forceFallback: boolean): Promise<StoredIdentity> {
  if (!forceFallback) {
    const record = await createWebCryptoRecord();
    if (record) return record;
  }
  const seed = randomBytes(32);
  return { kind: 'noble', seed, publicKey: await ed.getPublicKeyAsync(seed) };
}

/** A non-extractable WebCrypto key pair, or `undefined` where the browser lacks Ed25519. */
async function createWebCryptoRecord(): Promise<StoredIdentity | undefined> {
  try {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    // We verify with noble everywhere, so make sure this browser's signatures pass it.
    const probe = utf8('rtchat identity probe');
    const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', pair.privateKey, probe as BufferSource));
    if (!(await verifySignature(publicKey, probe, signature))) return undefined;
    return { kind: 'webcrypto', privateKey: pair.privateKey, publicKey };
  } catch {
    return undefined;
  }
}

function isStoredIdentity(value: unknown): value is StoredIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (!(r.publicKey instanceof Uint8Array) || r.publicKey.length !== PUBLIC_KEY_LENGTH) return false;
  if (r.kind === 'webcrypto') return r.privateKey instanceof CryptoKey && r.privateKey.type === 'private';
  if (r.kind === 'noble') return r.seed instanceof Uint8Array && r.seed.length === 32;
  return false;
}
