import type { Peer } from '../../core/index.js';

/** `reaction`: someone reacted to a message with an emoji, or took the reaction back (`on: false`). */
export class RTReactionEvent extends Event {
  static readonly type = 'reaction';
  constructor(
    /** Who reacted: a verified peer, or null for ourselves. */
    readonly peer: Peer | null,
    readonly messageId: string,
    /** One emoji (checked by the client). */
    readonly emoji: string,
    readonly on: boolean,
  ) {
    super(RTReactionEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    reaction: RTReactionEvent;
  }
}
