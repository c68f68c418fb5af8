import { expect } from '@open-wc/testing';
import * as ed from '@noble/ed25519';
import { fingerprint, messageBytes, signMessage, verifyMessage, type SignedMessage } from '../../../src/core/history/signed-message.js';
import { fromHex, toHex } from '../../../src/core/util/bytes.js';

// The bytes an author signs (docs/protocol.md, "Shared history"), with the test vector
// printed there: a fixed key, so the signature is fixed too (Ed25519 is deterministic).

const SECRET = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'); // RFC 8032 test 1
const signer = {
  publicKey: fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
  sign: (m: Uint8Array) => ed.signAsync(m, SECRET),
};
const vector: SignedMessage = { room: 'room-topic', author: signer.publicKey, name: 'Alice', id: 'm1', ts: 1_700_000_000_000, text: 'hello', noForward: false };

describe('author signatures of room messages', () => {
  it('signs exactly the documented bytes (test vector)', async () => {
    expect(toHex(messageBytes(vector))).to.equal(
      '72746368' +
        '61742d6d73672f31' +
        '0a' +
        '726f6f6d2d746f706963' +
        toHex(signer.publicKey) +
        '05' +
        '416c696365' +
        '02' +
        '6d31' +
        '018bcfe56800' +
        '00' +
        '0005' +
        '68656c6c6f',
    );
    const sig = await signMessage(signer, vector);
    expect(sig).to.equal(VECTOR_SIG);
    expect(await verifyMessage(vector, sig)).to.be.true;
  });

  it('fails for any change of room, author, name, id, time, flag or text', async () => {
    const sig = await signMessage(signer, vector);
    const other = (await ed.getPublicKeyAsync(ed.utils.randomSecretKey())) as Uint8Array;
    const changes: Partial<SignedMessage>[] = [
      { room: 'other-room' },
      { author: other },
      { name: 'Alicf' },
      { id: 'm2' },
      { ts: vector.ts + 1 },
      { noForward: true },
      { text: 'hellO' },
    ];
    for (const change of changes) expect(await verifyMessage({ ...vector, ...change }, sig), JSON.stringify(Object.keys(change))).to.be.false;
  });

  it('answers false, never throws, for a malformed signature or an oversized field', async () => {
    expect(await verifyMessage(vector, 'not base64!')).to.be.false;
    expect(await verifyMessage(vector, 'A'.repeat(86))).to.be.false;
    expect(await verifyMessage({ ...vector, name: 'x'.repeat(300) }, await signMessage(signer, vector))).to.be.false;
  });

  it('names a message by author and id: another author reusing the id gets another fingerprint', async () => {
    const other = (await ed.getPublicKeyAsync(ed.utils.randomSecretKey())) as Uint8Array;
    expect(fingerprint(signer.publicKey, 'm1')).to.have.length(8);
    expect(toHex(fingerprint(signer.publicKey, 'm1'))).to.equal(VECTOR_FINGERPRINT);
    expect(toHex(fingerprint(other, 'm1'))).not.to.equal(VECTOR_FINGERPRINT);
    expect(toHex(fingerprint(signer.publicKey, 'm2'))).not.to.equal(VECTOR_FINGERPRINT);
  });
});

// The vector in docs/protocol.md (computed independently with Node and @noble/ed25519).
const VECTOR_SIG = 'vQ8mLcFfp5shQRoux0EfpckZyjOg3zwm5ClDXEbYpG2TfQsY2KVWs4Ts9HmT6UhIfLOcxQKLgD6ScM3Fii2cDQ';
const VECTOR_FINGERPRINT = 'd3c05770661a10f9';
