/**
 * File transfer to one peer over its own data channel.
 *
 * The sender hashes the file (SHA-256, streamed) and offers it on the chat channel with its
 * name, type, size and hash, signed with its identity key. If the receiver accepts, the
 * sender opens a data channel `f:<id>` and streams chunks of at most 256 KiB with
 * backpressure (`bufferedAmountLowThreshold`), so neither side ever holds the whole file
 * in script memory: the sender reads the Blob's stream into one reused buffer, the receiver
 * keeps Blob parts that the browser may spill to disk. The receiver hashes as chunks arrive
 * and accepts the file only if the hash matches the signed one.
 *
 * What throughput measurements chose (docs/performance.md, figure 4): reading the Blob's
 * stream with a BYOB reader, not `blob.slice().arrayBuffer()` per chunk (about 1.3 GiB/s
 * against 60–90 MiB/s for 64 KiB slices); our own SHA-256 (see Sha256); 256 KiB messages.
 */
import { concatBytes, toBase64Url, utf8 } from '../util/bytes.js';
import { Sha256 } from '../util/sha256.js';
import { savedFileName } from './file-names.js';

/**
 * Largest data-channel message: the max-message-size (262144) that our rebuilt SDP
 * declares, so the browser sends it whole; the receiver rejects larger ones.
 */
export const CHUNK_BYTES = 256 * 1024;
/** Bytes read from the Blob at once while hashing it. */
const HASH_READ_BYTES = 1024 * 1024;
/** Pause sending above this much buffered data (Chromium refuses sends past 16 MiB)… */
export const HIGH_WATER = 8 * 1024 * 1024;
/** …and resume below this. */
export const LOW_WATER = 2 * 1024 * 1024;
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

/** Streams SHA-256 over a Blob, reading it 1 MiB at a time into one reused buffer. */
export async function hashBlob(blob: Blob, onProgress?: (bytes: number) => void): Promise<string> {
  const h = new Sha256();
  let bytes = 0;
  for await (const part of readBlob(blob, HASH_READ_BYTES)) {
    h.update(part);
    bytes += part.length;
    onProgress?.(bytes);
  }
  return toBase64Url(h.digest());
}

/** A BYOB reader with the Streams spec's `min` option, which TypeScript's DOM types lack. */
type ReadAtLeast = { read(view: Uint8Array<ArrayBuffer>, options: { min: number }): Promise<ReadableStreamReadResult<Uint8Array<ArrayBuffer>>> };

/**
 * Reads `blob` front to back in parts of at most `size` bytes. Where the browser has a
 * BYOB reader for Blob streams, every part is the same reused buffer (no garbage, several
 * times faster than `blob.slice().arrayBuffer()` per part), so a part is only valid until
 * the loop asks for the next one; elsewhere parts come from the default reader, cut to size.
 * @throws {Error} when the Blob cannot be read (a File changed or removed on disk)
 */
async function* readBlob(blob: Blob, size: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let byob: ReadableStreamBYOBReader | null = null;
  let reader: ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>> | ReadableStreamBYOBReader;
  try {
    reader = byob = blob.stream().getReader({ mode: 'byob' });
  } catch {
    reader = blob.stream().getReader() as ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>>;
  }
  try {
    if (byob) {
      let buffer = new ArrayBuffer(size);
      for (;;) {
        // `min`: fill the buffer unless the Blob ends (browsers without it fill less; still correct).
        const { done, value } = await (byob as ReadAtLeast).read(new Uint8Array(buffer), { min: size });
        if (value) buffer = value.buffer;
        // The last bytes may come with `done`: the stream closed before `min` was reached.
        if (value?.length) yield value;
        if (done) return;
      }
    }
    const plain = reader as ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>>;
    for (;;) {
      const { done, value } = await plain.read();
      if (done) return;
      for (let at = 0; at < value.length; at += size) yield value.subarray(at, at + size);
    }
  } finally {
    // A caller that stops early (cancel) leaves the stream open otherwise.
    reader.cancel().catch(() => {});
  }
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
  let sent = 0;
  for await (const part of readBlob(blob, CHUNK_BYTES)) {
    while (channel.bufferedAmount > HIGH_WATER && channel.readyState === 'open' && !isCancelled()) await drained();
    if (isCancelled()) return;
    if (channel.readyState !== 'open') throw new Error('channel closed');
    // send() copies, so the reused buffer can take the next part; a short part needs its own.
    channel.send(part.length === part.buffer.byteLength ? part.buffer : part.slice().buffer);
    sent += part.length;
    onProgress(sent);
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
  private readonly hash = new Sha256();
  bytes = 0;

  constructor(private readonly meta: FileMeta) {}

  /**
   * Adds one chunk.
   * @throws {RangeError} when a chunk is too large or the file grows past its declared size
   */
  add(data: unknown): void {
    if (!(data instanceof ArrayBuffer)) throw new TypeError('file chunks are binary');
    if (data.byteLength > CHUNK_BYTES) throw new RangeError(`chunk larger than ${CHUNK_BYTES} bytes`);
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

  /**
   * The file if its hash matches the offer, else null. Its name is the one to save it under
   * (file-names.ts): the page that saves `file` gets no active extension from a peer.
   */
  finish(): File | null {
    this.seal();
    if (toBase64Url(this.hash.digest()) !== this.meta.hash) return null;
    return new File(this.parts, savedFileName(this.meta.name, this.meta.type), { type: this.meta.type });
  }

  private seal(): void {
    if (this.pending.length) this.parts.push(new Blob(this.pending as BlobPart[]));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
