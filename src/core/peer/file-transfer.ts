/**
 * File transfer to one peer over its own data channel.
 *
 * The sender hashes the file (SHA-256, streamed chunk by chunk) and offers it on the chat
 * channel with its name, type, size and hash, signed with its identity key. If the receiver
 * accepts, the sender opens a data channel `f:<id>` and streams 64 KiB chunks with
 * backpressure (`bufferedAmountLowThreshold`), so neither side ever holds the whole file
 * in script memory: the sender reads one chunk at a time, the receiver keeps Blob parts
 * that the browser may spill to disk. The receiver hashes as chunks arrive and accepts the
 * file only if the hash matches the signed one.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, toBase64Url, utf8 } from '../util/bytes.js';

/** Bytes per data-channel message. */
export const CHUNK_BYTES = 64 * 1024;
/** Pause sending above this much buffered data… */
export const HIGH_WATER = 4 * 1024 * 1024;
/** …and resume below this. */
export const LOW_WATER = 1024 * 1024;
/** bench only: the old code read one chunk at a time */
export const READ_BYTES = CHUNK_BYTES;
/** Default largest file offered or accepted. */
export const DEFAULT_MAX_FILE_BYTES = 1024 ** 3;

export type FileState = 'hashing' | 'offered' | 'transferring' | 'done' | 'declined' | 'cancelled' | 'failed';

/** Why a transfer ended without a file. */
export type FileFailure = 'integrity' | 'too-large' | 'peer-gone' | 'channel' | 'bad-offer';

/** What the offer says about the file; `hash` is the base64url SHA-256 of its bytes. */
export interface FileMeta {
  id: string;
  name: string;
  type: string;
  size: number;
  hash: string;
}

/** The bytes a file offer's signature covers. */
export const fileOfferBytes = (roomTopic: string, m: FileMeta): Uint8Array =>
  concatBytes(utf8(`rtchat/v1/file\0${roomTopic}\0${m.id}\0${m.name}\0${m.type}\0${m.size}\0`), utf8(m.hash));

/** Streams SHA-256 over a Blob, one chunk in memory at a time. */
export async function hashBlob(blob: Blob, onProgress?: (bytes: number) => void): Promise<string> {
  const h = sha256.create();
  for (let offset = 0; offset < blob.size; offset += CHUNK_BYTES * 16) {
    const part = new Uint8Array(await blob.slice(offset, offset + CHUNK_BYTES * 16).arrayBuffer());
    h.update(part);
    onProgress?.(Math.min(blob.size, offset + part.length));
  }
  return toBase64Url(h.digest());
}

/**
 * Cleans a file name from the network or the page: no path, no control or bidi-override
 * characters, at most 200 code points. Never empty.
 */
export function safeFileName(name: unknown): string {
  const base = String(typeof name === 'string' ? name : '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g, '')
    .split(/[\\/]/)
    .pop()!
    .trim()
    .replace(/^\.+/, '');
  const clipped = [...base].slice(0, 200).join('');
  return clipped || 'file';
}

/**
 * One file going to or coming from one peer. Events are dispatched by the client
 * (`fileoffer`, `fileprogress`, `filereceived`, `fileend`); this object holds the state.
 */
export class FileTransfer {
  state: FileState;
  /** Bytes sent or received so far. */
  bytes = 0;
  /** The received file, once `state` is `done` on the receiving side. */
  file: File | null = null;
  /** Why it failed, when `state` is `failed`. */
  failure: FileFailure | null = null;

  /** @internal */
  constructor(
    readonly id: string,
    /** `send` or `receive`. */
    readonly direction: 'send' | 'receive',
    /** The other side's peer id. */
    readonly peerId: string,
    readonly name: string,
    readonly type: string,
    readonly size: number,
    private readonly control: { accept(t: FileTransfer): void; decline(t: FileTransfer): void; cancel(t: FileTransfer): void },
    state: FileState,
  ) {
    this.state = state;
  }

  /** 0 to 1. */
  get progress(): number {
    return this.size === 0 ? (this.state === 'done' ? 1 : 0) : this.bytes / this.size;
  }

  /** Receiver: take the offered file. */
  accept(): void {
    if (this.direction === 'receive' && this.state === 'offered') this.control.accept(this);
  }

  /** Receiver: refuse the offered file; nothing is sent. */
  decline(): void {
    if (this.direction === 'receive' && this.state === 'offered') this.control.decline(this);
  }

  /** Either side: stop; both sides free what they hold. */
  cancel(): void {
    if (this.state === 'hashing' || this.state === 'offered' || this.state === 'transferring') this.control.cancel(this);
  }
}

/** Sends `blob` over `channel` with backpressure; resolves when all bytes are handed to the channel and drained. */
export async function streamBlob(channel: RTCDataChannel, blob: Blob, isCancelled: () => boolean, onProgress: (bytes: number) => void): Promise<void> {
  channel.bufferedAmountLowThreshold = LOW_WATER;
  const drained = () =>
    new Promise<void>((resolve, reject) => {
      const done = () => {
        channel.removeEventListener('bufferedamountlow', done);
        channel.removeEventListener('close', closed);
        resolve();
      };
      const closed = () => {
        channel.removeEventListener('bufferedamountlow', done);
        reject(new Error('channel closed'));
      };
      channel.addEventListener('bufferedamountlow', done);
      channel.addEventListener('close', closed, { once: true });
    });
  for (let offset = 0; offset < blob.size; ) {
    if (isCancelled()) return;
    if (channel.readyState !== 'open') throw new Error('channel closed');
    if (channel.bufferedAmount > HIGH_WATER) {
      await drained();
      continue;
    }
    const chunk = await blob.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
    channel.send(chunk);
    offset += chunk.byteLength;
    onProgress(offset);
  }
  while (channel.bufferedAmount > 0 && channel.readyState === 'open' && !isCancelled()) {
    channel.bufferedAmountLowThreshold = 0;
    await drained();
  }
}

/** Receives chunks into Blob parts, hashing as it goes. */
export class FileSink {
  private readonly parts: Blob[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly hash = sha256.create();
  bytes = 0;

  constructor(private readonly meta: FileMeta) {}

  /**
   * Adds one chunk.
   * @throws {RangeError} when a chunk is too large or the file grows past its declared size
   */
  add(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) throw new TypeError('file chunks are binary');
    if (data.byteLength > CHUNK_BYTES) throw new RangeError('chunk larger than 64 KiB');
    if (this.bytes + data.byteLength > this.meta.size) throw new RangeError('more bytes than offered');
    const chunk = new Uint8Array(data);
    this.hash.update(chunk);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.bytes += chunk.length;
    // Group small chunks into larger Blob parts: fewer objects, and the browser can spill them to disk.
    if (this.pendingBytes >= 4 * 1024 * 1024) this.seal();
  }

  get complete(): boolean {
    return this.bytes === this.meta.size;
  }

  /** The file if its hash matches the offer, else null. */
  finish(): File | null {
    this.seal();
    if (toBase64Url(this.hash.digest()) !== this.meta.hash) return null;
    return new File(this.parts, this.meta.name, { type: this.meta.type });
  }

  private seal(): void {
    if (this.pending.length) this.parts.push(new Blob(this.pending as BlobPart[]));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
