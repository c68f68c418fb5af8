import { expect } from '@open-wc/testing';
import { type RTChatClientOptions } from '../../../src/index.js';
import { internals } from '../../../src/core/room/internals.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';
import { startRemote, testOptions } from '../../harness/rooms.js';
import { count, localClients, type Recorded } from '../../harness/recorder.js';

// Attacks on shared history (issue 19) by a verified peer that speaks our protocol: its
// client is ours, but it writes `hmsg` frames straight into its channel, past its own checks.
// The victim is a real client in this page; real brokers, real WebRTC.

const share = (topic: string, extra: Partial<RTChatClientOptions> = {}) => testOptions(topic, { history: 'share', ...extra });

/** Every drop the victim makes, before the once-a-minute dedupe of `drop` events. */
function tapDrops(r: Recorded): string[] {
  const drops: string[] = [];
  internals(r.client).tapDrops((source, reason) => drops.push(`${source}:${reason}`));
  return drops;
}

/** In the attacker's page: writes `frames` to the peer `to` at `perSecond`, then says `done` live. */
const writeFrames = (page: string, key: string, to: string, frames: unknown[] | string, perSecond = 30) =>
  peerEval(
    page,
    async ({ key, to, frames, perSecond }) => {
      const { clients, internals } = (window as any).harness;
      const client = clients[key].client;
      const link = internals(client).link(client.peers.find((p: any) => p.id === to));
      const list = typeof frames === 'string' ? await (0, eval)(`(${frames})`)(client) : frames;
      for (const [i, f] of list.entries()) {
        link.write(f);
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, (10 * 1000) / perSecond));
      }
      client.broadcast('done');
      return list.length;
    },
    { key, to, frames, perSecond },
  );

describe('attack: shared history', function () {
  this.timeout(120_000);
  const clients = localClients();

  afterEach(async () => {
    await clients.disconnectAll();
    await closePeers();
  });

  it('messages validly signed by keys never met are capped at 100 per connection, the rest dropped', async () => {
    const topic = `history-strangers-${crypto.randomUUID()}`;
    const c = await clients.start(share(topic, { name: 'Carol' }));
    const drops = tapDrops(c);
    const page = await openPeer('new-context');
    const m = await startRemote(page, share(topic, { name: 'Mallory' }), { key: 'm' });
    await c.until((s) => count(s, 'verified', m.id) === 1);
    const written = await writeFrames(page, 'm', c.client.id!, `(c) => window.harness.historyAttacker.strangerFrames(c.roomTopic, 130)`);
    expect(written).to.equal(130);
    await c.until((s) => s.some((x) => x.type === 'chatmessage' && x.text === 'done'), 60_000);
    await internals(c.client).historyChecked();

    const shown = c.seen.filter((s) => s.type === 'historymessage');
    expect(shown).to.have.length(100);
    expect(shown.every((s) => s.trust === 'never-met' && s.name === 'Stranger')).to.be.true;
    expect(drops.filter((d) => d === 'channel:policy')).to.have.length(30);
    expect(c.client.history.filter((r) => r.text.startsWith('junk by a stranger'))).to.have.length(100);
  });

  it('a message marked not to be forwarded, or from another room, is dropped with its reason when passed on', async () => {
    // Room X: Alice and Mallory. Room Y: Carol and Mallory's second client (same page).
    const roomX = `history-x-${crypto.randomUUID()}`;
    const roomY = `history-y-${crypto.randomUUID()}`;
    const a = await clients.start(share(roomX, { name: 'Alice' }));
    const page = await openPeer('new-context');
    const m = await startRemote(page, share(roomX, { name: 'Mallory' }), { key: 'm' });
    await a.until((s) => count(s, 'verified', m.id) === 1);
    a.client.broadcast('for those here only', { forward: false });
    a.client.broadcast('said in room X');
    await peerEval(page, async () => {
      const c = (window as any).harness.clients.m.client;
      for (const end = Date.now() + 15_000; c.history.filter((r: any) => r.signed).length < 2; await new Promise((r) => setTimeout(r, 50)))
        if (Date.now() > end) throw new Error(`not signed: ${JSON.stringify(c.history)}`);
      return true;
    });

    const c = await clients.start(share(roomY, { name: 'Carol' }));
    const drops = tapDrops(c);
    const m2 = await startRemote(page, share(roomY, { name: 'Mallory' }), { key: 'm2' });
    await c.until((s) => count(s, 'verified', m2.id) === 1);
    // From what Mallory holds of room X: the unforwardable message as signed (nf kept), the
    // same with nf stripped, and the room-X message as it is.
    const frames = await peerEval(page, () => {
      const records = (window as any).harness.clients.m.client.history;
      const frame = (r: any, nf: boolean) => ({ t: 'hmsg', a: r.from.key, n: r.signed.name, id: r.id, ts: r.sentAt, text: r.text, sig: r.signed.sig, ...(nf ? { nf: true } : {}) });
      const secret = records.find((r: any) => r.text === 'for those here only');
      const open = records.find((r: any) => r.text === 'said in room X');
      return [frame(secret, true), frame(secret, false), frame(open, false)];
    });
    await writeFrames(page, 'm2', c.client.id!, frames);
    await c.until((s) => s.some((x) => x.type === 'chatmessage' && x.text === 'done'));
    await internals(c.client).historyChecked();

    expect(drops.filter((d) => d === 'channel:not-forwardable')).to.have.length(1);
    expect(drops.filter((d) => d === 'channel:bad-signature')).to.have.length(2);
    expect(c.seen.filter((s) => s.type === 'historymessage')).to.have.length(0);
    expect(JSON.stringify(c.client.history)).not.to.include('room X').and.not.to.include('those here only');
  });
});
