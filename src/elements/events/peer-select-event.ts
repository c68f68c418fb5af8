import type { Peer } from '../../core/index.js';

/**
 * `peerselect`: a person chose a peer to write to directly (the peer list's Message
 * button), or pressed it again to go back to the whole room (`peer` null).
 */
export class RTPeerSelectEvent extends Event {
  static readonly type = 'peerselect';
  constructor(readonly peer: Peer | null) {
    super(RTPeerSelectEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    peerselect: RTPeerSelectEvent;
  }
}
