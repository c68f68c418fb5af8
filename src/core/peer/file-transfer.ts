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

/** SHA-256 round constants (FIPS 180-4, 4.2.2). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
/** Message schedule, shared: hashing is synchronous, so no two blocks overlap. */
const W = new Int32Array(64);

/**
 * Streaming SHA-256 (FIPS 180-4) for file contents. WebCrypto has no streaming digest and
 * a file must never be in memory whole; this plain-integer version runs about twice as fast
 * in Chromium as @noble/hashes' (150 vs 70 MiB/s measured here), and both ends of a
 * transfer hash every byte. Output is standard SHA-256.
 * @example
 * const h = new Sha256();
 * h.update(utf8('ab'));
 * h.update(utf8('c'));
 * toHex(h.digest()); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export class Sha256 {
  private readonly state = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  /** Bytes of an unfinished block. */
  private readonly tail = new Uint8Array(64);
  private tailLength = 0;
  /** Bytes hashed so far. */
  private length = 0;
  private finished = false;

  /**
   * Adds bytes.
   * @throws {Error} after `digest()`
   */
  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Sha256: update after digest');
    this.length += data.length;
    let pos = 0;
    if (this.tailLength > 0) {
      pos = Math.min(64 - this.tailLength, data.length);
      this.tail.set(data.subarray(0, pos), this.tailLength);
      this.tailLength += pos;
      if (this.tailLength < 64) return this;
      compress(this.state, this.tail, 0, 64);
      this.tailLength = 0;
    }
    pos = compress(this.state, data, pos, data.length);
    this.tail.set(data.subarray(pos));
    this.tailLength = data.length - pos;
    return this;
  }

  /**
   * The 32-byte hash of everything added; the hasher is spent afterwards.
   * @throws {Error} when called twice
   */
  digest(): Uint8Array {
    if (this.finished) throw new Error('Sha256: digest called twice');
    this.finished = true;
    // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian number.
    const pad = new Uint8Array(this.tailLength < 56 ? 64 : 128);
    pad.set(this.tail.subarray(0, this.tailLength));
    pad[this.tailLength] = 0x80;
    const view = new DataView(pad.buffer);
    view.setUint32(pad.length - 8, Math.floor(this.length / 0x20000000));
    view.setUint32(pad.length - 4, (this.length * 8) >>> 0);
    compress(this.state, pad, 0, pad.length);
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setInt32(i * 4, this.state[i]);
    return out;
  }
}

/** Compresses every whole 64-byte block of `p` from `pos` to `end` into `s`; returns where it stopped. */
function compress(s: Int32Array, p: Uint8Array, pos: number, end: number): number {
  let s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3], s4 = s[4], s5 = s[5], s6 = s[6], s7 = s[7];
  for (; end - pos >= 64; pos += 64) {
    for (let i = 0, j = pos; i < 16; i++, j += 4) W[i] = (p[j] << 24) | (p[j + 1] << 16) | (p[j + 2] << 8) | p[j + 3];
    for (let i = 16; i < 64; i++) {
      const x = W[i - 2];
      const y = W[i - 15];
      const sigma1 = ((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10);
      const sigma0 = ((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3);
      W[i] = (((sigma1 + W[i - 7]) | 0) + ((sigma0 + W[i - 16]) | 0)) | 0;
    }
    let a = s0, b = s1, c = s2, d = s3, e = s4, f = s5, g = s6, h = s7;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (((S1 + ((e & f) ^ (~e & g))) | 0) + ((h + ((K[i] + W[i]) | 0)) | 0)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    s0 = (s0 + a) | 0;
    s1 = (s1 + b) | 0;
    s2 = (s2 + c) | 0;
    s3 = (s3 + d) | 0;
    s4 = (s4 + e) | 0;
    s5 = (s5 + f) | 0;
    s6 = (s6 + g) | 0;
    s7 = (s7 + h) | 0;
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
  s[4] = s4;
  s[5] = s5;
  s[6] = s6;
  s[7] = s7;
  return pos;
}
