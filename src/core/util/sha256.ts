/**
 * SHA-256, incremental and synchronous (WebCrypto's digest is neither): file hashes are
 * computed chunk by chunk, inbox topics synchronously. Checked against WebCrypto and
 * node:crypto in test/core/util/sha256.test.ts.
 */

/** SHA-256 round constants (FIPS 180-4, 4.2.2). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
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
  let s0 = s[0],
    s1 = s[1],
    s2 = s[2],
    s3 = s[3],
    s4 = s[4],
    s5 = s[5],
    s6 = s[6],
    s7 = s[7];
  for (; end - pos >= 64; pos += 64) {
    for (let i = 0, j = pos; i < 16; i++, j += 4) W[i] = (p[j] << 24) | (p[j + 1] << 16) | (p[j + 2] << 8) | p[j + 3];
    for (let i = 16; i < 64; i++) {
      const x = W[i - 2];
      const y = W[i - 15];
      const sigma1 = ((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10);
      const sigma0 = ((y >>> 7) | (y << 25)) ^ ((y >>> 18) | (y << 14)) ^ (y >>> 3);
      W[i] = (((sigma1 + W[i - 7]) | 0) + ((sigma0 + W[i - 16]) | 0)) | 0;
    }
    let a = s0,
      b = s1,
      c = s2,
      d = s3,
      e = s4,
      f = s5,
      g = s6,
      h = s7;
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

/** SHA-256 of `data` in one call. */
export const sha256Bytes = (data: Uint8Array): Uint8Array => {
  const h = new Sha256();
  h.update(data);
  return h.digest();
};
