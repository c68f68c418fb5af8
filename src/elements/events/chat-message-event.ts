import type { Peer } from '../../core/index.js';

/** `chatmessage`: a chat message from a verified peer. */
export class RTChatMessageEvent extends Event {
  static readonly type = 'chatmessage';
  constructor(
    readonly peer: Peer,
    readonly id: string,
    /** Plain text: never interpret it as HTML. */
    readonly text: string,
    /** Sender's clock, ms since 1970. */
    readonly sentAt: number,
    /** true for a direct message to us only, false for a room message. */
    readonly direct: boolean,
  ) {
    super(RTChatMessageEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    chatmessage: RTChatMessageEvent;
  }
}
