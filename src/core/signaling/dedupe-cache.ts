/**
 * Remembers recently seen (topic, payload) pairs so that a message arriving from several
 * brokers, or twice from one, is handled once.
 */

/**
 * A 64-bit fingerprint of `bytes` as 16 hex digits: two independent 32-bit FNV-1a style
 * hashes (different offsets and multipliers). Not cryptographic: it only has to keep two
 * different signaling payloads of at most a few KiB from colliding by accident.
 */
export function fingerprint(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * A bounded set of recently seen (topic, payload) keys, each remembered for `windowMs`.
 *
 * @example
 * const seen = new DedupeCache(60_000);
 * if (seen.firstSight(topic, payload)) handle(payload);
 */
export class DedupeCache {
  // Insertion-ordered, so the first entries are always the oldest.
  private readonly seenAt = new Map<string, number>();

  /**
   * @param windowMs how long a key counts as seen
   * @param maxEntries memory bound: beyond it the oldest keys are forgotten first
   * @param now clock, replaceable in tests
   */
  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 4096,
    private readonly now: () => number = Date.now,
  ) {}

  /** Number of keys currently remembered (expired ones may linger until the next call). */
  get size(): number {
    return this.seenAt.size;
  }

  /**
   * Records the pair and says whether it is new: false when the same topic and bytes were
   * seen less than `windowMs` ago.
   */
  firstSight(topic: string, payload: Uint8Array): boolean {
    const t = this.now();
    this.evict(t);
    const key = `${topic}\u0000${payload.length}:${fingerprint(payload)}`;
    const at = this.seenAt.get(key);
    if (at !== undefined && t - at < this.windowMs) return false;
    // Re-insert so the key moves to the young end of the map.
    this.seenAt.delete(key);
    this.seenAt.set(key, t);
    if (this.seenAt.size > this.maxEntries) this.seenAt.delete(this.seenAt.keys().next().value!);
    return true;
  }

  private evict(t: number): void {
    for (const [key, at] of this.seenAt) {
      if (t - at < this.windowMs) break;
      this.seenAt.delete(key);
    }
  }
}
