import { expect } from '@open-wc/testing';
import { NotVerifiedError, PeerGoneError, RemoteError, RTChatClient, TimeoutError, type RTChatClientOptions } from '../../src/index.js';
import { closePeers, openPeer, peerEval } from '../harness/peer.js';
import { hereFirst, remoteDo, remoteUntil, startRemote, testOptions } from '../harness/rooms.js';
import { count, localClients, type Seen } from '../harness/recorder.js';

// Two or three real clients: this page plus pages in other browser contexts (other
// profiles: their own IndexedDB, so their own keys), a real broker and real WebRTC.

// Our consent handlers decide here (the recorder accepts or rejects), so no auto-accept.
const roomOptions = (topic: string, extra: Partial<RTChatClientOptions> = {}) => testOptions(topic, { autoAccept: false, ...extra });

/** Waits until the peer page's client has seen `n` events of `type` (for one peer, if given). */
const remoteCount = (page: string, key: string, type: string, n = 1, forPeer?: string): Promise<Seen[]> =>
  remoteUntil(
    page,
    `(s) => s.filter((x) => x.type === ${JSON.stringify(type)} && (${JSON.stringify(forPeer ?? null)} === null || x.peer === ${JSON.stringify(forPeer ?? null)})).length >= ${n}`,
    { key },
  );

describe('RTChatClient', function () {
  this.timeout(40_000);
  const clients = localClients();
  const local = clients.start;

  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
  });

  it('connects two browser contexts, verifies both, and carries chat, direct messages and ask/answer', async () => {
    const topic = `client-${crypto.randomUUID()}`;
    const a = await local(roomOptions(topic, { name: 'Alice' }), 'accept', (q: any) => ({ got: q }));
    const page = await openPeer('new-context');
    const b = await startRemote(page, roomOptions(topic, { name: 'Bob' }), { key: 'b' });

    await a.until((s) => count(s, 'verified', b.id) === 1);
    await remoteCount(page, 'b', 'verified', 1, a.client.id!);
    const bob = a.client.getPeer('Bob')!;
    expect(bob.id).to.equal(b.id);
    expect(bob.verified).to.be.true;
    expect(bob.name).to.equal('Bob');

    // Room message, then a direct message back, then questions both ways.
    a.client.broadcast('hello room');
    const bSeen = await remoteCount(page, 'b', 'chatmessage');
    expect(bSeen.find((s) => s.type === 'chatmessage')).to.include({ text: 'hello room', name: 'Alice', direct: false });
    await a.until((s) => count(s, 'delivered') === 1);

    await remoteDo(page, `(c) => c.getPeer('Alice').send('just for you')`, 'b');
    const aSeen = await a.until((s) => count(s, 'chatmessage') === 1);
    expect(aSeen.find((s) => s.type === 'chatmessage')).to.include({ text: 'just for you', name: 'Bob', direct: true });

    expect(await bob.ask({ op: 'add', args: [2, 3] })).to.equal(5);
    const fromB = await remoteDo<unknown>(page, `(c) => c.getPeer('Alice').ask('ping?')`, 'b');
    expect(fromB).to.deep.equal({ got: 'ping?' });

    // Both sides show the same safety code.
    const codes = await remoteCount(page, 'b', 'verified');
    expect(codes.find((s) => s.type === 'verified')!.code).to.equal(bob.safetyCode);
    expect(bob.safetyCode).to.match(/^\d{5}( \d{5}){5}$/);
  });

  it('an ask times out when the peer never answers, and the answer comes only from the peer asked', async () => {
    const topic = `ask-${crypto.randomUUID()}`;
    const a = await local(roomOptions(topic, { name: 'Asker' }));
    const page = await openPeer('new-context');
    // This peer's app answers slowly: well after our timeout.
    const b = await peerEval(
      page,
      async ({ options }) => {
        const h = (window as any).harness;
        h.clients.b = await h.startRecorded(options, 'accept', () => new Promise((r) => setTimeout(() => r('late'), 3000)));
        return h.clients.b.client.id;
      },
      { options: roomOptions(topic, { name: 'Slow' }) },
    );
    await a.until((s) => count(s, 'verified', b) === 1);
    let error: Error | null = null;
    try {
      await a.client.getPeer(b)!.ask('are you there?', { timeout: 500 });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/no answer .* within 500 ms/);
  });

  it('names what went wrong with an ask: aborted by its signal, TimeoutError, RemoteError, PeerGoneError, then NotVerifiedError', async () => {
    const topic = `ask-errors-${crypto.randomUUID()}`;
    const a = await local(roomOptions(topic, { name: 'Asker' }));
    const page = await openPeer('new-context');
    // This peer's app refuses 'fail' and answers everything else after 3 s.
    const b = await peerEval(
      page,
      async ({ options }) => {
        const h = (window as any).harness;
        h.clients.b = await h.startRecorded(options, 'accept', (q: unknown) =>
          q === 'fail' ? Promise.reject(new Error('not today')) : new Promise((r) => setTimeout(() => r('late'), 3000)),
        );
        return h.clients.b.client.id;
      },
      { options: roomOptions(topic, { name: 'Slow' }) },
    );
    await a.until((s) => count(s, 'verified', b) === 1);
    const peer = a.client.getPeer(b)!;
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: Error) => e,
      );

    const controller = new AbortController();
    const aborted = failure(peer.ask('wait', { signal: controller.signal }));
    controller.abort();
    expect((await aborted)?.name, 'aborted').to.equal('AbortError');

    const late = await failure(peer.ask('wait', { timeout: 300 }));
    expect(late).to.be.instanceOf(TimeoutError);
    expect((late as TimeoutError).ms).to.equal(300);

    const refused = await failure(peer.ask('fail'));
    expect(refused).to.be.instanceOf(RemoteError);
    expect(refused?.message).to.equal('not today');

    const pending = failure(peer.ask('wait', { timeout: 10_000 }));
    peer.close();
    expect(await pending).to.be.instanceOf(PeerGoneError);
    expect(await failure(peer.ask('again'))).to.be.instanceOf(NotVerifiedError);
  });

  it('does not connect when the offering side rejects the request', async () => {
    const topic = `reject-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    // The remote joins first, so our announce reaches it and it offers: it is the initiator and says no.
    const b = await startRemote(page, roomOptions(topic, { name: 'Picky' }), { key: 'b', consent: 'reject' });
    await hereFirst();
    const a = await local(roomOptions(topic, { name: 'Hopeful' }));
    const bSeen = await remoteCount(page, 'b', 'connectionrequest');
    expect(bSeen.find((s) => s.type === 'connectionrequest')!.initiator).to.be.true;
    await new Promise((r) => setTimeout(r, 2000));
    expect(count(a.seen, 'peerconnected')).to.equal(0);
    expect(a.client.peers.filter((p) => p.id === b.id && p.state !== 'pending')).to.have.length(0);
  });

  it('with askBeforeJoining, does not connect when the answering side rejects, and the offerer is told', async () => {
    const topic = `reject2-${crypto.randomUUID()}`;
    const page = await openPeer('new-context');
    const b = await startRemote(page, roomOptions(topic, { name: 'Offerer' }), { key: 'b', consent: 'accept' });
    await hereFirst();
    // We join second: the remote hears our announce and offers; we, the answerer, say no.
    const a = await local(roomOptions(topic, { name: 'Refuser', askBeforeJoining: true }), 'reject');
    await a.until((s) => s.some((x) => x.type === 'connectionrequest' && x.initiator === false));
    const bSeen = await remoteCount(page, 'b', 'peerdisconnected');
    expect(bSeen.find((s) => s.type === 'peerdisconnected')).to.include({ peer: a.client.id, reason: 'declined' });
    expect(count(a.seen, 'peerconnected')).to.equal(0);
    expect(count(bSeen, 'peerconnected')).to.equal(0);
    void b;
  });

  it('three clients form a full mesh of verified peers', async () => {
    const topic = `mesh-${crypto.randomUUID()}`;
    const a = await local(roomOptions(topic, { name: 'One' }));
    const p2 = await openPeer('new-context');
    const p3 = await openPeer('new-context');
    const b = await startRemote(p2, roomOptions(topic, { name: 'Two' }), { key: 'b' });
    const c = await startRemote(p3, roomOptions(topic, { name: 'Three' }), { key: 'c' });
    await a.until((s) => count(s, 'verified') === 2);
    const seenB = await remoteCount(p2, 'b', 'verified', 2);
    const seenC = await remoteCount(p3, 'c', 'verified', 2);
    expect(new Set(a.seen.filter((s) => s.type === 'verified').map((s) => s.peer))).to.deep.equal(new Set([b.id, c.id]));
    expect(new Set(seenB.filter((s) => s.type === 'verified').map((s) => s.peer))).to.deep.equal(new Set([a.client.id, c.id]));
    expect(new Set(seenC.filter((s) => s.type === 'verified').map((s) => s.peer))).to.deep.equal(new Set([a.client.id, b.id]));
  });

  it('gives two tabs of one profile distinct tab ids, one identity, and connects them as two peers', async () => {
    const topic = `tabs-${crypto.randomUUID()}`;
    const storage = `rtchat-test-${crypto.randomUUID()}:`;
    const a = await local(roomOptions(topic, { name: 'Same', storage }));
    const tab2 = await openPeer('same-context');
    const b = await startRemote(tab2, roomOptions(topic, { name: 'Same', storage }), { key: 'b' });
    expect(a.client.tab).to.not.equal(b.tab);
    expect(b.id.split('-')[0]).to.equal(a.client.id!.split('-')[0]);
    await a.until((s) => count(s, 'verified', b.id) === 1);
    expect(a.client.getPeer(b.id)!.label).to.equal(`Same (${b.tab})`);
  });

  it('reports a peer whose tab closes as disconnected within 10 s', async () => {
    const topic = `leave-${crypto.randomUUID()}`;
    const a = await local(roomOptions(topic, { name: 'Stayer' }));
    const page = await openPeer('new-context');
    const b = await startRemote(page, roomOptions(topic, { name: 'Leaver' }), { key: 'b' });
    await a.until((s) => count(s, 'verified', b.id) === 1);
    const { closePeer } = await import('../harness/peer.js');
    const t0 = performance.now();
    await closePeer(page);
    await a.until((s) => count(s, 'peerdisconnected', b.id) === 1, 10_000);
    console.log(`peerdisconnected ${Math.round(performance.now() - t0)} ms after the tab closed`);
    expect(a.client.getPeer(b.id)).to.be.undefined;
  });

  it('disconnect() tells peers at once and unsubscribes', async () => {
    const topic = `bye-${crypto.randomUUID()}`;
    const a = await local(roomOptions(topic, { name: 'Host' }));
    const page = await openPeer('new-context');
    const b = await startRemote(page, roomOptions(topic, { name: 'Guest' }), { key: 'b' });
    await a.until((s) => count(s, 'verified', b.id) === 1);
    await remoteDo(page, `(c) => c.disconnect()`, 'b');
    const seen = await a.until((s) => count(s, 'peerdisconnected', b.id) === 1, 3000);
    expect(seen.find((s) => s.type === 'peerdisconnected')!.reason).to.equal('left');
  });

  it('connects two different people who chose the same name, told apart by key', async () => {
    const topic = `twins-${crypto.randomUUID()}`;
    const a = await local(roomOptions(topic, { name: 'Observer', autoAccept: 'all' }));
    const p1 = await openPeer('new-context');
    const p2 = await openPeer('new-context');
    const s1 = await startRemote(p1, roomOptions(topic, { name: 'Sam' }), { key: 'b' });
    const s2 = await startRemote(p2, roomOptions(topic, { name: 'Sam' }), { key: 'b' });
    const seen = await a.until((s) => count(s, 'verified') === 2);
    const verified = seen.filter((s) => s.type === 'verified');
    expect(verified.map((s) => s.name)).to.deep.equal(['Sam', 'Sam']);
    expect(new Set(verified.map((s) => s.peer))).to.deep.equal(new Set([s1.id, s2.id]));
    // The second Sam is not silently taken for the first: its key is flagged, not pinned.
    expect(verified.map((s) => s.trust).sort()).to.deep.equal(['key-changed', 'pinned']);
    const [x, y] = [a.client.getPeer(s1.id)!, a.client.getPeer(s2.id)!];
    expect(x.key).to.not.equal(y.key);
    // Both can talk (once each has verified us too). Each Sam also meets the other Sam, and
    // broadcast() reaches only peers verified at that moment: wait for *us*, not any peer.
    await remoteCount(p1, 'b', 'verified', 1, a.client.id!);
    await remoteCount(p2, 'b', 'verified', 1, a.client.id!);
    await remoteDo(p1, `(c) => c.broadcast('one')`, 'b');
    await remoteDo(p2, `(c) => c.broadcast('two')`, 'b');
    const chats = await a.until((s) => count(s, 'chatmessage') === 2);
    expect(
      chats
        .filter((s) => s.type === 'chatmessage')
        .map((s) => s.text)
        .sort(),
    ).to.deep.equal(['one', 'two']);
  });

  it('rejects bad options with a TypeError', () => {
    expect(() => new RTChatClient({ brokers: ['http://example.com'] })).to.throw(TypeError, /ws:\/\//);
    expect(() => new RTChatClient({ brokers: [] })).to.throw(TypeError);
    expect(() => new RTChatClient({ autoAccept: 'yes' as any })).to.throw(TypeError);
  });
});
