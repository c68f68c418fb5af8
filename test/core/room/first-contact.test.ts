import { expect } from '@open-wc/testing';
import { fromBase64Url, type RTChatClientOptions } from '../../../src/index.js';
import { throwaway } from '../../harness/attacker.js';
import { closePeers, openPeer } from '../../harness/peer.js';
import { count, localClients, type Seen } from '../../harness/recorder.js';
import { hereFirst, remoteDo, remoteSeen, remoteUntil, startRemote, testOptions } from '../../harness/rooms.js';
import mqtt from 'mqtt';
import { MQTT_URL } from 'virtual:mqtt-config';
import { internals } from '../../../src/core/room/internals.js';
import { compactSdp } from '../../../src/core/signaling/compact-sdp.js';

// Issue 14: first contact. Joining a room is consent to meet its members; each member
// decides once about a newcomer (a knock), the newcomer sees who is deciding. Every person
// is a real client in its own browser context (own keys), over the real broker and WebRTC.

/** Options where a person decides: no policy admits strangers. */
const ask = (topic: string, extra: Partial<RTChatClientOptions> = {}) => testOptions(topic, { autoAccept: false, ...extra });

const requests = (seen: Seen[]) => seen.filter((s) => s.type === 'connectionrequest');
const knocks = (seen: Seen[], peer: string) => seen.filter((s) => s.type === 'knockchange' && s.peer === peer).map((s) => s.reason);

describe('first contact: one decision per pair', function () {
  this.timeout(60_000);
  const clients = localClients();
  const local = clients.start;
  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
  });

  it('a newcomer knocks, sees the member deciding, and is let in by one Accept', async () => {
    const topic = `knock-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    // Ada is here first; her person decides by hand (the request stays open until we say).
    const ada = await startRemote(page, ask(topic, { name: 'Ada' }), { key: 'ada', consent: 'ignore' });
    await hereFirst();
    const newt = await local(ask(topic, { name: 'Newt' }));
    // Ada heard the knock and is asked; Newt is told to wait, with her name.
    await remoteUntil(page, `(s) => s.some((x) => x.type === 'connectionrequest')`, { key: 'ada' });
    await newt.until((s) => knocks(s, ada.id).includes('waiting'));
    expect(newt.client.getPeer(ada.id)!.knock).to.equal('waiting');
    expect(newt.client.getPeer(ada.id)!.name).to.equal('Ada');
    expect(newt.client.getPeer(ada.id)!.state).to.equal('pending');

    await remoteDo(page, `(c) => c.requests.forEach((r) => r.accept())`, 'ada');
    await newt.until((s) => count(s, 'verified', ada.id) === 1);
    await remoteUntil(page, `(s) => s.some((x) => x.type === 'verified')`, { key: 'ada' });
    // Clicks: one on Ada's side, none on Newt's.
    expect(requests(newt.seen)).to.have.length(0);
    expect(requests(await remoteSeen(page, 'ada')).map((r) => r.initiator)).to.deep.equal([true]);
    expect(knocks(newt.seen, ada.id)).to.deep.equal(['waiting', 'let-in']);
    expect(newt.client.getPeer(ada.id)!.knock).to.equal(null);
  });

  it('three people: the newcomer is asked nothing, each member once', async () => {
    const topic = `three-${crypto.randomUUID()}`;
    const p1 = await openPeer('new-context');
    const p2 = await openPeer('new-context');
    const one = await startRemote(p1, ask(topic, { name: 'One' }), { key: 'one', consent: 'accept' });
    const two = await startRemote(p2, ask(topic, { name: 'Two' }), { key: 'two', consent: 'accept' });
    await remoteUntil(p1, `(s) => s.some((x) => x.type === 'verified')`, { key: 'one' });
    await hereFirst();
    const newt = await local(ask(topic, { name: 'Newt' }), 'accept');
    await newt.until((s) => count(s, 'verified', one.id) === 1 && count(s, 'verified', two.id) === 1);
    const seenOne = await remoteUntil(p1, `(s) => s.filter((x) => x.type === 'verified').length === 2`, { key: 'one' });
    const seenTwo = await remoteUntil(p2, `(s) => s.filter((x) => x.type === 'verified').length === 2`, { key: 'two' });
    expect(requests(newt.seen)).to.have.length(0);
    // One and Two met each other with one decision between them, then one each for Newt.
    const aboutNewt = (seen: Seen[]) => requests(seen).filter((r) => r.peer === newt.client.id);
    expect(aboutNewt(seenOne)).to.have.length(1);
    expect(aboutNewt(seenTwo)).to.have.length(1);
    expect(requests(seenOne).length + requests(seenTwo).length).to.equal(3);
  });

  it('"Not now" tells the newcomer, keeps it in client.notNow, and Accept later lets it in', async () => {
    const topic = `notnow-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    const ada = await startRemote(page, ask(topic, { name: 'Ada' }), { key: 'ada', consent: 'reject' });
    await hereFirst();
    const newt = await local(ask(topic, { name: 'Newt' }));
    await newt.until((s) => knocks(s, ada.id).includes('not-now'));
    expect(newt.client.getPeer(ada.id)!.knock).to.equal('not-now');
    const held = await remoteDo<string[]>(page, `(c) => c.notNow.map((r) => r.peer.name + ':' + r.state)`, 'ada');
    expect(held).to.deep.equal(['Newt:rejected']);
    // Newt keeps quiet meanwhile: it does not knock again and again.
    expect(count(newt.seen, 'peerdisconnected')).to.equal(0);

    await remoteDo(page, `(c) => c.notNow[0].accept()`, 'ada');
    await newt.until((s) => count(s, 'verified', ada.id) === 1);
    expect(await remoteDo<number>(page, `(c) => c.notNow.length`, 'ada')).to.equal(0);
    expect(requests(newt.seen)).to.have.length(0);
    // Ada's page decided at once (its listener rejected inside the event), so no `wait` went first.
    expect(knocks(newt.seen, ada.id)).to.deep.equal(['not-now', 'let-in']);
  });

  it('a "Not now" ends when the newcomer leaves', async () => {
    const topic = `notnow-left-${crypto.randomUUID()}`;
    const ada = await local(ask(topic, { name: 'Ada' }), 'reject');
    await hereFirst();
    const page = await openPeer('new-context');
    await startRemote(page, ask(topic, { name: 'Newt' }), { key: 'newt' });
    await ada.until(() => ada.client.notNow.length === 1);
    const request = ada.client.notNow[0];
    await remoteDo(page, `(c) => c.disconnect()`, 'newt');
    await ada.until(() => ada.client.notNow.length === 0);
    expect(request.state).to.equal('withdrawn');
    request.accept(); // too late: nothing happens
    expect(request.state).to.equal('withdrawn');
  });

  it("our own tabs connect without asking, as 'self', and never pin our key", async () => {
    const topic = `own-tabs-${crypto.randomUUID()}`;
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const first = await local(ask(topic, { name: 'Me', storage }));
    const tab2 = await openPeer('same-context');
    const second = await startRemote(tab2, ask(topic, { name: 'Me', storage }), { key: 'second', consent: 'ignore' });
    await first.until((s) => count(s, 'verified', second.id) === 1);
    const seen2 = await remoteUntil(tab2, `(s) => s.some((x) => x.type === 'verified')`, { key: 'second' });
    expect(requests(first.seen)).to.have.length(0);
    expect(requests(seen2)).to.have.length(0);
    const peer = first.client.getPeer(second.id)!;
    expect(peer.ownTab).to.equal(true);
    expect(peer.trust).to.equal('self');
    expect(peer.nameWarning).to.equal(null);
    expect(first.client.trust!.known(peer.publicKey)).to.equal(false);
  });

  it('someone else showing our own name is warned about, never taken for our tab', async () => {
    const topic = `my-name-${crypto.randomUUID()}`;
    const me = await local(ask(topic, { name: 'Coral Narwhal' }), 'ignore');
    await hereFirst();
    const page = await openPeer('new-context');
    await startRemote(page, ask(topic, { name: 'Coral Narwhal (2)' }), { key: 'fake' });
    await me.until(() => me.client.requests.length === 1);
    const request = me.client.requests[0];
    expect(request.peer.ownTab).to.equal(false);
    expect(request.warning).to.equal('look-alike');
  });

  it('a trusted peer is let in again after a reload without asking (the default policy)', async () => {
    const topic = `trusted-back-${crypto.randomUUID()}`;
    const newtStorage = `rtchat-test-${crypto.randomUUID()}:`;
    // Default autoAccept: only trusted keys come in unasked.
    const ada = await local(testOptions(topic, { name: 'Ada', autoAccept: undefined }), 'accept');
    expect(ada.client.autoAccept).to.equal('trusted');
    await hereFirst();
    const page = await openPeer('new-context');
    const newt = await startRemote(page, testOptions(topic, { name: 'Newt', storage: newtStorage }), { key: 'n1' });
    await ada.until((s) => count(s, 'verified', newt.id) === 1);
    expect(requests(ada.seen)).to.have.length(1);
    await ada.client.trustPeer(ada.client.getPeer(newt.id)!, 'Newt');
    // Newt reloads: a new session of the same key.
    await remoteDo(page, `(c) => c.disconnect()`, 'n1');
    const again = await startRemote(page, testOptions(topic, { name: 'Newt', storage: newtStorage }), { key: 'n2' });
    expect(again.key).to.equal(newt.key);
    await ada.until((s) => count(s, 'verified', again.id) === 2);
    expect(requests(ada.seen)).to.have.length(1);
  });

  it('with askBeforeJoining, the newcomer decides too (pages that want both)', async () => {
    const topic = `both-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    const ada = await startRemote(page, ask(topic, { name: 'Ada' }), { key: 'ada', consent: 'accept' });
    await hereFirst();
    const newt = await local(ask(topic, { name: 'Newt', askBeforeJoining: true }), 'accept');
    await newt.until((s) => count(s, 'verified', ada.id) === 1);
    expect(requests(newt.seen).map((r) => r.initiator)).to.deep.equal([false]);
  });
});

describe('first contact under attack', function () {
  this.timeout(60_000);
  const clients = localClients();
  const local = clients.start;
  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
  });

  it("waits and declines from fresh keys using a known member's name are flagged; the member still lets the newcomer in", async () => {
    const topic = `knock-attack-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    const newtStorage = `rtchat-test-${crypto.randomUUID()}:`;
    const ada = await startRemote(page, ask(topic, { name: 'Ada' }), { key: 'ada', consent: 'ignore' });
    await hereFirst();
    // Newt met Ada before and trusts her key under her name.
    const newt = await local(ask(topic, { name: 'Newt', storage: newtStorage }));
    await newt.until((s) => knocks(s, ada.id).includes('waiting'));
    await newt.client.trust!.register(fromBase64Url(ada.key), 'Ada');

    // The attacker reads Newt's announce off the broker and answers it from 40 fresh keys, all
    // called "Ada": half say "wait", half "Not now".
    const session = internals(newt.client).session()!;
    const raw = mqtt.connect(MQTT_URL);
    await new Promise((r) => raw.on('connect', r));
    for (let i = 0; i < 40; i++) {
      const fake = await throwaway(session.roomTopic, 'Ada');
      const { topic: inbox, payload } = await fake.writer.direct(
        i % 2 ? 'wait' : 'decline',
        fake.self,
        { id: session.selfId, sealKey: session.self.sealKey, session: session.self.session },
        new Uint8Array(0),
      );
      await raw.publishAsync(inbox, payload as any);
    }
    await newt.until((s) => s.filter((x) => x.type === 'knockchange').length >= 41);
    const fakes = newt.client.peers.filter((p) => p.knock && p.id !== ada.id);
    // At most 16 knock rows: the fakes (their name is pinned to another key) make room among
    // themselves; the real Ada's stays.
    expect(fakes.length).to.be.within(1, 15);
    for (const p of fakes) expect(p.nameWarning, p.id).to.equal('key-changed');
    expect(newt.client.getPeer(ada.id)!.knock).to.equal('waiting');
    expect(newt.client.getPeer(ada.id)!.nameWarning).to.equal(null);

    // The real Ada lets Newt in: the knocks of fakes change nothing.
    await remoteDo(page, `(c) => c.requests.forEach((r) => r.accept())`, 'ada');
    await newt.until((s) => count(s, 'verified', ada.id) === 1);
    expect(newt.client.getPeer(ada.id)!.trust).to.equal('trusted');
    raw.end(true);
  });

  it('a stranger who offers instead of knocking is a knock: a settled member asks its person, and nothing is answered', async () => {
    this.timeout(60_000);
    const topic = `offer-knock-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    await startRemote(page, ask(topic, { name: 'Bob' }), { key: 'bob' });
    await hereFirst();
    const ada = await local(ask(topic, { name: 'Ada' }), 'ignore');
    const s = internals(ada.client).session()!;
    // Bob was here first: he lets Ada in.
    await ada.until((x) => count(x, 'verified') === 1);
    // Ada is settled (with Bob, she announces no more): 16 s on, her last announce is older than
    // the window in which an offer may answer it (15 s).
    await new Promise((r) => setTimeout(r, 16_000));
    const mallory = await throwaway(s.roomTopic, 'Mallory');
    const raw = mqtt.connect(MQTT_URL);
    await new Promise((r) => raw.on('connect', r));
    const answers: unknown[] = [];
    raw.on('message', (_t, p) => answers.push(p));
    await raw.subscribeAsync(mallory.writer.inboxTopic);
    const pc = new RTCPeerConnection({ iceServers: [] });
    pc.createDataChannel('rtchat', { negotiated: true, id: 0 });
    await pc.setLocalDescription();
    await new Promise((r) => setTimeout(r, 300));
    const offer = compactSdp.encode(compactSdp.parse('offer', pc.localDescription!.sdp));
    const { topic: inbox, payload } = await mallory.writer.direct('offer', mallory.self, { id: s.selfId, sealKey: s.self.sealKey, session: s.self.session }, offer);
    await raw.publishAsync(inbox, payload as any);
    await ada.until(() => ada.client.requests.length === 1 && ada.client.requests[0].peer.name === 'Mallory');
    expect(ada.client.requests[0].initiator).to.equal(false);
    await new Promise((r) => setTimeout(r, 1000));
    expect(answers, 'no answer (and no candidates) before the person decides').to.have.length(0);
    expect(ada.client.requests[0].peer.state).to.equal('pending');
    // Saying no tells the stranger; still nothing answered.
    ada.client.requests[0].reject();
    for (const end = Date.now() + 10_000; Date.now() < end && answers.length === 0;) await new Promise((r) => setTimeout(r, 50));
    expect(answers).to.have.length(1); // the decline
    pc.close();
    raw.end(true);
  });

  it('a flood of waits to a member cannot push out the newcomer it is asking about', async () => {
    const topic = `wait-flood-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    const ada = await startRemote(page, ask(topic, { name: 'Ada' }), { key: 'ada', consent: 'ignore' });
    await hereFirst();
    const newt = await local(ask(topic, { name: 'Newt' }));
    await newt.until((s) => knocks(s, ada.id).includes('waiting'));
    const link = internals(newt.client).link(newt.client.getPeer(ada.id)!);
    const raw = mqtt.connect(MQTT_URL);
    await new Promise((r) => raw.on('connect', r));
    for (let i = 0; i < 70; i++) {
      const fake = await throwaway(internals(newt.client).session()!.roomTopic, `x${i}`);
      const { topic: inbox, payload } = await fake.writer.direct('wait', fake.self, { id: ada.id, sealKey: link.sealKey, session: link.session }, new Uint8Array(0));
      await raw.publishAsync(inbox, payload as any);
    }
    // Every fake wait was handled (a knock record, or dropped as stale or evicted) before we look.
    await remoteUntil(page, `(s) => s.filter((x) => x.type === 'knockchange' || (x.type === 'drop' && x.reason === 'stale')).length >= 70`, { key: 'ada' });
    // Ada still asks about Newt; her list of knocks at others' doors is bounded.
    expect(await remoteDo<string[]>(page, `(c) => c.requests.map((r) => r.peer.id)`, 'ada')).to.deep.equal([newt.client.id]);
    expect(await remoteDo<number>(page, `(c) => c.peers.filter((p) => p.knock).length`, 'ada')).to.be.at.most(16);
    await remoteDo(page, `(c) => c.requests.forEach((r) => r.accept())`, 'ada');
    await newt.until((s) => count(s, 'verified', ada.id) === 1);
    raw.end(true);
  });

  it('a knocking peer cannot rename itself into a name that would carry a warning', async () => {
    const topic = `knock-rename-${crypto.randomUUID()}`;
    const newt = await local(ask(topic, { name: 'Newt' }), 'ignore');
    const s = internals(newt.client).session()!;
    await newt.client.trust!.register((await throwaway(s.roomTopic, 'Ada')).self.publicKey, 'Ada');
    const zed = await throwaway(s.roomTopic, 'Zed');
    const raw = mqtt.connect(MQTT_URL);
    await new Promise((r) => raw.on('connect', r));
    const { topic: inbox, payload } = await zed.writer.direct('wait', zed.self, { id: s.selfId, sealKey: s.self.sealKey, session: s.self.session }, new Uint8Array(0));
    await raw.publishAsync(inbox, payload as any);
    await newt.until(() => newt.client.peers.some((p) => p.knock === 'waiting'));
    const peer = newt.client.peers.find((p) => p.knock === 'waiting')!;
    await raw.publishAsync(s.roomTopic, (await zed.writer.announce({ ...zed.self, name: 'Ada' })) as any);
    await new Promise((r) => setTimeout(r, 1000));
    expect(peer.name).to.equal('Zed');
    raw.end(true);
  });
});
