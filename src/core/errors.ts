/**
 * Named errors of the public API: catch them by class (`e instanceof PeerGoneError`) or by
 * `name`, never by message text. Wrong arguments stay `TypeError` / `RangeError`.
 */

/** Base class of every rtchat error. */
export class RTChatError extends Error {
  override readonly name: string = 'RTChatError';
}

/** Something did not happen in time (an answer to `peer.ask`, for one). */
export class TimeoutError extends RTChatError {
  constructor(
    message: string,
    /** The time allowed, in ms. */
    readonly ms: number,
  ) {
    super(message);
  }
  override readonly name: string = 'TimeoutError';
}

/** The peer has not proved its key (yet, or any more): nothing is sent to it. */
export class NotVerifiedError extends RTChatError {
  override readonly name: string = 'NotVerifiedError';
}

/** The peer went away (left, lost, closed) before the operation ended. */
export class PeerGoneError extends RTChatError {
  override readonly name: string = 'PeerGoneError';
}

/** The client has not joined yet, or was disconnected. */
export class NotJoinedError extends RTChatError {
  override readonly name: string = 'NotJoinedError';
}

/** A verified peer answered our question with an error (`message` is its text, unchecked). */
export class RemoteError extends RTChatError {
  override readonly name: string = 'RemoteError';
}
