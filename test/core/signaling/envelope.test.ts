import { expect } from '@open-wc/testing';
import { Identity } from '../../../src/core/identity/identity.js';
import { SignalGate, SignalRejected, SignalWriter, type EnvelopeContext } from '../../../src/core/signaling/envelope.js';
import { peerIdOf, type SenderInfo } from '../../../src/core/signaling/messages.js';
import { deriveRoom, inboxTopic } from '../../../src/core/signaling/room.js';
import { SealKeys } from '../../../src/core/signaling/seal-keys.js';

// The signaling gate on its own, with real WebCrypto and real signatures.

async function party(roomTopic: string, roomKey: CryptoKey | null, name: string, skewNow?: () => number) {
  const identity = await Identity.ephemeral();
  const sealKeys = await SealKeys.generate(roomTopic);
  const self: SenderInfo = { publicKey: identity.publicKey, tab: 1, session: Math.floor(Math.random() * 2 ** 32), name, sealKey: sealKeys.publicKey };
  const ctx: EnvelopeContext = { roomTopic, selfId: peerIdOf(self.publicKey, 1), roomKey, sealKeys, signer: identity, now: skewNow };
  return { self, id: ctx.selfId, writer: new SignalWriter(ctx), gate: new SignalGate(ctx) };
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SignalRejected) return e.reason;
    throw e;
  }
  throw new Error('accepted');
}

describe('signaling envelope and gate', () => {
  it('round-trips an announce and a sealed offer, and only the recipient can open the offer', async () => {
    const { topic } = await deriveRoom({ origin: 'https://a.example', path: '/', room: 'x' });
    const alice = await party(topic, null, 'Alice');
    const bob = await party(topic, null, 'Bob');
    const eve = await party(topic, null, 'Eve');
    const announce = await alice.writer.announce(alice.self);
    const seen = await bob.gate.accept(topic, announce);
    expect(seen.kind).to.equal('announce');
    if (seen.kind !== 'announce') return;
    expect(seen.from.name).to.equal('Alice');
    expect(seen.from.publicKey).to.deep.equal(alice.self.publicKey);

    const sdp = new Uint8Array([1, 2, 3, 4, 5]);
    const offer = await alice.writer.direct('offer', alice.self, { id: bob.id, sealKey: bob.self.sealKey, session: bob.self.session }, sdp);
    expect(offer.topic).to.equal(inboxTopic(topic, bob.id));
    // The inbox topic does not show the recipient's key prefix (its peer id).
    expect(offer.topic).to.not.contain(bob.id.split('-')[0]);
    const got = await bob.gate.accept(offer.topic, offer.payload);
    expect(got.kind).to.equal('offer');
    if (got.kind !== 'offer') return;
    expect(got.sdp).to.deep.equal(sdp);
    expect(got.toSession).to.equal(bob.self.session);
    // Eve subscribed to Bob's inbox learns nothing: not hers to open (and not her topic).
    expect(await rejection(eve.gate.accept(offer.topic, offer.payload))).to.equal('wrong-topic');
    // Even when the bytes are moved to her own inbox, they are not sealed to her.
    expect(await rejection(eve.gate.accept(inboxTopic(topic, eve.id), offer.payload))).to.equal('undecryptable');
    // The candidates never appear in clear on the wire.
    expect(offer.payload.length).to.be.greaterThan(sdp.length + 32 + 28 + 64);
  });

  it('drops a replayed message and a message moved to another room', async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'one' });
    const { topic: other } = await deriveRoom({ origin: 'o', path: '/', room: 'two' });
    const alice = await party(topic, null, 'Alice');
    const bob = await party(topic, null, 'Bob');
    const bobElsewhere = await party(other, null, 'Bob');
    const announce = await alice.writer.announce(alice.self);
    await bob.gate.accept(topic, announce);
    expect(await rejection(bob.gate.accept(topic, announce))).to.equal('replay');
    // The signature covers the topic: replaying into another room fails.
    expect(await rejection(bobElsewhere.gate.accept(other, announce))).to.equal('bad-signature');
  });

  it('drops stale and future-dated messages', async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'clock' });
    const bob = await party(topic, null, 'Bob');
    const past = await party(topic, null, 'Past', () => Date.now() - 6 * 60_000);
    const future = await party(topic, null, 'Future', () => Date.now() + 6 * 60_000);
    const near = await party(topic, null, 'Near', () => Date.now() - 60_000);
    expect(await rejection(bob.gate.accept(topic, await past.writer.announce(past.self)))).to.equal('stale');
    expect(await rejection(bob.gate.accept(topic, await future.writer.announce(future.self)))).to.equal('stale');
    expect((await bob.gate.accept(topic, await near.writer.announce(near.self))).kind).to.equal('announce');
  });

  it('in a secret room, reads nothing without the secret and accepts with it', async () => {
    const spec = { origin: 'o', path: '/', room: 'hidden' };
    const right = await deriveRoom({ ...spec, secret: 'open sesame' });
    const wrong = await deriveRoom({ ...spec, secret: 'open says me' });
    const open = await deriveRoom(spec);
    expect(right.topic).to.not.equal(wrong.topic);
    expect(right.topic).to.not.equal(open.topic);
    const alice = await party(right.topic, right.key, 'Alice');
    const bob = await party(right.topic, right.key, 'Bob');
    const eve = await party(right.topic, wrong.key, 'Eve');
    const plainEve = await party(right.topic, null, 'Eve');
    const announce = await alice.writer.announce(alice.self);
    // No name, no key in the clear.
    expect(new TextDecoder().decode(announce)).to.not.contain('Alice');
    expect((await bob.gate.accept(right.topic, announce)).kind).to.equal('announce');
    expect(await rejection(eve.gate.accept(right.topic, announce))).to.equal('undecryptable');
    expect(await rejection(plainEve.gate.accept(right.topic, announce))).to.equal('undecryptable');
  });

  it('never throws anything but SignalRejected, whatever the bytes', async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'fuzz' });
    const alice = await party(topic, null, 'Alice');
    const bob = await party(topic, null, 'Bob');
    const valid = await alice.writer.announce(alice.self);
    for (let i = 0; i < 400; i++) {
      const bytes = i % 2 ? crypto.getRandomValues(new Uint8Array(i % 300)) : valid.slice();
      if (i % 2 === 0) bytes[i % bytes.length] ^= 1 + (i % 255);
      await rejection(bob.gate.accept(topic, bytes));
    }
  });
});
