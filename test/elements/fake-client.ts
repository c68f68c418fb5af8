/**
 * A stand-in for RTChatClient with the surface the elements read (peers, requests, name,
 * state, brokers, events), so single-element tests can put the list and log into any
 * state quickly. The real client is exercised by the two-browser tests.
 */
import type { ChatRecord } from '../../src/core/delivery/history.js';
import { ConnectionRequestEvent } from '../../src/core/events.js';
import type { Peer, PeerState, TrustStatus } from '../../src/core/peer/peer.js';
import type { ChatClient } from '../../src/elements/context.js';

export interface FakePeerInit {
  id?: string;
  name: string;
  tab?: number;
  state?: PeerState;
  trust?: TrustStatus | null;
  safetyCode?: string | null;
}

let next = 1;

/** A peer-shaped object (what the elements read of a Peer). */
export function fakePeer(init: FakePeerInit): Peer {
  const peer = {
    id: init.id ?? `peer-${next}`,
    key: `key-${next++}`,
    name: init.name,
    tab: init.tab ?? 1,
    state: init.state ?? 'verified',
    trust: init.trust ?? (init.state && init.state !== 'verified' ? null : 'pinned'),
    safetyCode: init.safetyCode ?? (init.state && init.state !== 'verified' ? null : '12345 67890 13579 24680 11223 34455'),
    get label() {
      return this.tab > 1 ? `${this.name} (${this.tab})` : this.name;
    },
    get verified() {
      return this.state === 'verified';
    },
  };
  return peer as unknown as Peer;
}

export class FakeClient extends EventTarget {
  name = 'Me';
  state = 'connected';
  peers: Peer[] = [];
  history: ChatRecord[] = [];
  brokers = [{ url: 'ws://fake', state: 'connected', since: 0 }];
  private readonly pending = new Map<Peer, ConnectionRequestEvent>();
  /** Decisions taken through request events, in order. */
  readonly decisions: { peer: Peer; accepted: boolean }[] = [];

  get requests(): ConnectionRequestEvent[] {
    return [...this.pending.values()];
  }

  /** Dispatches a connection request like the client does; the decision is recorded. */
  request(peer: Peer, initiator = false, trusted = false): ConnectionRequestEvent {
    const event = new ConnectionRequestEvent(peer, initiator, trusted, (accepted) => {
      if (!this.pending.delete(peer)) return;
      this.decisions.push({ peer, accepted });
      (peer as { state: PeerState }).state = accepted ? 'connecting' : 'declined';
    });
    this.pending.set(peer, event);
    this.dispatchEvent(event);
    return event;
  }

  /** This object typed as the client the elements accept. */
  get asClient(): ChatClient {
    return this as unknown as ChatClient;
  }
}
