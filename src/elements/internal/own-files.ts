/**
 * Tells the elements about files we offered. The client reports a file offer only to the
 * receiving side (`fileoffer`); our own side hears of a transfer first at its progress or
 * its end. So `<rt-chat-room>` sends files through `offerFiles`, which announces the new
 * transfers on the client, where `<rt-message-log>` listens: it can show "waiting for an
 * answer" before anyone accepted.
 */
import type { FileTransfer, Peer } from '../../core/index.js';
import type { ChatClient } from '../context.js';

/**
 * Our transfers of one file, one per recipient. Dispatched on the client; not a DOM event.
 * @internal
 */
export class OwnFilesEvent extends Event {
  static readonly type = 'rt-ownfiles';
  constructor(
    readonly transfers: FileTransfer[],
    /** The one peer it was sent to directly, or null for everyone verified. */
    readonly to: Peer | null,
  ) {
    super(OwnFilesEvent.type);
  }
}

/**
 * Offers `file` to `to`, or to every verified peer, and announces the transfers.
 * @throws {RangeError} over the client's size limit; {Error} when `to` is not verified or the file cannot be read
 * @internal
 */
export async function offerFile(client: ChatClient, file: File, to: Peer | null): Promise<FileTransfer[]> {
  // The client reports the new transfers itself (`filesent`).
  return client.sendFile(file, to ? { to } : {});
}
