/**
 * Keys this profile knows: pinned on first verified use (TOFU: *seen*) or trusted
 * explicitly (*registered*: by the app, the "Trust" action or a confirmed safety code).
 * A key is the identity; the name is only a label, and what a (key, name) pair means is
 * decided in one place, trust-policy.ts.
 */
import { fromBase64Url, toBase64Url } from '../util/bytes.js';
import { normalizeName } from './friendly-name.js';
import { PUBLIC_KEY_LENGTH } from './identity.js';
import { DEFAULT_NAMESPACE, openKvStore, type KvStore } from './kv-store.js';
import { judge, type TrustAssessment, type TrustEntry, type TrustSource } from './trust-policy.js';

export type { NameWarning, TrustAssessment, TrustEntry, TrustSource } from './trust-policy.js';

/** A public key, raw (32 bytes) or base64url. */
export type PublicKeyInput = Uint8Array | string;

/** Options for {@link TrustStore.open}. */
export interface TrustStoreOptions {
  /** Storage prefix (database `${namespace}store`, cross-tab channel `${namespace}trust`). Default `rtchat:`. */
  namespace?: string;
  /** An already open store to use instead (it is left open by `close()`). */
  kv?: KvStore;
}

const ENTRY_PREFIX = 'trust:';

/**
 * The profile's trusted keys. Reads are synchronous (an in-memory copy); writes go through
 * to storage, and other tabs of the same profile pick them up.
 * @fires change - after any entry changed, here or in another tab of the profile
 * @example
 * const trust = await TrustStore.open();
 * const { status } = trust.assess(peerKey, peerName);
 * if (status === 'new') await trust.pin(peerKey, peerName);
 */
export class TrustStore extends EventTarget {
  readonly #kv: KvStore;
  readonly #ownsKv: boolean;
  readonly #entries = new Map<string, TrustEntry>();
  // Per key, the latest change; an older read finishing late must not overwrite a newer state.
  readonly #versions = new Map<string, number>();
  readonly #channel: BroadcastChannel | undefined;

  private constructor(kv: KvStore, ownsKv: boolean, namespace: string) {
    super();
    this.#kv = kv;
    this.#ownsKv = ownsKv;
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${namespace}trust`) : undefined;
    this.#channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') void this.#reload(event.data);
    });
  }

  /**
   * Opens the store and reads every entry into memory.
   * @example
   * const trust = await TrustStore.open({ namespace: 'myapp:' });
   */
  static async open(options: TrustStoreOptions = {}): Promise<TrustStore> {
    const namespace = options.namespace ?? DEFAULT_NAMESPACE;
    const kv = options.kv ?? (await openKvStore(`${namespace}store`));
    const store = new TrustStore(kv, !options.kv, namespace);
    for (const key of await kv.keys()) {
      if (!key.startsWith(ENTRY_PREFIX)) continue;
      const entry = asEntry(await kv.get<unknown>(key));
      if (entry && ENTRY_PREFIX + entry.publicKey === key) store.#entries.set(entry.publicKey, entry);
    }
    return store;
  }

  /**
   * Trusts `publicKey` under `name` after its first verified use. A key already trusted keeps
   * its source and `firstSeen`; its label becomes `name`. Other keys under the same name stay.
   * @throws {TypeError|RangeError} for a malformed key; {@link TypeError} for an empty name
   */
  pin(publicKey: PublicKeyInput, name: string): Promise<TrustEntry> {
    return this.#put(publicKey, name, 'tofu');
  }

  /**
   * Trusts `publicKey` under `name` because it was learned out of band (e.g. a compared
   * safety code). Upgrades a pinned key to `registered`.
   * @throws {TypeError|RangeError} for a malformed key; {@link TypeError} for an empty name
   */
  register(publicKey: PublicKeyInput, name: string): Promise<TrustEntry> {
    return this.#put(publicKey, name, 'registered');
  }

  /**
   * Stops trusting `publicKey`.
   * @returns whether it was trusted
   * @throws {TypeError|RangeError} for a malformed key
   */
  async forget(publicKey: PublicKeyInput): Promise<boolean> {
    const id = keyId(publicKey);
    const previous = this.#entries.get(id);
    if (!previous) return false;
    await this.#write(id, undefined);
    return true;
  }

  /**
   * Whether `publicKey` was trusted explicitly (registered: by the app, the "Trust" action or
   * a confirmed safety code). A key merely pinned on first use is {@link known}, not trusted.
   * @throws {TypeError|RangeError} for a malformed key
   */
  trusted(publicKey: PublicKeyInput): boolean {
    return this.#entries.get(keyId(publicKey))?.source === 'registered';
  }

  /**
   * Whether `publicKey` is in the store at all (pinned on first use or registered).
   * @throws {TypeError|RangeError} for a malformed key
   */
  known(publicKey: PublicKeyInput): boolean {
    return this.#entries.has(keyId(publicKey));
  }

  /**
   * The entry of `publicKey`, if known.
   * @throws {TypeError|RangeError} for a malformed key
   */
  get(publicKey: PublicKeyInput): TrustEntry | undefined {
    const entry = this.#entries.get(keyId(publicKey));
    return entry && { ...entry };
  }

  /** Every trusted entry, oldest first (ties by key). */
  entries(): TrustEntry[] {
    // Ties (same millisecond) by key, so the order is the same after a reload.
    const order = (a: TrustEntry, b: TrustEntry) => a.firstSeen - b.firstSeen || (a.publicKey < b.publicKey ? -1 : 1);
    return [...this.#entries.values()].sort(order).map((e) => ({ ...e }));
  }

  /**
   * What the store says about a peer presenting `publicKey` under `name` (see
   * trust-policy.ts): how far the key is trusted, and whether the name is pinned to another
   * key, exactly or as a look-alike. It never changes the store: the caller pins when the
   * assessment says `pin`.
   * @throws {TypeError|RangeError} for a malformed key
   * @example
   * const verdict = trust.assess(key, 'Alice');
   * if (verdict.status === 'key-changed') warnUser(verdict.pinnedKeys);
   */
  assess(publicKey: PublicKeyInput, name: string): TrustAssessment {
    return judge([...this.#entries.values()], keyId(publicKey), name);
  }

  /** Stops listening to other tabs and closes the storage this store opened. */
  close(): void {
    this.#channel?.close();
    if (this.#ownsKv) this.#kv.close();
  }

  async #put(publicKey: PublicKeyInput, name: string, source: TrustSource): Promise<TrustEntry> {
    const id = keyId(publicKey);
    const label = normalizeName(name);
    const previous = this.#entries.get(id);
    const entry: TrustEntry = {
      publicKey: id,
      name: label,
      // Registration is the stronger statement: a later pin never downgrades it.
      source: previous?.source === 'registered' ? 'registered' : source,
      firstSeen: previous?.firstSeen ?? Date.now(),
    };
    await this.#write(id, entry);
    return { ...entry };
  }

  /** Memory first (sync reads see it at once), then storage; undone if storage fails. */
  async #write(id: string, entry: TrustEntry | undefined): Promise<void> {
    const previous = this.#entries.get(id);
    this.#bump(id);
    this.#apply(id, entry);
    try {
      if (entry) await this.#kv.set(ENTRY_PREFIX + id, entry);
      else await this.#kv.delete(ENTRY_PREFIX + id);
    } catch (error) {
      this.#bump(id);
      this.#apply(id, previous);
      throw error;
    }
    this.#channel?.postMessage(id);
    this.dispatchEvent(new Event('change'));
  }

  /** Another tab changed `id`: storage is the truth, so read it again. */
  async #reload(id: string): Promise<void> {
    const version = this.#bump(id);
    let entry: TrustEntry | undefined;
    try {
      entry = asEntry(await this.#kv.get<unknown>(ENTRY_PREFIX + id));
    } catch {
      return; // closed or failing storage: keep what we have
    }
    if (this.#versions.get(id) === version) {
      this.#apply(id, entry?.publicKey === id ? entry : undefined);
      this.dispatchEvent(new Event('change'));
    }
  }

  #bump(id: string): number {
    const version = (this.#versions.get(id) ?? 0) + 1;
    this.#versions.set(id, version);
    return version;
  }

  #apply(id: string, entry: TrustEntry | undefined): void {
    if (entry) this.#entries.set(id, entry);
    else this.#entries.delete(id);
  }
}

/**
 * The canonical base64url form of a public key.
 * @throws {TypeError} for a wrong type or bad base64url; {@link RangeError} for a wrong length
 */
function keyId(publicKey: PublicKeyInput): string {
  let bytes: Uint8Array;
  if (publicKey instanceof Uint8Array) bytes = publicKey;
  else if (typeof publicKey === 'string') bytes = fromBase64Url(publicKey);
  else throw new TypeError('public key: expected a Uint8Array or a base64url string');
  if (bytes.length !== PUBLIC_KEY_LENGTH) throw new RangeError(`public key: expected ${PUBLIC_KEY_LENGTH} bytes`);
  const id = toBase64Url(bytes);
  // base64url has several spellings of the same bytes (unused low bits); only one may name a key.
  if (typeof publicKey === 'string' && publicKey !== id) throw new TypeError('public key: non-canonical base64url');
  return id;
}

function asEntry(value: unknown): TrustEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { publicKey, name, source, firstSeen } = value as Record<string, unknown>;
  if (typeof publicKey !== 'string' || typeof name !== 'string' || typeof firstSeen !== 'number') return undefined;
  if (source !== 'tofu' && source !== 'registered') return undefined;
  return { publicKey, name, source, firstSeen };
}
