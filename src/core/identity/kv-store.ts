/**
 * A tiny promise-based key-value store over IndexedDB, with an in-memory fallback for
 * browsers (or private modes) where IndexedDB is missing or refuses to open.
 */

/** Prefix of every storage key and database name we create, so we never collide with the host page. */
export const DEFAULT_NAMESPACE = 'rtchat:';

/** The object store inside each database; one is enough for key-value use. */
const OBJECT_STORE = 'kv';

/**
 * A small asynchronous key-value store. Values are structured-cloned: plain objects,
 * `Uint8Array`s and `CryptoKey`s (even non-extractable ones) all survive a round trip.
 */
export interface KvStore {
  /** `false` when this store lives only in memory (IndexedDB unavailable): nothing outlives the page. */
  readonly persistent: boolean;
  /** The value under `key`, or `undefined`. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Writes `value` under `key`, replacing any previous value. Resolves once committed. */
  set(key: string, value: unknown): Promise<void>;
  /**
   * Writes `value` under `key` only if the key is absent. Resolves `true` if this call wrote it,
   * `false` if the key already existed: two tabs racing to create a key agree on one value.
   */
  add(key: string, value: unknown): Promise<boolean>;
  /** Removes `key` (no error when absent). */
  delete(key: string): Promise<void>;
  /** Every key in the store. */
  keys(): Promise<string[]>;
  /** Closes the connection; later calls reject. */
  close(): void;
}

/** Options for {@link openKvStore}; mostly for tests. */
export interface KvStoreOptions {
  /** The IndexedDB factory to use; `null` forces the in-memory store. Default: `globalThis.indexedDB`. */
  indexedDB?: IDBFactory | null;
}

/**
 * Opens (creating on first use) the key-value store `dbName`.
 * Never rejects for lack of IndexedDB: it then warns once on the console and returns an
 * in-memory store shared by every open of the same name in this page.
 * @example
 * const kv = await openKvStore('rtchat:store');
 * await kv.set('greeting', { text: 'hi' });
 * const value = await kv.get<{ text: string }>('greeting');
 */
export async function openKvStore(dbName: string, options: KvStoreOptions = {}): Promise<KvStore> {
  const factory = 'indexedDB' in options ? options.indexedDB : globalThis.indexedDB;
  if (factory) {
    try {
      return new IdbKvStore(await openDatabase(factory, dbName));
    } catch (error) {
      warnOnce(`IndexedDB failed to open (${String(error)})`);
    }
  } else {
    warnOnce('IndexedDB is not available');
  }
  let map = memoryMaps.get(dbName);
  if (!map) memoryMaps.set(dbName, (map = new Map()));
  return new MemoryKvStore(map);
}

/**
 * Deletes the whole store `dbName` (IndexedDB database and any in-memory fallback).
 * Open connections in other tabs are closed so the deletion is not blocked.
 * @throws {DOMException} when IndexedDB refuses the deletion
 */
export async function deleteKvStore(dbName: string, options: KvStoreOptions = {}): Promise<void> {
  memoryMaps.delete(dbName);
  const factory = 'indexedDB' in options ? options.indexedDB : globalThis.indexedDB;
  if (!factory) return;
  await new Promise<void>((resolve, reject) => {
    const request = factory.deleteDatabase(dbName);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

let warned = false;
function warnOnce(reason: string): void {
  if (warned) return;
  warned = true;
  console.warn(`rtchat: ${reason}; keys and trust are kept in memory only and are lost when the page closes.`);
}

// In-memory stores by name, so two opens of one name in this page still share data (e.g. the key).
const memoryMaps = new Map<string, Map<string, unknown>>();

function openDatabase(factory: IDBFactory, dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // Firefox's private mode used to throw synchronously here; the caller catches it.
    const request = factory.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(OBJECT_STORE);
    request.onsuccess = () => {
      const db = request.result;
      // Let another tab delete or upgrade the database instead of blocking it forever.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
}

/** Resolves with the request's result once its transaction has committed. */
function run<T>(db: IDBDatabase, mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(OBJECT_STORE, mode);
    const request = work(tx.objectStore(OBJECT_STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

class IdbKvStore implements KvStore {
  readonly persistent = true;

  constructor(private readonly db: IDBDatabase) {}

  get<T>(key: string): Promise<T | undefined> {
    return run(this.db, 'readonly', (store) => store.get(key)) as Promise<T | undefined>;
  }

  async set(key: string, value: unknown): Promise<void> {
    await run(this.db, 'readwrite', (store) => store.put(value, key));
  }

  add(key: string, value: unknown): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const tx = this.db.transaction(OBJECT_STORE, 'readwrite');
      const request = tx.objectStore(OBJECT_STORE).add(value, key);
      let added = true;
      request.onerror = (event) => {
        if (request.error?.name !== 'ConstraintError') return;
        // The key exists: not a failure, and the transaction must not abort because of it.
        added = false;
        event.preventDefault();
        event.stopPropagation();
      };
      tx.oncomplete = () => resolve(added);
      tx.onabort = () => reject(tx.error ?? request.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  async delete(key: string): Promise<void> {
    await run(this.db, 'readwrite', (store) => store.delete(key));
  }

  async keys(): Promise<string[]> {
    const keys = await run(this.db, 'readonly', (store) => store.getAllKeys());
    return keys.filter((k): k is string => typeof k === 'string');
  }

  close(): void {
    this.db.close();
  }
}

class MemoryKvStore implements KvStore {
  readonly persistent = false;
  private closed = false;

  constructor(private readonly map: Map<string, unknown>) {}

  async get<T>(key: string): Promise<T | undefined> {
    const value = this.check().get(key);
    return (value === undefined ? undefined : structuredClone(value)) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    // Clone like IndexedDB would, so later mutation of `value` does not leak into the store.
    this.check().set(key, structuredClone(value));
  }

  async add(key: string, value: unknown): Promise<boolean> {
    const map = this.check();
    if (map.has(key)) return false;
    map.set(key, structuredClone(value));
    return true;
  }

  async delete(key: string): Promise<void> {
    this.check().delete(key);
  }

  async keys(): Promise<string[]> {
    return [...this.check().keys()];
  }

  close(): void {
    this.closed = true;
  }

  private check(): Map<string, unknown> {
    if (this.closed) throw new DOMException('The store is closed', 'InvalidStateError');
    return this.map;
  }
}
