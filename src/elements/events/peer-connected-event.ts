import type { Peer } from '../../core/index.js';

/** `peerconnected`: the data channel to a peer opened; its identity proof is under way (see `verified`). */
export class RTPeerConnectedEvent extends Event {
  static readonly type = 'peerconnected';
  constructor(readonly peer: Peer) {
    super(RTPeerConnectedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    peerconnected: RTPeerConnectedEvent;
  }
}
