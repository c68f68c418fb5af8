import { expect } from '@open-wc/testing';
import mqtt from 'mqtt';
import { MQTT_URL } from 'virtual:mqtt-config';
import { Identity } from '../../../src/core/identity/identity.js';
import { SignalWriter } from '../../../src/core/signaling/envelope.js';
import { SealKeys } from '../../../src/core/signaling/seal-keys.js';
import { LIMITS, peerIdOf, type SenderInfo } from '../../../src/core/signaling/messages.js';
import { inboxTopic } from '../../../src/core/signaling/room.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';
import { count, startRecorded, type Recorded } from '../../harness/recorder.js';

// Hostile signaling injected straight into a real broker by a raw MQTT client: every
// payload is dropped with a reason, nothing throws, and an honest peer still connects.
describe('signaling gate against hostile input', function () {
  this.timeout(30_000);
  let a: Recorded | undefined;
  let raw: mqtt.MqttClient | undefined;
  afterEach(async () => {
    await a?.client.disconnect();
    raw?.end(true);
    await closePeers();
  });

  async function forger(roomTopic: string, name = 'Mallory') {
    const identity = await Identity.ephemeral();
    const sealKeys = await SealKeys.generate(roomTopic);
    const self: SenderInfo = { publicKey: identity.publicKey, tab: 1, session: 7, name, sealKey: sealKeys.publicKey };
    const writer = new SignalWriter({ roomTopic, selfId: peerIdOf(self.publicKey, 1), roomKey: null, sealKeys, signer: identity });
    return { identity, self, writer };
  }

  it('drops garbage, unsigned, forged, replayed, stale and oversized messages, then connects an honest peer', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in e ? e.reason : e.error);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);

    const topic = `hostile-${crypto.randomUUID()}`;
    a = await startRecorded({ topic, brokers: [MQTT_URL], iceServers: [], autoAccept: 'all', storage: `rtchat-test-${crypto.randomUUID()}:` });
    const room = a.client.roomTopic!;
    const inbox = inboxTopic(room, a.client.id!);
    raw = mqtt.connect(MQTT_URL);
    await new Promise((r) => raw!.on('connect', r));
    const send = (t: string, bytes: Uint8Array | string) => raw!.publishAsync(t, typeof bytes === 'string' ? bytes : (bytes as any));

    const m = await forger(room);
    const honest = await m.writer.announce(m.self);
    // 1. not our format at all
    await send(room, 'hello, not binary');
    await send(room, JSON.stringify({ type: 'offer', sdp: 'v=0' }));
    await send(room, new Uint8Array([1]));
    // 2. unknown version, unknown kind, truncated
    await send(room, Uint8Array.of(0x09, ...honest.subarray(1)));
    await send(room, Uint8Array.of(0x01, 0x7f, ...honest.subarray(2)));
    await send(room, honest.subarray(0, 60));
    // 3. unsigned (zero signature) and forged (another key's bytes put in)
    const unsigned = honest.slice();
    unsigned.fill(0, unsigned.length - 64);
    await send(room, unsigned);
    const forged = honest.slice();
    const victim = await Identity.ephemeral();
    forged.set(victim.publicKey, 2 + 6 + 4 + 4 + 1);
    await send(room, forged);
    // 4. an offer on the room topic and an announce in an inbox
    await send(inbox, honest);
    // 5. too large: one byte over the signaling limit (2 KiB; within the maximum packet size, so
    //    every broker delivers it and the transport drops it), and 20 KB (an MQTT 5 broker
    //    drops that for us; over MQTT 3.1.1 the transport does)
    await send(room, new Uint8Array(LIMITS.payloadBytes + 1));
    await send(room, new Uint8Array(20_000));
    // 6. stale: signed with a clock 10 minutes behind
    const late = await forger(room, 'Late');
    const stale = await new SignalWriter({
      roomTopic: room,
      selfId: 'x-1',
      roomKey: null,
      sealKeys: await SealKeys.generate(room),
      signer: late.identity,
      now: () => Date.now() - 10 * 60_000,
    }).announce(late.self);
    await send(room, stale);
    // 7. a valid announce, then the same bytes again (the transport's de-duplication or the
    //    gate's replay check drops the copy: see envelope.test.ts for the gate on its own)
    await send(room, honest);
    await send(room, honest);

    const reasons = () => new Set(a!.seen.filter((s) => s.type === 'drop').map((s) => s.reason));
    await a.until(() => ['malformed', 'unknown-version', 'bad-signature', 'wrong-topic', 'too-large', 'stale'].every((r) => reasons().has(r)) && count(a!.seen, 'peerseen') > 0);
    expect(a.seen.filter((s) => s.type === 'peerseen').map((s) => s.name)).to.deep.equal(['Mallory']);
    // 8. 1 MB, last: an MQTT 5 broker (mosquitto) drops it for us, over MQTT 3.1.1 (aedes) the
    //    transport drops it unread (reported once with the other too-large drops); either way
    //    the honest peer below must still connect (docs/reliability.md, "One large publish").
    await send(room, new Uint8Array(1024 * 1024));

    // An honest peer still connects and verifies.
    const page = await openPeer('new-context');
    const b = await peerEval(
      page,
      async (o) => {
        const h = (window as any).harness;
        h.clients.b = await h.startRecorded(o);
        return h.clients.b.client.id as string;
      },
      { topic, brokers: [MQTT_URL], iceServers: [], autoAccept: 'all' as const, storage: `rtchat-test-${crypto.randomUUID()}:`, name: 'Honest' },
    );
    await a.until((s) => count(s, 'verified', b) === 1);
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    expect(errors).to.deep.equal([]);
  });

  it('reports a flooding sender once and stays usable', async () => {
    const topic = `flood-${crypto.randomUUID()}`;
    a = await startRecorded({ topic, brokers: [MQTT_URL], iceServers: [], autoAccept: 'all', storage: `rtchat-test-${crypto.randomUUID()}:` });
    const room = a.client.roomTopic!;
    raw = mqtt.connect(MQTT_URL);
    await new Promise((r) => raw!.on('connect', r));
    const m = await forger(room, 'Flood');
    const payloads = await Promise.all(Array.from({ length: 300 }, () => m.writer.announce(m.self)));
    for (const p of payloads) raw.publish(room, p as any);
    await a.until((s) => s.some((x) => x.type === 'drop' && x.reason === 'rate-limited'));
    await new Promise((r) => setTimeout(r, 500));
    // Once for the sender (its share, charged after its signature held), and at most once
    // for the room topic's budget that the rest of the flood ran into.
    const limited = a.seen.filter((s) => s.type === 'drop' && s.reason === 'rate-limited');
    expect(limited.filter((s) => s.text!.includes('one sender'))).to.have.length(1);
    expect(limited.length).to.be.at.most(2);
    expect(count(a.seen, 'peerseen')).to.equal(1);
  });

  it('keeps at most 64 unverified peers when fresh keys flood the room, evicting the oldest that got least far', async () => {
    const topic = `freshkeys-${crypto.randomUUID()}`;
    a = await startRecorded({ topic, brokers: [MQTT_URL], iceServers: [], storage: `rtchat-test-${crypto.randomUUID()}:` }, 'ignore');
    const room = a.client.roomTopic!;
    raw = mqtt.connect(MQTT_URL);
    await new Promise((r) => raw!.on('connect', r));
    const names: string[] = [];
    for (let i = 0; i < 100; i++) {
      const m = await forger(room, `Key${i}`);
      names.push(`Key${i}`);
      raw.publish(room, (await m.writer.announce(m.self)) as any);
    }
    await a.until((s) => s.some((x) => x.type === 'drop' && x.reason === 'evicted'));
    // Requests appear after the crossing wait for half of them: give them a moment.
    const end = Date.now() + 15_000;
    while (Date.now() < end && a.client.peers.some((p) => p.name === 'Key99') === false) await new Promise((r) => setTimeout(r, 50));
    while (Date.now() < end && a.client.requests.length < 64) await new Promise((r) => setTimeout(r, 50));
    expect(a.client.peers.length).to.equal(64);
    expect(a.client.requests.length).to.equal(64);
    // The newest are the ones kept: none got further than the others, so the oldest made room.
    expect(a.client.peers.map((p) => p.name).sort()).to.deep.equal(names.slice(36).sort());
  });
});
