import type { Peer } from '../../core/index.js';

/** `typing`: a verified peer is typing (repeated every few seconds while it types). */
export class RTTypingEvent extends Event {
  static readonly type = 'typing';
  constructor(readonly peer: Peer) {
    super(RTTypingEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    typing: RTTypingEvent;
  }
}
