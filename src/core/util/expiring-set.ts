/** A set whose entries expire after `ttlMs`, holding at most `max` entries (oldest dropped first). */
export class ExpiringSet {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 8192,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Adds `key`; returns false when it was already present and unexpired. */
  add(key: string): boolean {
    const t = this.now();
    const expiry = this.entries.get(key);
    if (expiry !== undefined && expiry > t) return false;
    this.entries.delete(key);
    this.entries.set(key, t + this.ttlMs);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return true;
  }

  has(key: string): boolean {
    const expiry = this.entries.get(key);
    return expiry !== undefined && expiry > this.now();
  }

  get size(): number {
    return this.entries.size;
  }
}
