/** Events about files: offered to us, sent by us, progress, received, ended. */
import type { FileTransfer } from '../peer/file-transfer.js';
import type { Peer } from '../peer/peer.js';

/** A peer offers a file: call `transfer.accept()` or `transfer.decline()` (now or later). */
export class FileOfferEvent extends Event {
  static readonly type = 'fileoffer';
  readonly peer: Peer;
  readonly transfer: FileTransfer;
  constructor(init: { peer: Peer; transfer: FileTransfer }, options?: EventInit) {
    super(FileOfferEvent.type, options);
    this.peer = init.peer;
    this.transfer = init.transfer;
  }
}

/** We offered a file (`client.sendFile`): one transfer per recipient, each waiting for its answer. */
export class FileSentEvent extends Event {
  static readonly type = 'filesent';
  readonly transfers: FileTransfer[];
  /** The one peer it was sent to directly, or null for every verified peer. */
  readonly to: Peer | null;
  constructor(init: { transfers: FileTransfer[]; to: Peer | null }, options?: EventInit) {
    super(FileSentEvent.type, options);
    this.transfers = init.transfers;
    this.to = init.to;
  }
}

/** A file transfer moved on (`transfer.bytes` of `transfer.size`); at most every 100 ms and at the end. */
export class FileProgressEvent extends Event {
  static readonly type = 'fileprogress';
  readonly peer: Peer;
  readonly transfer: FileTransfer;
  constructor(init: { peer: Peer; transfer: FileTransfer }, options?: EventInit) {
    super(FileProgressEvent.type, options);
    this.peer = init.peer;
    this.transfer = init.transfer;
  }
}

/** A file arrived whole and matching its signed SHA-256: the end of an incoming transfer that succeeded (no `fileend` follows). */
export class FileReceivedEvent extends Event {
  static readonly type = 'filereceived';
  readonly peer: Peer;
  readonly transfer: FileTransfer;
  readonly file: File;
  constructor(init: { peer: Peer; transfer: FileTransfer; file: File }, options?: EventInit) {
    super(FileReceivedEvent.type, options);
    this.peer = init.peer;
    this.transfer = init.transfer;
    this.file = init.file;
  }
}

/**
 * A transfer ended, other than a file received whole (that is `filereceived`): ours
 * delivered (`done`), or either side's `declined`, `cancelled` or `failed` (`transfer.failure`).
 */
export class FileEndEvent extends Event {
  static readonly type = 'fileend';
  readonly peer: Peer;
  readonly transfer: FileTransfer;
  constructor(init: { peer: Peer; transfer: FileTransfer }, options?: EventInit) {
    super(FileEndEvent.type, options);
    this.peer = init.peer;
    this.transfer = init.transfer;
  }
}
