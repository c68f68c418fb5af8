import type { Peer, VerificationFailure } from '../../core/index.js';

/** `verificationfailed`: the peer's identity proof failed; the connection is closed. */
export class RTVerificationFailedEvent extends Event {
  static readonly type = 'verificationfailed';
  constructor(
    readonly peer: Peer,
    readonly reason: VerificationFailure,
  ) {
    super(RTVerificationFailedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    verificationfailed: RTVerificationFailedEvent;
  }
}
