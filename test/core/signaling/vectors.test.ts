import { expect } from '@open-wc/testing';
import * as ed from '@noble/ed25519';
import { SignalGate, SignalWriter, type EnvelopeContext } from '../../../src/core/signaling/envelope.js';
import { peerIdOf, type SenderInfo } from '../../../src/core/signaling/messages.js';
import { deriveRoom } from '../../../src/core/signaling/room.js';
import { SealKeys } from '../../../src/core/signaling/seal-keys.js';
import { toHex } from '../../../src/core/util/bytes.js';

// docs/protocol.md section 10: the announce and leave vectors, recomputed, so the page
// cannot drift from the code (Ed25519 is deterministic: same seed and bytes, same signature).

const ANNOUNCE_HEX =
  '0101018bcfe56800deadbeef0102030401197f6b23e16c8532c6abc838facd5ea789be0c76b2920334039bfa8b3d368d61000c090909090909090909090909090909090909090909090909090909090909090905416c69636546b83abf26eba2dde8d04f872cbcc8e396e0341c421b37298bf821351c814672d85070e753f05d8a5f00df08470da64973cffe443fe7ca0f8bdb433cacd3fc0f';
const LEAVE_HEX =
  '0102018bcfe568000102030401197f6b23e16c8532c6abc838facd5ea789be0c76b2920334039bfa8b3d368d617c98d48ac96d4a1b0371afa0891ba3d77bca41562a0f63b3779cf066e72be3648cf45392495fde16a31487b74bc7b6503225fb3228ae84b3bb5f31536670320a';

describe('protocol test vectors (docs/protocol.md §10)', () => {
  it('computes the documented announce and leave, and the gate accepts both', async () => {
    const seed = new Uint8Array(32).fill(0x2a);
    const publicKey = await ed.getPublicKeyAsync(seed);
    const signer = { publicKey, sign: (m: Uint8Array) => ed.signAsync(m, seed) };
    const { topic } = await deriveRoom({ origin: 'https://example.com', path: '/chat', room: 'lobby' });
    expect(topic).to.equal('rtchat/v1/cHYALsGNzU9XNLD2esVmew');
    const sealKeys = await SealKeys.generate(topic);
    const self: SenderInfo = { publicKey, tab: 1, session: 0x01020304, name: 'Alice', sealKey: new Uint8Array(32).fill(0x09) };
    const ts = 1_700_000_000_000;
    const ctx: EnvelopeContext = { roomTopic: topic, selfId: peerIdOf(publicKey, 1), roomKey: null, sealKeys, signer, now: () => ts };
    const writer = new SignalWriter(ctx);
    // The nonce is random in the writer; the vector fixes it at 0xdeadbeef.
    const values = crypto.getRandomValues;
    crypto.getRandomValues = (<T extends ArrayBufferView | null>(a: T): T => {
      if (a instanceof Uint8Array && a.length === 4) a.set([0xde, 0xad, 0xbe, 0xef]);
      else values.call(crypto, a as never);
      return a;
    }) as typeof crypto.getRandomValues;
    let announce: Uint8Array;
    try {
      announce = await writer.announce(self, 12); // here: 1.2 s in the room
    } finally {
      crypto.getRandomValues = values;
    }
    const leave = await writer.leave(self);
    expect(toHex(announce)).to.equal(ANNOUNCE_HEX);
    expect(toHex(leave)).to.equal(LEAVE_HEX);
    const gate = new SignalGate({ ...ctx, selfId: 'someone-else-1' });
    expect((await gate.accept(topic, announce)).kind).to.equal('announce');
    expect((await gate.accept(topic, leave)).kind).to.equal('leave');
  });
});
