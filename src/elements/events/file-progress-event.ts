import type { FileTransfer, Peer } from '../../core/index.js';

/**
 * `fileprogress`: a file transfer to or from `peer` moved on (`transfer.bytes` of
 * `transfer.size`, `transfer.direction`); at most every 100 ms per transfer, and at the end.
 */
export class RTFileProgressEvent extends Event {
  static readonly type = 'fileprogress';
  constructor(
    readonly peer: Peer,
    readonly transfer: FileTransfer,
  ) {
    super(RTFileProgressEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    fileprogress: RTFileProgressEvent;
  }
}
