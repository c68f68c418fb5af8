import type { NameWarning, Peer, TrustStatus } from '../../core/index.js';

/**
 * `trustchange`: a verified peer's trust or name warning changed: it renamed itself (perhaps
 * to a name pinned to another key), or the trust store changed (the Trust action, another tab).
 */
export class RTTrustChangeEvent extends Event {
  static readonly type = 'trustchange';
  constructor(
    readonly peer: Peer,
    /** `trusted`, `seen`, `pinned` or `key-changed`. */
    readonly trust: TrustStatus,
    /** `key-changed`, `look-alike`, `mixed-script`, or null when the name may be shown plainly. */
    readonly warning: NameWarning | null,
  ) {
    super(RTTrustChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    trustchange: RTTrustChangeEvent;
  }
}
