import { expect } from '@open-wc/testing';
import { Identity } from '../../../src/core/identity/identity.js';
import type { TrustStatus } from '../../../src/core/peer/peer.js';
import { PeerLink, type PeerConfig, type PeerHandlers } from '../../../src/core/peer/peer-link.js';
import type { VerificationFailure } from '../../../src/core/peer/verification.js';
import { compactSdp } from '../../../src/core/signaling/compact-sdp.js';
import { toBase64Url } from '../../../src/core/util/bytes.js';

// Channel-bound verification between real RTCPeerConnections in this page. The test is
// the signaling path here, so it can play the man in the middle that signed signaling
// normally rules out: the proof must catch it on its own.

const ROOM = 'rtchat/v1/verification-test';

interface Outcome {
  verified: boolean;
  failure: VerificationFailure | null;
  closed: string | null;
}

function host(signer: Identity, timeoutMs = 8000) {
  let settle!: (o: Outcome) => void;
  const outcome: Outcome = { verified: false, failure: null, closed: null };
  const chats: string[] = [];
  const config: PeerConfig = {
    roomTopic: ROOM,
    signer,
    iceServers: [],
    iceGatheringTimeoutMs: 2000,
    verificationTimeoutMs: timeoutMs,
    handshakeTimeoutMs: 15_000,
    maxFileBytes: 0,
  };
  const handlers: PeerHandlers = {
    stateChanged() {},
    opened() {},
    judge: async () => ({ trust: 'pinned' as TrustStatus, warning: null, safetyCode: '1' }),
    verified() {
      outcome.verified = true;
      settle(outcome);
    },
    failed(_p, reason) {
      outcome.failure = reason;
    },
    closed(_p, reason) {
      outcome.closed = reason;
      settle(outcome);
    },
    message(_p, m) {
      if (m.t === 'chat') chats.push(m.text);
    },
    question: async () => null,
    drop() {},
    pathLost() {},
    sendDirect: () => 'unused',
  };
  return { outcome, chats, config, handlers, done: new Promise<Outcome>((r) => (settle = r)) };
}

/** The peer under test, as the client makes it. */
const peer = (h: ReturnType<typeof host>, id: string, from: ReturnType<typeof info>, role: 'offerer' | 'answerer') => new PeerLink(h.config, h.handlers, id, from, role);

const info = (identity: Identity, name: string) => ({ publicKey: identity.publicKey, tab: 1, session: 1, name, sealKey: new Uint8Array(32) });

const decode = (bytes: Uint8Array) => compactSdp.decode(bytes);

/** A raw endpoint with the same negotiated channel our peers use. */
async function rawEndpoint() {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const channel = pc.createDataChannel('rtchat', { negotiated: true, id: 0, ordered: true });
  return { pc, channel };
}

async function gathered(pc: RTCPeerConnection) {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((r) => pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r()));
}

/** Answers a compact offer from a raw endpoint; returns the compact answer. */
async function rawAnswer(pc: RTCPeerConnection, offer: Uint8Array) {
  await pc.setRemoteDescription({ type: 'offer', sdp: compactSdp.format(compactSdp.decode(offer)) });
  await pc.setLocalDescription();
  await gathered(pc);
  return compactSdp.encode(compactSdp.parse('answer', pc.localDescription!.sdp));
}

/** Offers from a raw endpoint; returns the compact offer. */
async function rawOffer(pc: RTCPeerConnection) {
  await pc.setLocalDescription();
  await gathered(pc);
  return compactSdp.encode(compactSdp.parse('offer', pc.localDescription!.sdp));
}

describe('channel-bound verification', function () {
  this.timeout(20_000);
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((f) => f()));

  it('verifies an honest pair', async () => {
    const [ka, kb] = [await Identity.ephemeral(), await Identity.ephemeral()];
    const [ha, hb] = [host(ka), host(kb)];
    const a = peer(ha, 'b', info(kb, 'Bob'), 'offerer');
    const b = peer(hb, 'a', info(ka, 'Alice'), 'answerer');
    cleanup.push(
      () => a.shutdown('closed'),
      () => b.shutdown('closed'),
    );
    await a.acceptAnswer(decode(await b.createAnswer(decode(await a.createOffer()))));
    const [oa, ob] = await Promise.all([ha.done, hb.done]);
    expect(oa).to.deep.equal({ verified: true, failure: null, closed: null });
    expect(ob).to.deep.equal({ verified: true, failure: null, closed: null });
    expect(a.state).to.equal('verified');
  });

  it('fails both sides with channel-mismatch when a relay substitutes its own SDP and forwards the proofs', async () => {
    const [ka, kb] = [await Identity.ephemeral(), await Identity.ephemeral()];
    const [ha, hb] = [host(ka), host(kb)];
    // Each side believes it talks to the other's key (signaling as the keys' owners signed it).
    const a = peer(ha, 'b', info(kb, 'Bob'), 'offerer');
    const b = peer(hb, 'a', info(ka, 'Alice'), 'answerer');
    // The relay: one leg answers Alice, the other offers to Bob; frames cross over untouched.
    const toA = await rawEndpoint();
    const toB = await rawEndpoint();
    cleanup.push(
      () => a.shutdown('closed'),
      () => b.shutdown('closed'),
      () => toA.pc.close(),
      () => toB.pc.close(),
    );
    const relayed: string[] = [];
    // A leg that is not open yet holds the frames for it, so nothing is lost in the relay.
    const forward = (to: RTCDataChannel, held: string[]) => (data: string) => (to.readyState === 'open' ? to.send(data) : held.push(data));
    const [heldForA, heldForB]: string[][] = [[], []];
    const sendToA = forward(toA.channel, heldForA);
    const sendToB = forward(toB.channel, heldForB);
    toA.channel.onmessage = (e) => (relayed.push(`A→B ${JSON.parse(e.data).t}`), sendToB(e.data));
    toB.channel.onmessage = (e) => (relayed.push(`B→A ${JSON.parse(e.data).t}`), sendToA(e.data));
    const bOpen = new Promise((r) => (toB.channel.onopen = () => (heldForB.splice(0).forEach((d) => toB.channel.send(d)), r(null))));
    const aOpen = new Promise((r) => (toA.channel.onopen = () => (heldForA.splice(0).forEach((d) => toA.channel.send(d)), r(null))));

    const offerFromA = await a.createOffer();
    const relayOfferToB = await rawOffer(toB.pc);
    const answerFromB = await b.createAnswer(decode(relayOfferToB));
    await toB.pc.setRemoteDescription({ type: 'answer', sdp: compactSdp.format(compactSdp.decode(answerFromB)) });
    await bOpen;
    await a.acceptAnswer(decode(await rawAnswer(toA.pc, offerFromA)));
    await aOpen;

    const [oa, ob] = await Promise.all([ha.done, hb.done]);
    expect(oa.failure, 'Alice').to.equal('channel-mismatch');
    expect(ob.failure, 'Bob').to.equal('channel-mismatch');
    expect(oa.verified || ob.verified).to.be.false;
    expect(a.state).to.equal('failed');
    expect(b.state).to.equal('failed');
    // The relay really did forward both proofs.
    expect(relayed).to.include.members(['A→B proof', 'B→A proof']);
  });

  it('fails with timeout when the peer never answers the challenge', async () => {
    const [ka, kb] = [await Identity.ephemeral(), await Identity.ephemeral()];
    const ha = host(ka, 1500);
    const a = peer(ha, 'b', info(kb, 'Silent'), 'offerer');
    const silent = await rawEndpoint();
    cleanup.push(
      () => a.shutdown('closed'),
      () => silent.pc.close(),
    );
    await a.acceptAnswer(decode(await rawAnswer(silent.pc, await a.createOffer())));
    const o = await ha.done;
    expect(o.failure).to.equal('timeout');
    expect(o.closed).to.equal('failed');
  });

  for (const [what, tamper, reason] of [
    ['a proof signed by another key', 'key', 'key-mismatch'],
    ['a proof with a broken signature', 'sig', 'bad-signature'],
  ] as const) {
    it(`fails with ${reason} on ${what}`, async () => {
      const [ka, kb, kc] = [await Identity.ephemeral(), await Identity.ephemeral(), await Identity.ephemeral()];
      const ha = host(ka);
      const a = peer(ha, 'b', info(kb, 'Bob'), 'offerer');
      const evil = await rawEndpoint();
      cleanup.push(
        () => a.shutdown('closed'),
        () => evil.pc.close(),
      );
      evil.channel.onmessage = async (e) => {
        const f = JSON.parse(e.data);
        if (f.t !== 'hello') return;
        evil.channel.send(JSON.stringify({ t: 'hello', nonce: toBase64Url(crypto.getRandomValues(new Uint8Array(32))) }));
        const signer = tamper === 'key' ? kc : kb;
        const sig = await signer.sign(new Uint8Array([1, 2, 3]));
        evil.channel.send(
          JSON.stringify({ t: 'proof', key: toBase64Url(signer.publicKey), own: toBase64Url(new Uint8Array(32)), other: toBase64Url(new Uint8Array(32)), sig: toBase64Url(sig) }),
        );
      };
      await a.acceptAnswer(decode(await rawAnswer(evil.pc, await a.createOffer())));
      expect((await ha.done).failure).to.equal(reason);
    });
  }

  it('delivers no chat from a peer before it is verified', async () => {
    const [ka, kb] = [await Identity.ephemeral(), await Identity.ephemeral()];
    const ha = host(ka, 1500);
    const chats = ha.chats;
    const a = peer(ha, 'b', info(kb, 'Pushy'), 'offerer');
    const pushy = await rawEndpoint();
    cleanup.push(
      () => a.shutdown('closed'),
      () => pushy.pc.close(),
    );
    pushy.channel.onopen = () => pushy.channel.send(JSON.stringify({ t: 'chat', id: 'x1', text: 'let me in', ts: Date.now() }));
    await a.acceptAnswer(decode(await rawAnswer(pushy.pc, await a.createOffer())));
    await ha.done;
    expect(chats).to.deep.equal([]);
  });
});
