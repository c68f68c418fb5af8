import type { FileTransfer, Peer } from '../../core/index.js';

/** `filereceived`: a file from a peer arrived whole and matching its signed SHA-256. */
export class RTFileReceivedEvent extends Event {
  static readonly type = 'filereceived';
  constructor(
    readonly peer: Peer,
    readonly transfer: FileTransfer,
    /** The file; its `name` is cleaned (no path, no control characters) but still a stranger's text. */
    readonly file: File,
  ) {
    super(RTFileReceivedEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    filereceived: RTFileReceivedEvent;
  }
}
