/**
 * Bulk transfer pieces shared by the bench pages (figure 4): the file every sender sends,
 * and the raw baseline's sender and receiver — a plain RTCDataChannel with the same kind
 * of backpressure as rtchat's file channel, no hashing, no signature, no offer.
 */
import { now } from './timeline.js';

/** A promise with its settle functions outside. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
}

/** A Deferred whose rejection is not reported as unhandled before someone awaits it. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

const made = new Map<number, Blob>();

/**
 * The same pseudo-random bytes in every page (a fixed LCG seed), built 1 MiB at a time into
 * one Blob; kept, so each run sends the very same Blob. Random, so nothing on the way can
 * shortcut it.
 */
export function bulkBlob(size: number): Blob {
  const known = made.get(size);
  if (known) return known;
  const parts: Uint8Array[] = [];
  let x = 12345;
  for (let done = 0; done < size;) {
    const n = Math.min(1 << 20, size - done);
    const part = new Uint8Array(n);
    const words = new Uint32Array(part.buffer, 0, n >> 2);
    for (let i = 0; i < words.length; i++) words[i] = x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    parts.push(part);
    done += n;
  }
  const blob = new Blob(parts as BlobPart[], { type: 'application/octet-stream' });
  made.set(size, blob);
  return blob;
}

/** WebCrypto SHA-256 of a Blob, hex: the bench's own check that the right bytes arrived. */
export async function digestHex(blob: Blob): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** How the raw baseline sends: message size and water marks. */
export interface PushOptions {
  chunk: number;
  high: number;
  low: number;
}

/**
 * Pushes `blob` over `dc` as rtchat's sender does, minus the hashing: reads `chunk` bytes at
 * a time from the Blob's stream into one reused buffer (BYOB), sends each, and waits for
 * `bufferedamountlow` (threshold `low`) whenever more than `high` is buffered.
 * Resolves when every byte is handed to the channel.
 */
export async function pushBlob(dc: RTCDataChannel, blob: Blob, o: PushOptions): Promise<void> {
  dc.bufferedAmountLowThreshold = o.low;
  const low = () => new Promise<void>((r) => dc.addEventListener('bufferedamountlow', () => r(), { once: true }));
  const reader = blob.stream().getReader({ mode: 'byob' }) as unknown as {
    read(view: Uint8Array<ArrayBuffer>, options: { min: number }): Promise<ReadableStreamReadResult<Uint8Array<ArrayBuffer>>>;
  };
  let buffer = new ArrayBuffer(o.chunk);
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buffer), { min: o.chunk });
    // The last bytes may come with `done`: the stream closed before `min` was reached.
    if (value) buffer = value.buffer;
    if (value?.length) {
      if (dc.bufferedAmount > o.high) await low();
      dc.send(value.length === o.chunk ? value.buffer : value.slice().buffer);
    }
    if (done) return;
  }
}

/**
 * The raw receiving side: keeps the chunks as Blob parts (grouped by 4 MiB, as rtchat's
 * FileSink does) and resolves with the arrival time of the last byte once `size` bytes came.
 */
export function receiveBlob(dc: RTCDataChannel, size: number): Promise<{ at: number; blob: Blob }> {
  dc.binaryType = 'arraybuffer';
  const parts: Blob[] = [];
  let pending: ArrayBuffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  return new Promise((resolve, reject) => {
    dc.onclose = () => reject(new Error(`bulk channel closed after ${bytes} of ${size} bytes`));
    dc.onmessage = (e) => {
      const data = e.data as ArrayBuffer;
      pending.push(data);
      pendingBytes += data.byteLength;
      bytes += data.byteLength;
      if (pendingBytes >= 4 * 1024 * 1024 || bytes >= size) {
        parts.push(new Blob(pending));
        pending = [];
        pendingBytes = 0;
      }
      if (bytes >= size) {
        dc.onclose = null;
        resolve({ at: now(), blob: new Blob(parts) });
      }
    };
  });
}
