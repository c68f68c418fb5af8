import { evictOldest } from './evict.js';

/**
 * A set whose entries expire after `ttlMs`, holding at most `max` entries (oldest dropped
 * first). Used for replay detection, duplicate filtering and once-per-minute reports.
 */
export class ExpiringSet {
  // Insertion-ordered and re-inserted on add, so the first entries always expire first.
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 8192,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Adds `key`; returns false when it was already present and unexpired. */
  add(key: string): boolean {
    const t = this.now();
    this.evict(t);
    const expiry = this.entries.get(key);
    if (expiry !== undefined && expiry > t) return false;
    // An expired entry evict() did not reach (the clock stepped back) is added anew, at the end.
    this.entries.delete(key);
    this.entries.set(key, t + this.ttlMs);
    if (this.entries.size > this.max) evictOldest(this.entries);
    return true;
  }

  has(key: string): boolean {
    const expiry = this.entries.get(key);
    return expiry !== undefined && expiry > this.now();
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Entries currently remembered (expired ones may linger until the next add). */
  get size(): number {
    return this.entries.size;
  }

  private evict(t: number): void {
    for (const [key, expiry] of this.entries) {
      if (expiry > t) break;
      this.entries.delete(key);
    }
  }
}
