/**
 * Small per-tab numbers (1, 2, 3…) so two tabs of one profile never share a peer id.
 * Each tab holds the lowest number free when it asked; a closed tab's number is reused.
 */
import { DEFAULT_NAMESPACE } from './kv-store.js';

/** A tab's number, held until `release()` or until the tab goes away. */
export interface TabLease {
  /** The tab number, from 1. */
  readonly id: number;
  /** Gives the number back (idempotent). */
  release(): void;
}

/** Options for {@link acquireTabId}. */
export interface TabIdOptions {
  /** Prefix of lock names and storage keys. Default `rtchat:`. */
  namespace?: string;
  /** Storage for the fallback leases. Default `localStorage`. */
  storage?: Storage;
  /** The Web Locks manager; `null` forces the storage fallback. Default `navigator.locks`. */
  locks?: LockManager | null;
}

/** How often a fallback lease is refreshed. */
export const KEEP_ALIVE_MS = 5000;
/** A fallback lease not refreshed for this long belongs to a tab that died without `pagehide`. */
export const STALE_MS = 3 * KEEP_ALIVE_MS;
/** How long a fallback claim waits before checking that no other tab overwrote it. */
const CLAIM_SETTLE_MS = 50;

/**
 * Acquires the lowest free tab number for this origin and namespace.
 *
 * With the Web Locks API each number is a lock held for the tab's life (the browser frees it
 * when the tab closes or crashes). Without it, leases live in `localStorage` with a keep-alive
 * timestamp, are freed on `pagehide` (by the tab, and by the tabs it tells on a
 * BroadcastChannel) and reclaimed once stale. The fallback is best effort:
 * a tab throttled in the background for longer than {@link STALE_MS} may lose its number.
 * @example
 * const tab = await acquireTabId();
 * const peerId = `${publicKeyId}-${tab.id}`;
 */
export async function acquireTabId(options: TabIdOptions = {}): Promise<TabLease> {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const locks = 'locks' in options ? options.locks : globalThis.navigator?.locks;
  if (locks) return acquireWithLocks(locks, namespace);
  return acquireWithStorage(options.storage ?? localStorageOrMemory(), namespace);
}

type LeaseStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

// Sandboxed or opaque-origin pages may throw on `localStorage`: numbers are then only unique in this page.
const pageStorage = new Map<string, string>();
function localStorageOrMemory(): LeaseStorage {
  try {
    if (globalThis.localStorage) return globalThis.localStorage;
  } catch {
    // fall through
  }
  return {
    getItem: (key) => pageStorage.get(key) ?? null,
    setItem: (key, value) => void pageStorage.set(key, value),
    removeItem: (key) => void pageStorage.delete(key),
  };
}

const lockName = (namespace: string, id: number): string => `${namespace}tab:${id}`;

async function acquireWithLocks(locks: LockManager, namespace: string): Promise<TabLease> {
  for (let id = 1; ; id++) {
    const release = await tryLock(locks, lockName(namespace, id));
    if (release) return { id, release };
  }
}

/** Takes the lock if free and holds it until the returned function is called; `null` if taken. */
function tryLock(locks: LockManager, name: string): Promise<(() => void) | null> {
  return new Promise((resolve, reject) => {
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) return resolve(null);
        // The lock is held for as long as the callback's promise is pending.
        return new Promise<void>((unlock) => resolve(() => unlock()));
      })
      .catch(reject);
  });
}

interface StoredLease {
  owner: string;
  at: number;
}

async function acquireWithStorage(storage: LeaseStorage, namespace: string): Promise<TabLease> {
  const owner = crypto.randomUUID();
  for (let id = 1; ; id++) {
    const key = lockName(namespace, id);
    if (!isFree(read(storage, key), owner)) continue;
    write(storage, key, owner);
    // Two tabs can claim the same number at once; the last write wins and the other moves on.
    await new Promise((r) => setTimeout(r, CLAIM_SETTLE_MS));
    if (read(storage, key)?.owner === owner) return storageLease(storage, namespace, key, id, owner);
  }
}

/** What a closing tab tells the others: the lease it gives back. */
interface Goodbye {
  key: string;
  owner: string;
}

function storageLease(storage: LeaseStorage, namespace: string, key: string, id: number, owner: string): TabLease {
  const mine = () => read(storage, key)?.owner === owner;
  const refresh = () => {
    if (mine()) write(storage, key, owner);
  };
  const timer = setInterval(refresh, KEEP_ALIVE_MS);
  // A closing tab's own `removeItem` in `pagehide` can be lost: Firefox may drop a storage
  // write made while the tab is torn down. So it also says goodbye to the tabs that stay,
  // and any of them removes the lease on its behalf (only if that tab still holds it).
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${namespace}tab-leases`) : null;
  const onGoodbye = (event: MessageEvent) => {
    const bye = event.data as Partial<Goodbye> | null;
    if (typeof bye?.key !== 'string' || typeof bye.owner !== 'string') return;
    if (read(storage, bye.key)?.owner === bye.owner) storage.removeItem(bye.key);
  };
  channel?.addEventListener('message', onGoodbye);
  const release = () => {
    clearInterval(timer);
    globalThis.removeEventListener?.('pagehide', onPageHide);
    globalThis.removeEventListener?.('pageshow', onPageShow);
    channel?.close();
    if (mine()) storage.removeItem(key);
  };
  const onPageHide = () => {
    if (!mine()) return;
    storage.removeItem(key);
    channel?.postMessage({ key, owner } satisfies Goodbye);
  };
  // Back from the back/forward cache: take the number again if nobody took it meanwhile.
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && isFree(read(storage, key), owner)) write(storage, key, owner);
  };
  globalThis.addEventListener?.('pagehide', onPageHide);
  globalThis.addEventListener?.('pageshow', onPageShow);
  return { id, release };
}

function isFree(lease: StoredLease | undefined, owner: string): boolean {
  return !lease || lease.owner === owner || Date.now() - lease.at > STALE_MS;
}

function read(storage: LeaseStorage, key: string): StoredLease | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const { owner, at } = value as Record<string, unknown>;
    return typeof owner === 'string' && typeof at === 'number' ? { owner, at } : undefined;
  } catch {
    return undefined; // unreadable: treat as free
  }
}

function write(storage: LeaseStorage, key: string, owner: string): void {
  storage.setItem(key, JSON.stringify({ owner, at: Date.now() } satisfies StoredLease));
}
