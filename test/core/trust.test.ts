import { expect } from '@open-wc/testing';
import mqtt from 'mqtt';
import { MQTT_URL } from 'virtual:mqtt-config';
import { deriveRoom } from '../../src/core/signaling/room.js';
import { TrustStore, fromBase64Url } from '../../src/index.js';
import { closePeers, openPeer, peerEval, reloadPeer } from '../harness/peer.js';
import { remoteDo, startRemote, testOptions } from '../harness/rooms.js';
import { count, localClients } from '../harness/recorder.js';

// Identity and trust between real clients: TOFU pins, registered keys, key changes,
// keys that survive a reload, secret rooms and sealed offers as a broker eavesdropper sees them.

const opts = testOptions;

/** The machine's own IPv4 address as host candidates carry it. */
async function hostAddress(): Promise<string> {
  const pc = new RTCPeerConnection({ iceServers: [] });
  pc.createDataChannel('x');
  await pc.setLocalDescription();
  await new Promise<void>((r) => (pc.iceGatheringState === 'complete' ? r() : pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r())));
  const ip = /candidate:.* (\d+\.\d+\.\d+\.\d+) \d+ typ host/.exec(pc.localDescription!.sdp)![1];
  pc.close();
  return ip;
}

const contains = (hay: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

describe('identity and trust', function () {
  this.timeout(40_000);
  const clients = localClients();
  const local = clients.start;
  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
  });

  it('pins a key on first contact and reports it as trusted after the peer reloads with the same key', async () => {
    const topic = `tofu-${crypto.randomUUID()}`;
    const a = await local(opts(topic, { name: 'Alice' }));
    const page = await openPeer('new-context');
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const first = await startRemote(page, opts(topic, { name: 'Bob', storage }));
    const seen = await a.until((s) => count(s, 'verified', first.id) === 1);
    expect(seen.find((s) => s.type === 'verified')!.trust).to.equal('pinned');

    // Reload the other page: its key comes back from IndexedDB, it gets a new session.
    await reloadPeer(page);
    const second = await startRemote(page, opts(topic, { name: 'Bob', storage }));
    expect(second.key).to.equal(first.key);
    await a.until((s) => count(s, 'verified', second.id) === 2);
    expect(a.seen.filter((s) => s.type === 'verified').map((s) => s.trust)).to.deep.equal(['pinned', 'seen']);
  });

  it('reports a registered key as trusted on first contact', async () => {
    const topic = `registered-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    const remote = await startRemote(page, opts(topic, { name: 'Carol' }));
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    // Learned out of band (a QR code, a contact card) before we ever meet.
    const store = await TrustStore.open({ namespace: storage });
    await store.register(fromBase64Url(remote.key), 'Carol');
    store.close();
    const a = await local(opts(topic, { name: 'Dave', storage }));
    const seen = await a.until((s) => count(s, 'verified', remote.id) === 1);
    expect(seen.find((s) => s.type === 'verified')!.trust).to.equal('trusted');
  });

  it('flags an impostor who uses a pinned name with another key (key-changed)', async () => {
    const topic = `impostor-${crypto.randomUUID()}`;
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const a = await local(opts(topic, { name: 'Alice', storage }));
    const real = await openPeer('new-context');
    const bob = await startRemote(real, opts(topic, { name: 'Bob' }));
    await a.until((s) => count(s, 'verified', bob.id) === 1);
    await a.client.disconnect();

    // Same profile, strict policy: the impostor fails verification.
    const strict = await local(opts(topic, { name: 'Alice', storage, keyChange: 'reject' }));
    const fake = await openPeer('new-context');
    const impostor = await startRemote(fake, opts(topic, { name: 'Bob' }));
    const seen = await strict.until((s) => s.some((x) => x.type === 'verificationfailed' && x.peer === impostor.id));
    expect(seen.find((x) => x.type === 'verificationfailed' && x.peer === impostor.id)!.reason).to.equal('key-changed');
    expect(strict.seen.some((x) => x.type === 'verified' && x.peer === impostor.id)).to.be.false;
    await strict.client.disconnect();

    // Default policy: connected, but marked, and never re-pinned.
    const warn = await local(opts(topic, { name: 'Alice', storage }));
    const seen2 = await warn.until((s) => s.some((x) => x.type === 'verified' && x.peer === impostor.id));
    expect(seen2.find((x) => x.type === 'verified' && x.peer === impostor.id)!.trust).to.equal('key-changed');
    expect(warn.client.trust!.known(fromBase64Url(impostor.key))).to.be.false;
  });

  it('flags a verified peer that renames itself to a name pinned to another key', async () => {
    const topic = `rename-${crypto.randomUUID()}`;
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const carolPage = await openPeer('new-context');
    const carol = await startRemote(carolPage, opts(topic, { name: 'Carol' }));
    const store = await TrustStore.open({ namespace: storage });
    await store.register(fromBase64Url(carol.key), 'Carol');
    store.close();
    const a = await local(opts(topic, { name: 'Alice', storage }));
    const malloryPage = await openPeer('new-context');
    const mallory = await startRemote(malloryPage, opts(topic, { name: 'Mallory' }));
    await a.until((s) => count(s, 'verified') === 2);
    const mPeer = a.client.getPeer(mallory.id)!;
    expect(mPeer.trust).to.equal('pinned');
    // Mallory now calls herself Carol, over her verified channel.
    const renamed = new Promise<void>((r) => a.client.addEventListener('namechange', (e) => e.peer === mPeer && r()));
    await remoteDo(malloryPage, `(c) => c.setName('Carol')`);
    await renamed;
    expect(mPeer.name).to.equal('Carol');
    expect(mPeer.trust).to.equal('key-changed');
    expect(a.client.getPeer(carol.id)!.trust).to.equal('trusted');
  });

  it('secret rooms: a subscriber without the secret sees only ciphertext; same secret connects; another secret never meets', async () => {
    const topic = `secret-${crypto.randomUUID()}`;
    const secret = 'correct horse battery staple';
    const room = await deriveRoom({ origin: '', path: '', topic, secret });
    const tap = mqtt.connect(MQTT_URL);
    await new Promise((r) => tap.on('connect', r));
    // Public brokers allow '#': the eavesdropper takes everything.
    await tap.subscribeAsync('#');
    const captured: Uint8Array[] = [];
    tap.on('message', (t, p) => t.startsWith(room.topic) && captured.push(new Uint8Array(p)));

    const a = await local(opts(topic, { name: 'Wanda', secret }));
    const p1 = await openPeer('new-context');
    const p2 = await openPeer('new-context');
    const friend = await startRemote(p1, opts(topic, { name: 'Xavier', secret }));
    const stranger = await startRemote(p2, opts(topic, { name: 'Yolanda', secret: 'wrong guess' }));
    await a.until((s) => count(s, 'verified', friend.id) === 1);
    await new Promise((r) => setTimeout(r, 1500));
    tap.end(true);
    expect(a.seen.some((s) => s.peer === stranger.id)).to.be.false;
    const strangerSaw = await peerEval(p2, () => (window as any).harness.clients.r.seen);
    expect(strangerSaw.filter((s: any) => s.type === 'peerseen')).to.deep.equal([]);

    expect(captured.length).to.be.at.least(4);
    const ip = await hostAddress();
    const needles = [
      new TextEncoder().encode('Wanda'),
      new TextEncoder().encode('Xavier'),
      new TextEncoder().encode(ip),
      Uint8Array.from(ip.split('.').map(Number)),
      fromBase64Url(friend.key).subarray(0, 16),
      a.client.publicKey!.subarray(0, 16),
    ];
    for (const payload of captured) for (const n of needles) expect(contains(payload, n), `payload leaks ${n}`).to.be.false;
  });

  it('sealed offers: without a secret, a broker eavesdropper sees names and keys but never an IP address', async () => {
    const topic = `sealed-${crypto.randomUUID()}`;
    const room = await deriveRoom({ origin: '', path: '', topic });
    const tap = mqtt.connect(MQTT_URL);
    await new Promise((r) => tap.on('connect', r));
    await tap.subscribeAsync('#');
    const captured: Uint8Array[] = [];
    tap.on('message', (t, p) => t.startsWith(room.topic) && captured.push(new Uint8Array(p)));
    const a = await local(opts(topic, { name: 'Quinn' }));
    const page = await openPeer('new-context');
    const b = await startRemote(page, opts(topic, { name: 'Rory' }));
    await a.until((s) => count(s, 'verified', b.id) === 1);
    tap.end(true);
    const ip = await hostAddress();
    const all = captured.reduce((n, p) => n + p.length, 0);
    expect(all).to.be.greaterThan(0);
    expect(
      captured.some((p) => contains(p, new TextEncoder().encode('Quinn'))),
      'announces are public',
    ).to.be.true;
    for (const p of captured) {
      expect(contains(p, Uint8Array.from(ip.split('.').map(Number))), 'raw IPv4').to.be.false;
      expect(contains(p, new TextEncoder().encode(ip)), 'text IPv4').to.be.false;
    }
  });
});
