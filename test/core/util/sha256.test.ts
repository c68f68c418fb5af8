import { expect } from '@open-wc/testing';
import { toHex } from '../../../src/core/util/bytes.js';
import { Sha256, sha256Bytes } from '../../../src/core/util/sha256.js';

// Our streaming SHA-256 against the browser's WebCrypto, over every length around the
// block and padding boundaries and random ways of splitting the input.
describe('Sha256', () => {
  const webcrypto = async (data: Uint8Array) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource)));

  it('matches the FIPS 180-4 "abc" vector', () => {
    expect(toHex(sha256Bytes(new TextEncoder().encode('abc')))).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches WebCrypto for every length 0–300, split at random points', async () => {
    for (let n = 0; n <= 300; n++) {
      const data = crypto.getRandomValues(new Uint8Array(n));
      const h = new Sha256();
      for (let at = 0; at < n;) {
        const step = 1 + Math.floor(Math.random() * 70);
        h.update(data.subarray(at, at + step));
        at += step;
      }
      expect(toHex(h.digest()), `length ${n}`).to.equal(await webcrypto(data));
    }
  });

  it('matches WebCrypto on 5 MiB plus 3 bytes', async () => {
    const data = new Uint8Array(5 * 1024 * 1024 + 3);
    for (let i = 0; i < data.length; i += 65536) crypto.getRandomValues(data.subarray(i, i + 65536));
    const h = new Sha256();
    for (let i = 0; i < data.length; i += 1_000_003) h.update(data.subarray(i, i + 1_000_003));
    expect(toHex(h.digest())).to.equal(await webcrypto(data));
  });
});
