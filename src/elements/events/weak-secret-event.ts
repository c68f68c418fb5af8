/**
 * `weaksecret`: the room's `secret` is weak by an entropy estimate (`bits`, under
 * `threshold`): someone who sees the room on the broker can guess it offline. Fired once per
 * join, while joining; the room joins all the same. `RTChatClient.createSecret()` makes a
 * strong secret.
 */
export class RTWeakSecretEvent extends Event {
  static readonly type = 'weaksecret';
  constructor(
    /** The estimate, in bits. */
    readonly bits: number,
    /** Secrets under this many bits are weak. */
    readonly threshold: number,
  ) {
    super(RTWeakSecretEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    weaksecret: RTWeakSecretEvent;
  }
}
