/** The peers of a room by id: one PeerLink per peer id, the newest session of each. */
import { isFinal, isUnverified } from '../peer/negotiation.js';
import type { PeerLink } from '../peer/peer-link.js';
import type { SenderInfo } from '../signaling/messages.js';
import { equalBytes } from '../util/bytes.js';

export class PeerRegistry {
  private readonly byId = new Map<string, PeerLink>();

  get(id: string): PeerLink | undefined {
    return this.byId.get(id);
  }

  set(link: PeerLink): void {
    this.byId.set(link.id, link);
  }

  /** Removes `link` if it is still the one held for its id (a newer session may have replaced it). */
  delete(link: PeerLink): void {
    if (this.byId.get(link.id) === link) this.byId.delete(link.id);
  }

  /** Whether `link` is the one held for its id. */
  holds(link: PeerLink): boolean {
    return this.byId.get(link.id) === link;
  }

  get size(): number {
    return this.byId.size;
  }

  all(): PeerLink[] {
    return [...this.byId.values()];
  }

  /** Peers that are not gone: pending, connecting, connected or verified. */
  live(): PeerLink[] {
    return this.all().filter((p) => !isFinal(p.state));
  }

  verified(): PeerLink[] {
    return this.all().filter((p) => p.verified);
  }

  /** Seen but not proven yet. */
  unverified(): PeerLink[] {
    return this.all().filter((p) => isUnverified(p.state));
  }

  /** Whether a peer of this session holds `key`. */
  hasKey(key: Uint8Array): boolean {
    return this.all().some((p) => equalBytes(p.publicKey, key));
  }

  hasSealKey(sealKey: Uint8Array): boolean {
    return this.all().some((p) => equalBytes(p.sealKey, sealKey));
  }

  /**
   * The sender whose seal key starts with `id` (a short-form answer's id, docs/protocol.md
   * 4.5), as we hold it: keys, tab, session, name. None when no peer, or more than one, has
   * such a key (an id shared by two is no name for either).
   */
  senderBySealKeyId(id: Uint8Array): SenderInfo | undefined {
    const found = this.all().filter((p) => equalBytes(p.sealKey.subarray(0, id.length), id));
    if (found.length !== 1) return undefined;
    const [p] = found;
    return { publicKey: p.publicKey, tab: p.tab, session: p.session, name: p.name, sealKey: p.sealKey };
  }
}
