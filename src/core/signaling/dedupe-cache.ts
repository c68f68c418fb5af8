/**
 * Remembers recently seen (topic, payload) pairs so that a message arriving from several
 * brokers, or twice from one, is handled once.
 */
import { ExpiringSet } from '../util/expiring-set.js';

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
  private readonly seen: ExpiringSet;

  /**
   * @param windowMs how long a key counts as seen
   * @param maxEntries memory bound: beyond it the oldest keys are forgotten first
   * @param now clock, replaceable in tests
   */
  constructor(windowMs: number, maxEntries = 4096, now: () => number = Date.now) {
    this.seen = new ExpiringSet(windowMs, maxEntries, now);
  }

  /** Number of keys currently remembered (expired ones may linger until the next call). */
  get size(): number {
    return this.seen.size;
  }

  /**
   * Records the pair and says whether it is new: false when the same topic and bytes were
   * seen less than `windowMs` ago.
   */
  firstSight(topic: string, payload: Uint8Array): boolean {
    return this.seen.add(`${topic}\u0000${payload.length}:${fingerprint(payload)}`);
  }
}
