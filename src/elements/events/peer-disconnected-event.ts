import type { CloseReason, Peer } from '../../core/index.js';

/** `peerdisconnected`: a peer we had agreed to connect to is gone (left, lost, declined or failed). */
export class RTPeerDisconnectedEvent extends Event {
  static readonly type = 'peerdisconnected';
  constructor(
    readonly peer: Peer,
    readonly reason: CloseReason,
  ) {
    super(RTPeerDisconnectedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    peerdisconnected: RTPeerDisconnectedEvent;
  }
}
