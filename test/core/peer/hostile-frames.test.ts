import { expect } from '@open-wc/testing';
import { testOptions } from '../../harness/rooms.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';
import { count, startRecorded, type Recorded } from '../../harness/recorder.js';

// A verified peer turns hostile: it writes raw frames into the very data channel our
// client reads. Nothing may crash, and a peer that keeps at it is disconnected by policy.

const opts = (topic: string, name: string) => testOptions(topic, { name });

/** Sends raw strings on the remote client's channel to its first peer. */
const sendRaw = (page: string, frames: string[]) =>
  peerEval(
    page,
    (frames: string[]) => {
      const harness = (window as any).harness;
      const client = harness.clients.r.client;
      // The link's current connection and its chat channel (private at runtime only).
      const channel = harness.internals(client).link(client.peers[0]).conn.channel as RTCDataChannel;
      let sent = 0;
      for (const f of frames) {
        if (channel.readyState !== 'open') break;
        channel.send(f);
        sent++;
      }
      return sent;
    },
    frames,
  );

describe('hostile data-channel frames', function () {
  this.timeout(30_000);
  let a: Recorded | undefined;
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in e ? e.reason : e.error);
  beforeEach(() => {
    errors.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  afterEach(async () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    await a?.client.disconnect();
    await closePeers();
  });

  async function hostilePair() {
    const topic = `frames-${crypto.randomUUID()}`;
    a = await startRecorded(opts(topic, 'Target'));
    const page = await openPeer('new-context');
    const id = await peerEval(
      page,
      async (o) => {
        const h = (window as any).harness;
        h.clients.r = await h.startRecorded(o);
        return h.clients.r.client.id as string;
      },
      opts(topic, 'Hostile'),
    );
    await a.until((s) => count(s, 'verified', id) === 1);
    await peerEval(page, () => (window as any).harness.clients.r.until((s: any[]) => s.some((x) => x.type === 'verified')));
    return { page, id };
  }

  it('drops malformed, oversized, mistyped and unknown frames with a reason and keeps the chat working', async () => {
    const { page, id } = await hostilePair();
    const bad = [
      'not json',
      '[]',
      'null',
      '{"t":"chat"}',
      '{"t":"chat","id":"x","text":42,"ts":1}',
      '{"t":"chat","id":"x","text":"hi","ts":1,"extra":"field"}',
      '{"t":"chat","id":"bad id!","text":"hi","ts":1}',
      JSON.stringify({ t: 'chat', id: 'big', text: 'x'.repeat(20_000), ts: 1 }),
      JSON.stringify({ t: 'ask', id: 'q', q: 'x'.repeat(40_000) }),
      '{"t":"launch-missiles"}',
      '{"t":"__proto__"}',
      '{"t":"answer","id":"nobody-asked","a":1}',
      JSON.stringify({ t: 'name', name: '\u202e\u0000' }),
      'x'.repeat(70_000),
    ];
    expect(await sendRaw(page, bad)).to.equal(bad.length);
    // Then an honest message from the same peer still arrives.
    await peerEval(page, () => (window as any).harness.clients.r.client.broadcast('still friends?'));
    const seen = await a!.until((s) => count(s, 'chatmessage') === 1);
    expect(seen.find((s) => s.type === 'chatmessage')!.text).to.equal('still friends?');
    const reasons = new Set(seen.filter((s) => s.type === 'drop').map((s) => s.reason));
    expect([...reasons]).to.include.members(['malformed', 'too-large', 'unknown-kind']);
    expect(a!.client.getPeer(id)!.verified).to.be.true;
    expect(errors).to.deep.equal([]);
  });

  it('disconnects a flooding peer by policy and stays usable', async () => {
    const { page, id } = await hostilePair();
    const flood = Array.from({ length: 3000 }, (_, i) => (i % 2 ? '{"t":"ask","id":"q' + i + '","q":' + i + '}' : 'garbage ' + i));
    await sendRaw(page, flood);
    const seen = await a!.until((s) => count(s, 'peerdisconnected', id) === 1);
    expect(seen.find((s) => s.type === 'peerdisconnected')!.reason).to.equal('policy');
    expect(seen.some((s) => s.type === 'drop' && s.reason === 'policy')).to.be.true;
    // Drops are reported once per reason, not once per frame.
    expect(seen.filter((s) => s.type === 'drop').length).to.be.below(10);
    expect(errors).to.deep.equal([]);
  });

  it('disconnects a peer that floods well-formed frames far past the frame limit', async () => {
    const { page, id } = await hostilePair();
    // Valid frames, so no strikes: the frame limit (1,000 a second, burst 2,000) drops most,
    // and more than 2,000 over it within a second is no honest client.
    await sendRaw(
      page,
      Array.from({ length: 6000 }, () => '{"t":"ping"}'),
    );
    const seen = await a!.until((s) => count(s, 'peerdisconnected', id) === 1);
    expect(seen.find((s) => s.type === 'peerdisconnected')!.reason).to.equal('policy');
    expect(seen.find((s) => s.type === 'drop' && s.reason === 'policy')!.text).to.match(/frames over the limit/);
    expect(errors).to.deep.equal([]);
  });

  it('answers an ask flood with "busy" instead of queueing without bound', async () => {
    const topic = `asks-${crypto.randomUUID()}`;
    // Our app answers slowly, so questions pile up.
    a = await startRecorded(opts(topic, 'Slow'), 'accept', () => new Promise((r) => setTimeout(() => r('done'), 2000)));
    const page = await openPeer('new-context');
    await peerEval(
      page,
      async (o) => {
        const h = (window as any).harness;
        h.clients.r = await h.startRecorded(o);
      },
      opts(topic, 'Curious'),
    );
    await a.until((s) => count(s, 'verified') === 1);
    const answers = await peerEval(page, async () => {
      const c = (window as any).harness.clients.r.client;
      await (window as any).harness.clients.r.until((s: any[]) => s.some((x) => x.type === 'verified'));
      const peer = c.peers[0];
      const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => peer.ask(i, { timeout: 5000 })));
      return results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason.message)));
    });
    expect(answers.filter((x) => x === 'done')).to.have.length(16);
    expect(answers.filter((x) => x === 'busy')).to.have.length(24);
  });
});
