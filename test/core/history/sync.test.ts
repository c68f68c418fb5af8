import { expect } from '@open-wc/testing';
import { toBase64Url, type ChatRecord, type RTChatClientOptions } from '../../../src/index.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';
import { remoteDo, remoteSeen, remoteUntil, startRemote, testOptions } from '../../harness/rooms.js';
import { count, localClients, type Seen } from '../../harness/recorder.js';

// Shared history (issue 19) with real clients: this page and pages in other browser
// contexts (their own IndexedDB, so their own keys), a real broker and real WebRTC.

const share = (topic: string, extra: Partial<RTChatClientOptions> = {}) => testOptions(topic, { history: 'share', ...extra });

/** Texts of the room messages a client keeps, oldest first, with their authors' keys. */
type Kept = { text: string; author: string | null; name: string | null; direct: boolean; sharedBy: string | null }[];
const KEPT = `(c) => c.history.map((r) => ({ text: r.text, author: r.from ? r.from.key : null, name: r.from ? r.from.name : null, direct: r.direct, sharedBy: r.sharedBy ?? null }))`;

/** In a peer page: waits until every shared message received so far is checked, then returns what the client keeps. */
const remoteKept = (page: string, key: string): Promise<Kept> =>
  peerEval(
    page,
    async ({ key, fn }) => {
      const { clients, internals } = (window as any).harness;
      await internals(clients[key].client).historyChecked();
      return (0, eval)(`(${fn})`)(clients[key].client);
    },
    { key, fn: KEPT },
  );

const texts = (seen: Seen[], type: string) => seen.filter((s) => s.type === type).map((s) => s.text);
/** Until the peer page's client has seen messages (of `type`) with all of `wanted` texts. */
const remoteTexts = (page: string, key: string, type: string, wanted: string[], timeout = 30_000) =>
  remoteUntil(page, `(s) => ${JSON.stringify(wanted)}.every((t) => s.some((x) => x.type === ${JSON.stringify(type)} && x.text === t))`, { key, timeout });

/** Until every room message of ours with these texts carries our signature (made just after sending). */
async function signedHere(client: { history: ChatRecord[] }, wanted: string[], ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 50))) {
    if (wanted.every((t) => client.history.some((r) => r.text === t && r.signed))) return;
    if (Date.now() > end) throw new Error(`not signed within ${ms} ms: ${JSON.stringify(client.history)}`);
  }
}

/** Until the peer page's client keeps these texts with their author's signature checked. */
const remoteSigned = (page: string, key: string, wanted: string[]) =>
  peerEval(
    page,
    async ({ key, wanted }) => {
      const c = (window as any).harness.clients[key].client;
      for (const end = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 50))) {
        if (wanted.every((t: string) => c.history.some((r: any) => r.text === t && r.signed))) return true;
        if (Date.now() > end) throw new Error(`not signed: ${JSON.stringify(c.history)}`);
      }
    },
    { key, wanted },
  );

describe('shared history', function () {
  this.timeout(120_000);
  const clients = localClients();
  const local = clients.start;

  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
  });

  it('A and B talk; C joins later and sees their room messages in order with the right authors, never their DMs or unforwardable ones; D then gets them from C alone', async () => {
    const topic = `history-${crypto.randomUUID()}`;
    const a = await local(share(topic, { name: 'Alice' }));
    const aKey = toBase64Url(a.client.publicKey!);
    const pageB = await openPeer('new-context');
    const b = await startRemote(pageB, share(topic, { name: 'Bob' }), { key: 'b' });
    await a.until((s) => count(s, 'verified', b.id) === 1);
    await remoteUntil(pageB, `(s) => s.some((x) => x.type === 'verified')`, { key: 'b' });

    // The conversation, each line seen before the next is written (so their times are in this order).
    a.client.broadcast('a1: hello Bob');
    await remoteTexts(pageB, 'b', 'chatmessage', ['a1: hello Bob']);
    await remoteDo(pageB, `(c) => c.broadcast('b1: hi Alice')`, 'b');
    await a.until((s) => texts(s, 'chatmessage').includes('b1: hi Alice'));
    a.client.broadcast('a-private: only for who is here now', { forward: false });
    a.client.getPeer('Bob')!.send('dm: just for Bob');
    await remoteDo(pageB, `(c) => c.getPeer('Alice').send('dm: just for Alice')`, 'b');
    await remoteTexts(pageB, 'b', 'chatmessage', ['a-private: only for who is here now', 'dm: just for Bob']);
    await a.until((s) => texts(s, 'chatmessage').includes('dm: just for Alice'));
    a.client.broadcast('a2: see you');
    await remoteTexts(pageB, 'b', 'chatmessage', ['a2: see you']);
    await signedHere(a.client, ['a1: hello Bob', 'a2: see you']);
    await remoteSigned(pageB, 'b', ['a1: hello Bob', 'b1: hi Alice', 'a2: see you']);

    // C joins: both A and B hold the conversation; C takes each message once.
    const pageC = await openPeer('new-context');
    const c = await startRemote(pageC, share(topic, { name: 'Carol' }), { key: 'c' });
    const conversation = ['a1: hello Bob', 'b1: hi Alice', 'a2: see you'];
    const seenC = await remoteTexts(pageC, 'c', 'historymessage', conversation);
    // A barrier: live lines written after C was verified by both come after anything they passed on.
    await a.until((s) => count(s, 'verified', c.id) === 1);
    await remoteUntil(pageB, `(s) => s.some((x) => x.type === 'verified' && x.peer === ${JSON.stringify(c.id)})`, { key: 'b' });
    a.client.broadcast('a3: welcome Carol');
    await remoteDo(pageB, `(c) => c.broadcast('b3: hello Carol')`, 'b');
    await remoteTexts(pageC, 'c', 'chatmessage', ['a3: welcome Carol', 'b3: hello Carol']);

    const keptC = await remoteKept(pageC, 'c');
    expect(keptC.filter((r) => r.sharedBy).map((r) => [r.text, r.author, r.name])).to.deep.equal([
      ['a1: hello Bob', aKey, 'Alice'],
      ['b1: hi Alice', b.key, 'Bob'],
      ['a2: see you', aKey, 'Alice'],
    ]);
    // Earlier messages are placed by their time, before what C saw live.
    expect(keptC.map((r) => r.text).slice(0, 3)).to.deep.equal(conversation);
    const allC = JSON.stringify([keptC, await remoteSeen(pageC, 'c')]);
    expect(allC).not.to.include('dm: just');
    expect(allC).not.to.include('a-private');
    // Each shared message shown once, with its author's name and what C knows of the key.
    const shown = seenC.filter((s) => s.type === 'historymessage');
    expect(shown.map((s) => s.text).sort()).to.deep.equal([...conversation].sort());
    for (const s of shown) expect(s.author === aKey ? 'Alice' : s.author === b.key ? 'Bob' : 'nobody').to.equal(s.name);
    // C met A and B when they verified each other; their keys are pinned by now, or about to be.
    expect(shown.every((s) => ['seen', 'never-met'].includes(s.trust!))).to.be.true;

    // A and B leave; D joins while only C is online, and still gets the conversation, from C.
    await clients.disconnectAll();
    await remoteDo(pageB, `(c) => c.disconnect()`, 'b');
    await remoteUntil(pageC, `(s) => s.filter((x) => x.type === 'peerdisconnected').length >= 2`, { key: 'c' });
    const pageD = await openPeer('new-context');
    await startRemote(pageD, share(topic, { name: 'Dave' }), { key: 'd' });
    const everything = [...conversation, 'a3: welcome Carol', 'b3: hello Carol'];
    const seenD = await remoteTexts(pageD, 'd', 'historymessage', everything);
    const fromC = seenD.filter((s) => s.type === 'historymessage');
    expect(fromC.every((s) => s.peer === c.id)).to.be.true;
    // D never met A or B: it is told so.
    expect(fromC.map((s) => s.trust)).to.deep.equal(everything.map(() => 'never-met'));
    const keptD = await remoteKept(pageD, 'd');
    expect(keptD.map((r) => [r.text, r.author, r.sharedBy])).to.deep.equal([
      ['a1: hello Bob', aKey, c.key],
      ['b1: hi Alice', b.key, c.key],
      ['a2: see you', aKey, c.key],
      ['a3: welcome Carol', aKey, c.key],
      ['b3: hello Carol', b.key, c.key],
    ]);
    expect(JSON.stringify([keptD, seenD])).not.to.include('dm: just');
  });

  it('a peer that alters a message’s text or author before passing it on is caught (dropped with a reason) and the original stands', async () => {
    const topic = `history-forge-${crypto.randomUUID()}`;
    const a = await local(share(topic, { name: 'Alice' }));
    const aKey = toBase64Url(a.client.publicKey!);
    const pageB = await openPeer('new-context');
    const bOptions = share(topic, { name: 'Bob' });
    const b = await startRemote(pageB, bOptions, { key: 'b' });
    const pageM = await openPeer('new-context');
    const m = await startRemote(pageM, share(topic, { name: 'Mallory' }), { key: 'm' });
    await a.until((s) => count(s, 'verified', b.id) === 1 && count(s, 'verified', m.id) === 1);
    await remoteUntil(pageB, `(s) => s.filter((x) => x.type === 'verified').length >= 2`, { key: 'b' });
    await remoteUntil(pageM, `(s) => s.filter((x) => x.type === 'verified').length >= 2`, { key: 'm' });

    a.client.broadcast('pay Bob 10');
    await remoteTexts(pageM, 'm', 'chatmessage', ['pay Bob 10']);
    await remoteDo(pageB, `(c) => c.broadcast('I owe Alice 5')`, 'b');
    await remoteTexts(pageM, 'm', 'chatmessage', ['I owe Alice 5']);
    a.client.broadcast('untouched');
    await remoteTexts(pageM, 'm', 'chatmessage', ['untouched']);
    await remoteTexts(pageB, 'b', 'chatmessage', ['pay Bob 10', 'untouched']);
    await remoteSigned(pageM, 'm', ['pay Bob 10', 'I owe Alice 5', 'untouched']);
    await remoteSigned(pageB, 'b', ['pay Bob 10', 'I owe Alice 5', 'untouched']);

    // Mallory's client passes history on altered: one text changed, one author changed.
    await peerEval(
      pageM,
      ({ aKey }) => {
        const { clients, internals } = (window as any).harness;
        const client = clients.m.client;
        const proto = Object.getPrototypeOf(internals(client).link(client.peers.find((p: any) => p.verified)));
        const original = proto.sendShared;
        proto.sendShared = function (msg: any) {
          if (msg.text === 'pay Bob 10') msg = { ...msg, text: 'pay Mallory 1000' };
          if (msg.text === 'I owe Alice 5') msg = { ...msg, a: aKey, n: 'Alice' };
          return original.call(this, msg);
        };
        return true;
      },
      { aKey },
    );

    // Only Mallory is online when Carol comes.
    await clients.disconnectAll();
    await remoteDo(pageB, `(c) => c.disconnect()`, 'b');
    await remoteUntil(pageM, `(s) => s.filter((x) => x.type === 'peerdisconnected').length >= 2`, { key: 'm' });
    const pageC = await openPeer('new-context');
    await startRemote(pageC, share(topic, { name: 'Carol' }), { key: 'c' });
    await peerEval(pageC, () => {
      const { clients, internals } = (window as any).harness;
      const drops: string[] = ((window as any).drops = []);
      internals(clients.c.client).tapDrops((source: string, reason: string) => drops.push(`${source}:${reason}`));
      return true;
    });
    await remoteTexts(pageC, 'c', 'historymessage', ['untouched']);
    await remoteUntil(pageC, `(s) => s.some((x) => x.type === 'drop' && x.reason === 'bad-signature')`, { key: 'c' });
    let keptC = await remoteKept(pageC, 'c');
    const drops = await peerEval(pageC, () => (window as any).drops as string[]);
    expect(drops.filter((d) => d === 'channel:bad-signature')).to.have.length(2);
    expect(keptC.map((r) => r.text)).to.deep.equal(['untouched']);
    expect(JSON.stringify(await remoteSeen(pageC, 'c'))).not.to.include('pay Mallory');

    // Bob comes back (the same profile: his key and his stored history): the originals stand.
    await startRemote(pageB, bOptions, { key: 'b2' });
    await remoteTexts(pageC, 'c', 'historymessage', ['pay Bob 10', 'I owe Alice 5']);
    keptC = await remoteKept(pageC, 'c');
    expect(keptC.map((r) => [r.text, r.author])).to.deep.equal([
      ['pay Bob 10', aKey],
      ['I owe Alice 5', b.key],
      ['untouched', aKey],
    ]);
  });

  it('holds the window and the limits: a newcomer takes only its window; a peer offering junk is capped and disconnected', async () => {
    const topic = `history-limits-${crypto.randomUUID()}`;
    const a = await local(share(topic, { name: 'Alice' }));
    for (let i = 1; i <= 5; i++) a.client.broadcast(`line ${i}`);
    await signedHere(
      a.client,
      [1, 2, 3, 4, 5].map((i) => `line ${i}`),
    );

    // C asks for the last 2 only.
    const pageC = await openPeer('new-context');
    await startRemote(pageC, share(topic, { name: 'Carol', historyWindow: { messages: 2 } }), { key: 'c' });
    await remoteTexts(pageC, 'c', 'historymessage', ['line 4', 'line 5']);
    // A barrier: a live line after the history A sent on verifying C.
    await a.until((s) => count(s, 'verified') === 1);
    a.client.broadcast('live');
    await remoteTexts(pageC, 'c', 'chatmessage', ['live']);
    expect((await remoteKept(pageC, 'c')).map((r) => r.text)).to.deep.equal(['line 4', 'line 5', 'live']);

    // M offers thousands of junk messages straight into its channel: every other one a month
    // old, the rest signed by nobody.
    const pageM = await openPeer('new-context');
    const m = await startRemote(pageM, share(topic, { name: 'Mallory' }), { key: 'm' });
    await remoteUntil(pageC, `(s) => s.some((x) => x.type === 'verified' && x.peer === ${JSON.stringify(m.id)})`, { key: 'c' });
    await remoteUntil(pageM, `(s) => s.filter((x) => x.type === 'verified').length >= 2`, { key: 'm' });
    const cId = (await remoteDo<string>(pageC, `(c) => c.id`, 'c'))!;
    await peerEval(
      pageM,
      async ({ cId }) => {
        const { clients, internals, rtchat } = (window as any).harness;
        const client = clients.m.client;
        const link = internals(client).link(client.peers.find((p: any) => p.id === cId));
        const junkKey = () => rtchat.toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
        const sig = 'A'.repeat(86);
        let n = 0;
        for (; n < 3000 && link.verified; n++) {
          const ts = n % 2 ? Date.now() - 30 * 24 * 3600_000 : Date.now();
          link.write({ t: 'hmsg', a: junkKey(), n: 'Junk', id: `junk${n}`, ts, text: `junk ${n}`, sig });
          if (n % 100 === 99) await new Promise((r) => setTimeout(r, 20));
        }
        return n;
      },
      { cId },
    );
    const seenC = await remoteUntil(pageC, `(s) => s.some((x) => x.type === 'peerdisconnected' && x.peer === ${JSON.stringify(m.id)})`, { key: 'c' });
    expect(seenC.find((s) => s.type === 'peerdisconnected' && s.peer === m.id)!.reason).to.equal('policy');
    // C's window is 2 messages, spent on what M passed on honestly (it met A too) or on the
    // first junk: every junk message past it is a strike, and the 51st ended the connection.
    expect(seenC.filter((s) => s.type === 'drop').map((s) => s.text)).to.include('more shared history than the window we asked for');
    const kept = await remoteKept(pageC, 'c');
    expect(kept.some((r) => r.text.startsWith('junk'))).to.be.false;
    expect(kept.length).to.be.at.most(500);
    // C still talks with A.
    a.client.broadcast('still here');
    await remoteTexts(pageC, 'c', 'chatmessage', ['still here']);
  });

  it('works in a secret room: those who hold the secret get the history, signed for that room', async () => {
    const topic = `history-secret-${crypto.randomUUID()}`;
    const secret = 'Sb7JfVoKiU_hhldCBAYZcA-history-test';
    const a = await local(share(topic, { name: 'Alice', secret }));
    a.client.broadcast('inside the secret room');
    await signedHere(a.client, ['inside the secret room']);
    const pageC = await openPeer('new-context');
    await startRemote(pageC, share(topic, { name: 'Carol', secret }), { key: 'c' });
    const seen = await remoteTexts(pageC, 'c', 'historymessage', ['inside the secret room']);
    expect(seen.find((s) => s.type === 'historymessage')!.name).to.equal('Alice');
    // Kept with its signature: Carol may pass it on to whoever joins the room next.
    const topics = await remoteDo<[string, string]>(pageC, `(c) => [c.roomTopic, c.history[0].signed ? 'signed' : 'unsigned']`, 'c');
    expect(topics).to.deep.equal([a.client.roomTopic, 'signed']);
  });
});
