/**
 * The pieces of a file transfer timed alone in one page (figure 4, "where the time goes"):
 * SHA-256 implementations over bytes already in memory, and ways of reading a Blob.
 * Each rate is in MiB/s, the median of `rounds` after one untimed round.
 */
import { Sha256 } from '../../src/core/util/sha256.js';
import { bulkBlob } from './bulk.js';

type Rates = Record<string, number | string>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** MiB/s of `once` over `size` bytes: one untimed round (the JIT warms up), then the median of `rounds`. */
async function rate(size: number, rounds: number, once: () => Promise<unknown> | unknown): Promise<number> {
  await once();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await once();
    samples.push(size / 2 ** 20 / ((performance.now() - t) / 1000));
  }
  return Math.round(median(samples));
}

type ByobRead = { read(view: Uint8Array<ArrayBuffer>, o: { min: number }): Promise<ReadableStreamReadResult<Uint8Array<ArrayBuffer>>> };

/** Reads `blob` through its stream with a BYOB reader into one reused `part`-byte buffer. */
async function readByob(blob: Blob, part: number): Promise<number> {
  const reader = blob.stream().getReader({ mode: 'byob' }) as unknown as ByobRead;
  let buffer = new ArrayBuffer(part);
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buffer), { min: part });
    if (value) buffer = value.buffer;
    bytes += value?.length ?? 0;
    if (done) return bytes;
  }
}

/** Reads `blob` with `slice().arrayBuffer()`, `part` bytes at a time. */
async function readSlices(blob: Blob, part: number): Promise<number> {
  let bytes = 0;
  for (let at = 0; at < blob.size; at += part) bytes += (await blob.slice(at, at + part).arrayBuffer()).byteLength;
  return bytes;
}

/** Rates of each piece over `size` bytes (the bench file). */
export async function componentRates(size: number, rounds: number): Promise<Rates> {
  const blob = bulkBlob(size);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const MiB = 2 ** 20;
  const out: Rates = {};
  const streamed = (update: (part: Uint8Array) => void) => {
    for (let at = 0; at < bytes.length; at += MiB) update(bytes.subarray(at, at + MiB));
  };
  out['SHA-256, rtchat Sha256 (1 MiB updates)'] = await rate(size, rounds, () => {
    const h = new Sha256();
    streamed((p) => h.update(p));
    h.digest();
  });
  // The implementation file transfer used before; missing once the dependency is dropped.
  const noble = await import('@noble/hashes/sha2.js').catch(() => null);
  if (noble) {
    out['SHA-256, @noble/hashes sha256 (1 MiB updates)'] = await rate(size, rounds, () => {
      const h = noble.sha256.create();
      streamed((p) => h.update(p));
      h.digest();
    });
  } else out['SHA-256, @noble/hashes sha256 (1 MiB updates)'] = 'not installed';
  out['SHA-256, WebCrypto digest, whole file at once (not streamable)'] = await rate(size, rounds, () => crypto.subtle.digest('SHA-256', bytes));
  out['Blob read, slice().arrayBuffer() per 64 KiB'] = await rate(size, rounds, () => readSlices(blob, 64 * 1024));
  out['Blob read, slice().arrayBuffer() per 2 MiB'] = await rate(size, rounds, () => readSlices(blob, 2 * MiB));
  out['Blob read, stream() BYOB into one 256 KiB buffer'] = await rate(size, rounds, () => readByob(blob, 256 * 1024));
  return out;
}
