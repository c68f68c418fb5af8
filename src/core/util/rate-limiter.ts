import { evictOldest } from './evict.js';

/**
 * One token bucket: holds at most `burst` tokens and earns `perSecond` of them a second;
 * `take(cost)` spends `cost` tokens when there are that many.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.at = now();
  }

  /** Spends `cost` tokens (a cost over `burst` takes a full bucket); false, nothing spent, when there are fewer. */
  take(cost = 1): boolean {
    this.refill();
    const need = Math.min(cost, this.burst);
    if (this.tokens < need) return false;
    this.tokens -= need;
    return true;
  }

  /** Milliseconds until `cost` tokens are there (0: now). A cost over `burst` waits for a full bucket. */
  wait(cost = 1): number {
    this.refill();
    const missing = Math.min(cost, this.burst) - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing / this.perSecond) * 1000);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
  }
}

/**
 * Token buckets per key with bounded memory: `take(key)` is false once a key has spent
 * its burst and not yet earned new tokens at `perSecond`.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 4096,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(key: string): boolean {
    let b = this.buckets.get(key);
    if (!b) {
      // Forget the oldest key rather than grow without bound under a flood of fresh keys.
      if (this.buckets.size >= this.maxKeys) evictOldest(this.buckets);
      b = new TokenBucket(this.perSecond, this.burst, this.now);
      this.buckets.set(key, b);
    }
    return b.take();
  }
}
