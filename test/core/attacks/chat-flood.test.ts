import { expect } from '@open-wc/testing';
import { CHAT_CHARS, CHAT_MESSAGES } from '../../../src/core/peer/budget.js';
import { closePeers, openPeer, peerEval } from '../../harness/peer.js';
import { remoteUntil as clientUntil, startRemote, testOptions } from '../../harness/rooms.js';
import { openRemoteRoom, remoteDo, remoteUntil, roomAttributes } from '../../elements/remote-room.js';
import { remoteProbe } from '../../elements/room-view.js';

// Issue 12, attack 4: a verified peer (anyone, under auto-accept="all") writes 16 KB chat
// frames as fast as its channel takes them for one second, straight into the channel (past
// its own client's pacing, as a hostile client would). The victim is a page with a
// <rt-chat-room>; a third page, an honest newcomer, joins while the flood is on.

/** How long the attacker writes. */
const FLOOD_MS = 1_000;
/** Characters of each flood message (the longest allowed is 16 Ki). */
const FLOOD_CHARS = 16_000;
/** The victim page's own timer never stalls this long; a probe slower than this is logged as Infinity. */
const PROBE_LIMIT_MS = 1_000;
/** The newcomer must be verified (on both sides) within this of starting. */
const VERIFY_LIMIT_MS = 5_000;

/** In the victim page: a 20 ms interval that records its longest gap, long tasks, and `drop` events. */
const watchVictim = (page: string) =>
  remoteDo(
    page,
    `(room) => {
      const w = (window.watch = { maxGap: 0, longest: 0, drops: [] });
      let last = performance.now();
      w.timer = setInterval(() => { const now = performance.now(); w.maxGap = Math.max(w.maxGap, now - last); last = now; }, 20);
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration); }).observe({ type: 'longtask' });
      room.client.addEventListener('drop', (e) => w.drops.push({ source: e.source, reason: e.reason, detail: e.detail, sender: e.sender }));
      return true;
    }`,
  );

/**
 * Starts the flood of `chars`-character messages in the attacker's page; resolves with the
 * frames written once the channel has sent them all (that can take seconds more).
 */
const flood = (page: string, chars: number) =>
  peerEval(
    page,
    async ({ ms, chars }: { ms: number; chars: number }) => {
      const { clients, internals } = (window as any).harness;
      // The peer's link and its chat channel (private at runtime only): past our own pacing and budgets.
      const peer = internals(clients.r.client).link(clients.r.client.peers.find((p: any) => p.verified));
      const channel = peer.conn.channel as RTCDataChannel;
      const text = 'x'.repeat(chars);
      const end = performance.now() + ms;
      let written = 0;
      while (performance.now() < end && channel.readyState === 'open') {
        // As fast as the channel takes it: wait only when 12 MB are queued (past 16 MB the browser refuses).
        if (channel.bufferedAmount > 12 << 20) {
          await new Promise((r) => setTimeout(r, 0));
          continue;
        }
        const id = `flood${written++}`;
        peer.write({ t: 'chat', id, text, ts: Date.now() });
      }
      // Until it left (or 30 s: on a machine whose cores are busy, 12 MB drain slowly; the
      // victim's experience is what the test measures, not the attacker's queue).
      for (const stop = performance.now() + 30_000; channel.readyState === 'open' && channel.bufferedAmount > 0 && performance.now() < stop;)
        await new Promise((r) => setTimeout(r, 50));
      return written;
    },
    { ms: FLOOD_MS, chars },
  );

/** Round trip of a trivial evaluation in `page`, or Infinity when it takes over `limit`. */
async function probe(page: string, limit: number): Promise<number> {
  const start = performance.now();
  const answered = await Promise.race([peerEval(page, () => true), new Promise<false>((r) => setTimeout(() => r(false), limit))]);
  return answered ? performance.now() - start : Infinity;
}

const logLinesFrom = (name: string) =>
  `(room) => [...room.shadowRoot.querySelector('rt-message-log').shadowRoot.querySelectorAll('[part~="message"]')].filter((m) => m.querySelector('[part="sender"]').textContent === ${JSON.stringify(name)}).length`;

describe('attack: a verified peer floods the chat', function () {
  this.timeout(120_000);
  afterEach(() => closePeers());

  it('of 16 KB messages: the page keeps answering, a newcomer verifies and chats, a bounded share is shown', async () => {
    const chars = FLOOD_CHARS;
    const topic = `flood-${crypto.randomUUID()}`;
    const victim = await openRemoteRoom(roomAttributes(topic, { name: 'Victim', 'auto-accept': 'all' }));
    const attackerPage = await openPeer('new-context');
    const attacker = await startRemote(attackerPage, testOptions(topic, { name: 'Mallory' }));
    await remoteUntil(victim, remoteProbe.peerInState('Mallory', 'verified'));
    await clientUntil(attackerPage, `(s) => s.some((x) => x.type === 'verified')`);
    // The newcomer's page is loaded before the attack; its client starts during it.
    const newcomerPage = await openPeer('new-context');
    await peerEval(newcomerPage, () => true);
    await watchVictim(victim);

    const attack = flood(attackerPage, chars);
    const started = performance.now();
    await new Promise((r) => setTimeout(r, 200)); // the flood is under way
    const joinedAt = startRemote(newcomerPage, testOptions(topic, { name: 'Newcomer' }))
      .then(() => clientUntil(newcomerPage, `(s) => s.some((x) => x.type === 'verified' && x.name === 'Victim')`, { timeout: VERIFY_LIMIT_MS + 5_000 }))
      .then(
        () => performance.now(),
        () => Infinity,
      );

    // Probe the victim every 100 ms from the start of the flood until 2 s after its last frame left.
    const probes: number[] = [];
    let written = -1;
    let sentAt = Infinity;
    void attack.then((n) => ((written = n), (sentAt = performance.now())));
    while (performance.now() - sentAt < 2_000) {
      const rtt = await probe(victim, PROBE_LIMIT_MS);
      probes.push(rtt);
      await new Promise((r) => setTimeout(r, 100));
    }
    // No flood command outlives the test.
    await attack;
    const slowest = Math.max(...probes);
    const verifiedAfter = (await joinedAt) - started - 200;
    const watch = await peerEval(
      victim,
      () => (window as any).watch as { maxGap: number; longest: number; drops: { source: string; reason: string; detail: string; sender: string }[] },
    );
    console.log(
      `chat flood of ${chars}-character messages: ${written} frames written in ${FLOOD_MS} ms, all sent after ${Math.round(sentAt - started)} ms; ` +
        `slowest of ${probes.length} probes ${Math.round(slowest)} ms; victim's longest timer gap ${Math.round(watch.maxGap)} ms, ` +
        `longest task ${Math.round(watch.longest)} ms; newcomer verified after ${Math.round(verifiedAfter)} ms`,
    );

    expect(written, 'frames the attacker wrote').to.be.greaterThan(300);
    // The page's own main thread is what its user feels (its timer gap, below); the probe's
    // round trip through the test runner also carries the runner's and the broker's load on
    // a busy machine (one probe took over 1 s while the page's longest gap was 238 ms), so it
    // is logged, not asserted, as in flood.test.ts.
    expect(watch.maxGap, "longest gap of the victim's 20 ms timer (ms)").to.be.below(PROBE_LIMIT_MS);
    expect(verifiedAfter, 'newcomer verified after (ms)').to.be.below(VERIFY_LIMIT_MS);
    await remoteUntil(victim, remoteProbe.peerInState('Newcomer', 'verified'), 2_000);

    // What the victim's user sees: a bounded share of the flood, the reason reported, and
    // the newcomer's message.
    await peerEval(newcomerPage, () => (window as any).harness.clients.r.client.broadcast('hello from the newcomer'));
    await remoteUntil(victim, remoteProbe.messageText('hello from the newcomer'), 10_000);
    // The frames reach the victim for as long as the channel takes to carry them, and the
    // budget lets through its burst plus its rate for that long.
    const seconds = (sentAt - started) / 1000 + 1;
    const most = Math.floor(Math.min((CHAT_CHARS.burst + CHAT_CHARS.perSecond * seconds) / chars, CHAT_MESSAGES.burst + CHAT_MESSAGES.perSecond * seconds));
    const shown = await remoteDo<number>(victim, logLinesFrom('Mallory'));
    console.log(`chat flood of ${chars}-character messages: ${shown} of ${written} shown (the budget allows ${most})`);
    expect(shown, `lines from the attacker in the log (of ${written})`).to.be.within(1, most);
    const limited = watch.drops.filter((d) => d.source === 'channel' && d.reason === 'rate-limited' && d.sender === attacker.id);
    expect(limited, 'rate-limited drops reported').to.have.length.greaterThan(0);
  });
});
