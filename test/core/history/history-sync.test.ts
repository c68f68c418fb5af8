import { expect } from '@open-wc/testing';
import { ChatHistory } from '../../../src/core/delivery/history.js';
import { HistoryMessageEvent } from '../../../src/core/events/history-events.js';
import { HistorySync, STRANGER_CAP } from '../../../src/core/history/history-sync.js';
import { signMessage } from '../../../src/core/history/signed-message.js';
import { decodeSummary, encodeSummary } from '../../../src/core/history/summary.js';
import { Identity } from '../../../src/core/identity/identity.js';
import type { TrustAssessment } from '../../../src/core/identity/trust-policy.js';
import type { PeerLink } from '../../../src/core/peer/peer-link.js';
import type { RTChatClientOptions } from '../../../src/core/options.js';
import { fromHex, toBase64Url } from '../../../src/core/util/bytes.js';

// The sync's rules on their own: a stand-in for the peer (what it is sent, the strikes it
// gets) and for the trust store; real signatures, a real in-memory history.

const ROOM = 'room-topic';

interface FakeLink {
  key: string;
  id: string;
  peer: object;
  verified: boolean;
  publicKey: Uint8Array;
  strikes: string[];
  summaries: { f: string; max: number; since: number }[];
  sent: { a: string; n: string; id: string; ts: number; text: string; sig: string }[];
  strike(reason: string): void;
  sendSummary(f: string, max: number, since: number): void;
  sendShared(m: FakeLink['sent'][number]): void;
}

function fakeLink(key = 'peer'): FakeLink {
  const link: FakeLink = {
    key,
    id: `${key}-1`,
    peer: {},
    verified: true,
    publicKey: new Uint8Array(32),
    strikes: [],
    summaries: [],
    sent: [],
    strike(reason) {
      link.strikes.push(reason);
    },
    sendSummary(f, max, since) {
      link.summaries.push({ f, max, since });
    },
    sendShared(m) {
      link.sent.push(m);
    },
  };
  return link;
}

async function setup(options: Partial<RTChatClientOptions> = { history: 'share' }, met: (key: string) => boolean = () => false) {
  const me = await Identity.ephemeral();
  const history = await ChatHistory.open(null, ROOM);
  const events: HistoryMessageEvent[] = [];
  const drops: string[] = [];
  const ctx = {
    options,
    closed: false,
    emit: (e: Event) => void events.push(e as HistoryMessageEvent),
    drop: (_s: string, reason: string) => void drops.push(reason),
    error: () => {},
  };
  const assess = (key: Uint8Array): TrustAssessment => ({ status: met(toBase64Url(key)) ? 'seen' : 'new', warning: null, pin: false });
  const sync = new HistorySync(ctx, assess);
  sync.attach({ history, signer: me, roomTopic: ROOM, name: () => 'Me' });
  return { me, history, sync, events, drops };
}

/** A message by `author` as a peer would pass it on. */
async function frame(author: Identity, id: string, ts = Date.now(), text = `text of ${id}`, name = 'Ann') {
  const sig = await signMessage(author, { room: ROOM, author: author.publicKey, name, id, ts, text, noForward: false });
  return { a: toBase64Url(author.publicKey), n: name, id, ts, text, sig, nf: false };
}

describe('HistorySync', () => {
  it('tells a verified peer what it holds, then sends only what the peer lacks, newest it takes, oldest first', async () => {
    const { sync, history, me } = await setup();
    for (const [i, id] of ['m1', 'm2', 'm3', 'm4'].entries()) {
      const sentAt = Date.now() - 1000 + i;
      history.add({
        id,
        from: null,
        to: null,
        direct: false,
        text: id,
        sentAt,
        deliveredTo: [],
        sentTo: [],
        signed: await sync.signOwn({ id, text: id, sentAt, noForward: false }),
      });
    }
    history.add({ id: 'dm', from: null, to: null, direct: true, text: 'dm', sentAt: Date.now(), deliveredTo: [], sentTo: [] });
    const link = fakeLink();
    sync.verified(link as unknown as PeerLink);
    expect(link.summaries).to.have.length(1);
    expect(decodeSummary(link.summaries[0].f).size).to.equal(4); // the DM is not in the window
    // The peer holds m4 already (its summary names only m4), and takes 2: the newest it lacks.
    const ours = [...decodeSummary(link.summaries[0].f)];
    const theirs = encodeSummary([fromHex(ours[3])]);
    sync.summary(link as unknown as PeerLink, { f: theirs, max: 2, since: 0 });
    expect(link.sent.map((m) => m.id)).to.deep.equal(['m2', 'm3']);
    expect(link.sent[0].a).to.equal(toBase64Url(me.publicKey));
    // A second summary on the same connection is a strike.
    sync.summary(link as unknown as PeerLink, { f: '', max: 2, since: 0 });
    expect(link.strikes).to.deep.equal(['policy']);
  });

  it('keeps a passed-on message that verifies, by time, once; drops forgeries, old ones and unforwardable ones with their reasons', async () => {
    const { sync, history, events } = await setup();
    const ann = await Identity.ephemeral();
    const link = fakeLink();
    sync.verified(link as unknown as PeerLink);
    const since = link.summaries[0].since;
    const good = await frame(ann, 'a1');
    // The author's key respelled (same bytes, other unused low bits): still the one author.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = good.a.slice(0, -1) + alphabet[alphabet.indexOf(good.a[42]) ^ 1];
    const frames = [
      good,
      good,
      { ...(await frame(ann, 'a2')), text: 'altered' },
      await frame(ann, 'old', since - 1),
      { ...(await frame(ann, 'nf')), nf: true },
      { ...good, a: respelled },
    ];
    // All at once, as they would come off the channel: the cheap checks strike at once, the signature checks after.
    for (const f of frames) sync.shared(link as unknown as PeerLink, f);
    await sync.checked();
    expect(link.strikes).to.deep.equal(['stale', 'not-forwardable', 'bad-signature']);
    expect(respelled).not.to.equal(good.a);
    expect(events.map((e) => [e.text, e.author, e.name, e.trust])).to.deep.equal([['text of a1', good.a, 'Ann', 'never-met']]);
    expect(history.all().map((r) => [r.id, r.from?.key, r.sharedBy])).to.deep.equal([['a1', good.a, 'peer']]);
  });

  it('takes at most the window it asked for, and at most STRANGER_CAP messages by keys never met', async () => {
    const { sync, events } = await setup({ history: 'share', historyWindow: { messages: STRANGER_CAP + 5 } }, (key) => key === metKey);
    const met = await Identity.ephemeral();
    const metKey = toBase64Url(met.publicKey);
    const link = fakeLink();
    sync.verified(link as unknown as PeerLink);
    const stranger = await Identity.ephemeral();
    const frames = [];
    for (let i = 0; i < STRANGER_CAP + 2; i++) frames.push(await frame(stranger, `s${i}`));
    for (let i = 0; i < 5; i++) frames.push(await frame(met, `k${i}`));
    for (const f of frames) sync.shared(link as unknown as PeerLink, f);
    await sync.checked();
    expect(events.filter((e) => e.author !== metKey)).to.have.length(STRANGER_CAP);
    // 102 + 5 = 107 offered against a window of 105: the last two of the met key's are over it.
    expect(events.filter((e) => e.author === metKey)).to.have.length(3);
    expect(link.strikes).to.deep.equal(['policy', 'policy', 'policy', 'policy']);
  });

  it('does nothing when not sharing: no summary, no answer, and passed-on messages are refused', async () => {
    const { sync } = await setup({});
    const link = fakeLink();
    sync.verified(link as unknown as PeerLink);
    sync.summary(link as unknown as PeerLink, { f: '', max: 10, since: 0 });
    sync.shared(link as unknown as PeerLink, await frame(await Identity.ephemeral(), 'x'));
    expect([link.summaries.length, link.sent.length, link.strikes]).to.deep.equal([0, 0, ['policy']]);
  });

  it("keeps a live message's author signature when it verifies against the sender's key, and never passes on one that does not", async () => {
    const { sync, history, drops } = await setup();
    const bob = await Identity.ephemeral();
    const link = { ...fakeLink(toBase64Url(bob.publicKey)), publicKey: bob.publicKey };
    const live = async (id: string, sigBy: Identity) => {
      const ts = Date.now();
      history.add({ id, from: { key: link.key, tab: 1, name: 'Bob' }, to: null, direct: false, text: id, sentAt: ts, deliveredTo: [], sentTo: [] });
      const sig = await signMessage(sigBy, { room: ROOM, author: bob.publicKey, name: 'Bob', id, ts, text: id, noForward: false });
      sync.live(link as unknown as PeerLink, { id, text: id, ts, signed: { sig, name: 'Bob' } });
    };
    await live('good', bob);
    await live('forged', await Identity.ephemeral());
    await sync.checked();
    expect(history.all().map((r) => [r.id, !!r.signed])).to.deep.equal([
      ['good', true],
      ['forged', false],
    ]);
    expect(drops).to.deep.equal(['bad-signature']);
  });
});
