import type { Peer, TrustStatus } from '../../core/index.js';

/** `verified`: the peer proved, over this very channel, that it holds its key. Chat flows from now on. */
export class RTVerifiedEvent extends Event {
  static readonly type = 'verified';
  constructor(
    readonly peer: Peer,
    /** `trusted` (vouched for), `seen` (pinned on an earlier visit), `pinned` (first contact, now pinned) or `key-changed` (its name, or a look-alike, is pinned to another key: see `peer.nameWarning`). */
    readonly trust: TrustStatus,
    /** Compare with the peer out of band: equal codes rule out a man in the middle. */
    readonly safetyCode: string,
  ) {
    super(RTVerifiedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    verified: RTVerifiedEvent;
  }
}
