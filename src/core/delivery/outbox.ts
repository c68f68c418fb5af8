/**
 * Messages not yet acknowledged, per recipient identity (Ed25519 key, base64url).
 * A message stays until that identity acknowledges it; when the identity is verified
 * again (reconnect, reload) everything pending for it is sent again, in order, with the
 * same ids, and the receiver drops what it already has.
 */

import type { SignedPart } from './history.js';

export interface OutboxEntry {
  id: string;
  text: string;
  sentAt: number;
  /** true for a direct message. */
  direct: boolean;
  /** Room messages: our signature, once made (history/signed-message.ts). */
  signed?: SignedPart;
}

/** Per-identity cap: past it the oldest pending message is given up (and reported by the caller). */
export const OUTBOX_LIMIT = 1000;

export class Outbox {
  private readonly pending = new Map<string, Map<string, OutboxEntry>>();

  /**
   * Keeps `entry` for each recipient key.
   * @returns messages given up to stay within {@link OUTBOX_LIMIT}
   */
  add(entry: OutboxEntry, recipients: Iterable<string>): OutboxEntry[] {
    const dropped: OutboxEntry[] = [];
    for (const key of recipients) {
      let queue = this.pending.get(key);
      if (!queue) this.pending.set(key, (queue = new Map()));
      queue.set(entry.id, entry);
      if (queue.size > OUTBOX_LIMIT) {
        const [oldestId, oldest] = queue.entries().next().value as [string, OutboxEntry];
        queue.delete(oldestId);
        dropped.push(oldest);
      }
    }
    return dropped;
  }

  /** Pending messages for one identity, oldest first. */
  pendingFor(key: string): OutboxEntry[] {
    return [...(this.pending.get(key)?.values() ?? [])];
  }

  /** Whether `id` still waits for `key`'s acknowledgement. */
  has(key: string, id: string): boolean {
    return !!this.pending.get(key)?.has(id);
  }

  /** Records an acknowledgement; true when it was pending. */
  ack(key: string, id: string): boolean {
    const queue = this.pending.get(key);
    const had = !!queue?.delete(id);
    if (queue && queue.size === 0) this.pending.delete(key);
    return had;
  }

  /** Identities that still owe acknowledgements for `id`. */
  waitingOn(id: string): string[] {
    return [...this.pending].filter(([, q]) => q.has(id)).map(([key]) => key);
  }

  /** Gives up everything pending for an identity. */
  forget(key: string): void {
    this.pending.delete(key);
  }

  get size(): number {
    let n = 0;
    for (const q of this.pending.values()) n += q.size;
    return n;
  }
}
