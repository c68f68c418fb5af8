import { expect } from '@open-wc/testing';
import { Identity } from '../../../src/core/identity/identity.js';
import { safetyCode } from '../../../src/core/identity/safety-code.js';
import { randomBytes } from '../../../src/core/util/bytes.js';

describe('safetyCode', () => {
  it('is six groups of five digits, the same on both sides', async () => {
    const alice = await Identity.ephemeral();
    const bob = await Identity.ephemeral();
    const onAlicesScreen = await safetyCode(alice.publicKey, bob.publicKey);
    const onBobsScreen = await safetyCode(bob.publicKey, alice.publicKey);
    expect(onAlicesScreen).to.match(/^\d{5}( \d{5}){5}$/);
    expect(onBobsScreen).to.equal(onAlicesScreen);
  });

  it('changes when either key is another one', async () => {
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const codes = await Promise.all([safetyCode(a, b), safetyCode(a, c), safetyCode(c, b)]);
    expect(new Set(codes).size).to.equal(3);
    const flipped = b.slice();
    flipped[31] ^= 1;
    expect(await safetyCode(a, flipped)).not.to.equal(codes[0]);
  });

  it('is a fixed function of the two keys (stable across versions of this code)', async () => {
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    const code = await safetyCode(b, a);
    expect(code).to.equal(await safetyCode(a, b));
    // Pinned so an accidental change of label, order, rounds or encoding shows up here.
    expect(code).to.equal(EXPECTED_1_2);
  });

  it('rejects anything but two 32-byte keys', async () => {
    const key = randomBytes(32);
    for (const [bad, type] of [
      [randomBytes(31), RangeError],
      [new Uint8Array(33), RangeError],
      [Array.from(key), TypeError],
    ] as const) {
      let error: unknown;
      await safetyCode(key, bad as Uint8Array).catch((e) => (error = e));
      expect(error).to.be.instanceOf(type);
    }
  });

  it('takes well under a second to compute', async () => {
    const start = performance.now();
    await safetyCode(randomBytes(32), randomBytes(32));
    expect(performance.now() - start).to.be.below(1000);
  });
});

// Computed independently with Node: pbkdf2Sync(0x01*32 || 0x02*32, 'rtchat safety code v1', 2**17, 32, 'sha256'),
// then each 5-byte big-endian group mod 100000.
const EXPECTED_1_2 = '59126 79948 83127 10180 45633 18017';
