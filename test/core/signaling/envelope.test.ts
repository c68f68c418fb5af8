import { expect } from '@open-wc/testing';
import { offerWithoutCandidates } from '../../harness/attacker.js';
import { Identity } from '../../../src/core/identity/identity.js';
import { SignalGate, SignalRejected, SignalWriter, type EnvelopeContext } from '../../../src/core/signaling/envelope.js';
import { KNOWN_SENDER, Kind, peerIdOf, SEAL_KEY_ID_BYTES, type SenderInfo } from '../../../src/core/signaling/messages.js';
import { equalBytes } from '../../../src/core/util/bytes.js';
import { compactSdp } from '../../../src/core/signaling/compact-sdp.js';
import { deriveRoom, inboxTopic } from '../../../src/core/signaling/room.js';
import { SealKeys } from '../../../src/core/signaling/seal-keys.js';

// The signaling gate on its own, with real WebCrypto and real signatures.

async function party(roomTopic: string, roomKey: CryptoKey | null, name: string, skewNow?: () => number, extra: Partial<EnvelopeContext> = {}) {
  const identity = await Identity.ephemeral();
  const sealKeys = await SealKeys.generate(roomTopic);
  const self: SenderInfo = { publicKey: identity.publicKey, tab: 1, session: Math.floor(Math.random() * 2 ** 32), name, sealKey: sealKeys.publicKey };
  const ctx: EnvelopeContext = { roomTopic, selfId: peerIdOf(self.publicKey, 1), roomKey, sealKeys, signer: identity, now: skewNow, ...extra };
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

    const sdp = await offerWithoutCandidates();
    const offer = await alice.writer.direct('offer', alice.self, { id: bob.id, sealKey: bob.self.sealKey, session: bob.self.session }, sdp);
    expect(offer.topic).to.equal(inboxTopic(topic, bob.id));
    // The inbox topic does not show the recipient's key prefix (its peer id).
    expect(offer.topic).to.not.contain(bob.id.slice(0, bob.id.lastIndexOf('-'))); // the key part (base64url may itself contain '-')
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

  it('decodes the SDP in the gate: a signed offer with junk SDP, or an answer carrying an offer, is dropped as malformed before its signature is checked', async () => {
    const { topic } = await deriveRoom({ origin: 'https://a.example', path: '/', room: 'sdp' });
    const mallory = await party(topic, null, 'Mallory');
    // Bob holds Mallory (an answer comes from someone we offered to: its short form names her by her seal key).
    const bob = await party(topic, null, 'Bob', undefined, { senderBySealKeyId: (id) => (equalBytes(mallory.self.sealKey.subarray(0, id.length), id) ? mallory.self : undefined) });
    const to = { id: bob.id, sealKey: bob.self.sealKey, session: bob.self.session };
    const checks = bob.gate.signatureChecks;
    const junk = await mallory.writer.direct('offer', mallory.self, to, crypto.getRandomValues(new Uint8Array(200)));
    expect(await rejection(bob.gate.accept(junk.topic, junk.payload))).to.equal('malformed');
    const swapped = await mallory.writer.direct('answer', mallory.self, to, await offerWithoutCandidates());
    expect(await rejection(bob.gate.accept(swapped.topic, swapped.payload))).to.equal('malformed');
    expect(bob.gate.signatureChecks, 'no signature was checked for either').to.equal(checks);
    // The same sender with a real offer still gets through: nothing was charged to it.
    const honest = await mallory.writer.direct('offer', mallory.self, to, await offerWithoutCandidates());
    const got = await bob.gate.accept(honest.topic, honest.payload);
    expect(got.kind === 'offer' && got.description?.type).to.equal('offer');
  });

  it('an answer goes in the short form, which only the offerer that holds its sender can read', async () => {
    const { topic } = await deriveRoom({ origin: 'https://a.example', path: '/', room: 'short' });
    const alice = await party(topic, null, 'Alice');
    const holds = (who: SenderInfo[]) => (id: Uint8Array) => who.find((p) => equalBytes(p.sealKey.subarray(0, id.length), id));
    // Bob offered to Alice, so he holds her (from her announce); Carol never heard of her.
    const bob = await party(topic, null, 'Bob', undefined, { senderBySealKeyId: holds([alice.self]) });
    const carol = await party(topic, null, 'Carol', undefined, { senderBySealKeyId: holds([]) });
    const sdp = await offerWithoutCandidates();
    // An answer's description: the offer's facts with an answerer's DTLS role.
    const answerSdp = compactSdp.encode({ ...compactSdp.decode(sdp), type: 'answer', setup: 'active' });
    const answer = await alice.writer.direct('answer', alice.self, { id: bob.id, sealKey: bob.self.sealKey, session: bob.self.session }, answerSdp);
    expect(answer.payload[1]).to.equal(Kind.answer | KNOWN_SENDER);
    // version, kind | seal key id | AES-GCM nonce and tag | ts, nonce, toSession | sdp length, sdp | signature: no Ed25519 key, session, tab or name.
    expect(answer.payload.length).to.equal(2 + SEAL_KEY_ID_BYTES + 28 + 6 + 4 + 4 + 2 + answerSdp.length + 64);
    const offer = await alice.writer.direct('offer', alice.self, { id: bob.id, sealKey: bob.self.sealKey, session: bob.self.session }, sdp);
    expect(offer.payload.length - sdp.length - (answer.payload.length - answerSdp.length), 'bytes saved').to.equal(32 - SEAL_KEY_ID_BYTES + 4 + 1 + 32 + 1 + 'Alice'.length);
    const got = await bob.gate.accept(answer.topic, answer.payload);
    expect(got.kind).to.equal('answer');
    if (got.kind !== 'answer') return;
    expect(got.from).to.deep.equal(alice.self);
    expect(got.description?.type).to.equal('answer');
    // A gate that does not hold the sender drops it before any key agreement or signature.
    const carolsInbox = inboxTopic(topic, carol.id);
    const checks = carol.gate.signatureChecks;
    expect(await rejection(carol.gate.accept(carolsInbox, answer.payload))).to.equal('undecryptable');
    expect(carol.gate.signatureChecks).to.equal(checks);
    // The kind byte is bound to the seal: the same bytes read as a full-form answer do not open.
    const fullKind = answer.payload.slice();
    fullKind[1] = Kind.answer;
    expect(await rejection(bob.gate.accept(answer.topic, fullKind))).to.be.oneOf(['malformed', 'undecryptable']);
    // Only an answer has a short form.
    const shortOffer = offer.payload.slice();
    shortOffer[1] = Kind.offer | KNOWN_SENDER;
    expect(await rejection(bob.gate.accept(offer.topic, shortOffer))).to.equal('malformed');
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

  it('drops junk with the free checks: thousands of junk payloads leave the budget to an honest stranger', async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'junk' });
    const alice = await party(topic, null, 'Alice');
    const bob = await party(topic, null, 'Bob');
    const valid = await alice.writer.announce(alice.self);
    const reasons = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const junk =
        i % 3 === 0
          ? crypto.getRandomValues(new Uint8Array(10))
          : i % 3 === 1
            ? Uint8Array.of(1, 1, ...crypto.getRandomValues(new Uint8Array(40)))
            : Uint8Array.of(1, 9, ...valid.subarray(2));
      const r = await rejection(bob.gate.accept(topic, junk));
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    // Only the free checks answered: none of it reached a budget (no 'rate-limited'). Random
    // bytes sometimes name a real version and a sealed kind, which is 'wrong-topic' on the
    // room topic: a free check too.
    for (const r of reasons.keys()) expect(['malformed', 'unknown-version', 'undecryptable', 'wrong-topic']).to.include(r);
    expect(reasons.get('rate-limited')).to.equal(undefined);
    expect((await bob.gate.accept(topic, valid)).kind).to.equal('announce');
  });

  it('drops stale and repeated copies before any signature check, and our own echo for free', async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'cheap' });
    const alice = await party(topic, null, 'Alice');
    let checks = 0;
    const bob = await party(topic, null, 'Bob', undefined, { knownKey: () => (checks++, false) });
    const valid = await alice.writer.announce(alice.self);
    await bob.gate.accept(topic, valid);
    expect(checks).to.equal(1);
    // The same bytes again, and a copy with a forged (different) signature: no budget asked.
    expect(await rejection(bob.gate.accept(topic, valid))).to.equal('replay');
    const stale = await party(topic, null, 'Old', () => Date.now() - 10 * 60_000);
    expect(await rejection(bob.gate.accept(topic, await stale.writer.announce(stale.self)))).to.equal('stale');
    expect(await rejection(bob.gate.accept(topic, await bob.writer.announce(bob.self)))).to.equal('own');
    expect(checks).to.equal(1);
  });

  it('charges a sender only once its signature holds: forgeries claiming its key cannot use up its share', async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'spoof' });
    const alice = await party(topic, null, 'Alice');
    const bob = await party(topic, null, 'Bob', undefined, { knownKey: (k) => k.every((b, i) => b === alice.self.publicKey[i]) });
    for (let i = 0; i < 60; i++) {
      const forged = await alice.writer.announce(alice.self);
      forged[forged.length - 1 - (i % 64)] ^= 1 + (i % 200);
      expect(await rejection(bob.gate.accept(topic, forged))).to.equal('bad-signature');
    }
    // Alice herself: her own 20-message burst is all hers; past it, her own share runs out
    // (refilling at 5 a second, so a slow machine may let one or two more through).
    for (let i = 0; i < 20; i++) expect((await bob.gate.accept(topic, await alice.writer.announce(alice.self))).kind).to.equal('announce');
    const more = await Promise.all(Array.from({ length: 10 }, async () => rejection(bob.gate.accept(topic, await alice.writer.announce(alice.self))).catch(() => 'accepted')));
    expect(more.filter((r) => r === 'rate-limited').length).to.be.at.least(5);
  });

  it('keeps a stranger lane open while known senders flood theirs, and the other way round', async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'lanes' });
    const members = await Promise.all(Array.from({ length: 8 }, (_, i) => party(topic, null, `M${i}`)));
    const isMember = (k: Uint8Array) => members.some((m) => m.self.publicKey.every((b, i) => b === k[i]));
    const bob = await party(topic, null, 'Bob', undefined, { knownKey: isMember });
    // Strangers flood: 200 fresh keys, far over the strangers' burst.
    let limited = 0;
    for (let i = 0; i < 200; i++) {
      const s = await party(topic, null, `s${i}`);
      const outcome = await bob.gate.accept(topic, await s.writer.announce(s.self)).then(
        () => 'accepted',
        (e: SignalRejected) => e.reason,
      );
      if (outcome === 'rate-limited') limited++;
    }
    expect(limited).to.be.greaterThan(0);
    // The members still get through on their own lane.
    for (const m of members) expect((await bob.gate.accept(topic, await m.writer.announce(m.self))).kind).to.equal('announce');
  });

  it('binds a leave (the MQTT will) to the time it was signed: a copy replayed later is stale', async () => {
    const { topic } = await deriveRoom({ origin: 'o', path: '/', room: 'will' });
    let now = Date.now();
    const alice = await party(topic, null, 'Alice', () => now);
    const bob = await party(topic, null, 'Bob', () => now);
    const will = await alice.writer.leave(alice.self);
    const copy = will.slice();
    expect((await bob.gate.accept(topic, will)).kind).to.equal('leave');
    expect(await rejection(bob.gate.accept(topic, copy))).to.equal('replay');
    // Seen once when one of Alice's broker connections dropped; replayed 6 minutes later,
    // after the replay cache could have forgotten it, it is too old to end her session.
    now += 6 * 60_000;
    const later = await party(topic, null, 'Carol', () => now);
    expect(await rejection(later.gate.accept(topic, copy))).to.equal('stale');
  });
});
