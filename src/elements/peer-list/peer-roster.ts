/**
 * What `<rt-peer-list>` lists: every peer seen since the list started showing its client,
 * in the order first seen, including the ones that left or failed (the client forgets
 * those; a person wants to see that Bob left). A peer's newer session replaces its older
 * one in place. Gone peers beyond a bound are dropped, oldest first.
 */
import type { NameWarning, Peer, TrustStatus } from '../../core/index.js';

/**
 * A peer's state as the list shows it. `waiting` and `not-now` are our knock at a member's
 * door (we arrived; its person is deciding, or said "Not now").
 */
export type PeerRowState = 'connecting' | 'verified' | 'failed' | 'left' | 'declined' | 'waiting' | 'not-now';

/** The trust badge of a peer: vouched for, a first contact, or a warning about its name. */
export type TrustBadge = 'trusted' | 'new-key' | 'key-changed' | 'look-alike' | 'mixed-script';

/** The shown state of `peer`. */
export function rowState(peer: Peer): PeerRowState {
  if (peer.state === 'pending' && peer.knock) return peer.knock === 'waiting' ? 'waiting' : 'not-now';
  switch (peer.state) {
    case 'verified':
      return 'verified';
    case 'failed':
      return 'failed';
    case 'declined':
      return 'declined';
    case 'closed':
      return 'left';
    default:
      return 'connecting'; // pending (consent given or coming), connecting, connected (proof under way)
  }
}

/**
 * The badge for a trust status and name warning. A warning about the name wins over
 * anything said about the key: a known key under someone else's name is not "trusted".
 */
export function trustBadge(trust: TrustStatus | null, warning: NameWarning | null = null): TrustBadge | null {
  if (trust === 'self') return null; // our own other tab: nothing to vouch for or warn about
  if (warning === 'key-changed' || warning === 'look-alike') return warning;
  if (trust === 'key-changed') return 'key-changed';
  if (warning === 'mixed-script') return 'mixed-script';
  if (trust === 'trusted') return 'trusted';
  if (trust === 'pinned') return 'new-key';
  return null; // seen before: nothing to say
}

const isGone = (peer: Peer) => peer.state === 'closed' || peer.state === 'failed' || peer.state === 'declined';

export class PeerRoster {
  private readonly byId = new Map<string, Peer>();

  /** @param maxGone how many gone peers to keep listed */
  constructor(private readonly maxGone = 50) {}

  /** Starts over with `peers` (a new client). */
  reset(peers: Iterable<Peer>): void {
    this.byId.clear();
    for (const peer of peers) this.see(peer);
  }

  /** Adds `peer`, or puts it in place of an older session with the same id. */
  see(peer: Peer): void {
    this.byId.set(peer.id, peer);
    this.trim();
  }

  /** Every listed peer, first seen first. */
  get peers(): Peer[] {
    return [...this.byId.values()];
  }

  private trim(): void {
    let excess = this.peers.filter(isGone).length - this.maxGone;
    for (const [id, peer] of this.byId) {
      if (excess <= 0) return;
      if (isGone(peer)) {
        this.byId.delete(id);
        excess--;
      }
    }
  }
}
