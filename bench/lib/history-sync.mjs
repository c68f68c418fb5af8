// Figure 9: shared history. 500 room messages reach a newcomer by a sync (one member holds
// them, the newcomer joins with `history: 'share'`), beside the same 500 messages sent live
// to a peer already there, with sharing on (signed) and off (unsigned). Bytes: the chat channel's counters (both directions; the sync's
// include its handshake and both summaries). Time: the sync from the newcomer's `verified`
// to its last `historymessage`; live from the first `broadcast` to the last `chatmessage`
// (both clocks are Date.now() on one machine).
import { summarize } from './stats.mjs';

const N = 500;
const CHARS = 80;

export async function historyFigures(h, { runs, log = () => {}, fail = () => {} }) {
  const samples = { syncMs: [], syncBytes: [], liveMs: [], liveBytes: [], plainMs: [], plainBytes: [] };
  for (let i = 0; i < runs; i++) {
    const pages = [];
    try {
      const open = async (topic, name, share = true) => {
        const p = await h.openPage();
        pages.push(p);
        await p.evaluate((o) => window.bench.history.start(o), { url: h.brokerUrl, topic, name, share });
        return p;
      };
      // Live without sharing (no signatures), for what signing costs live chat.
      const plainTopic = `history-plain-${i}-${Date.now()}`;
      const p1 = await open(plainTopic, 'A', false);
      const p2 = await open(plainTopic, 'B', false);
      await p2.evaluate(() => window.bench.history.verified());
      await p1.evaluate(() => window.bench.history.verified());
      const plainBefore = await p2.evaluate(() => window.bench.history.channelBytes());
      const plainStart = await p1.evaluate(({ n, chars }) => window.bench.history.say(n, chars), { n: N, chars: CHARS });
      const plain = await p2.evaluate((n) => window.bench.history.until('chat', n), N);
      if (plain.chat < N) throw new Error(`live without sharing: ${plain.chat} of ${N} arrived`);
      samples.plainMs.push(plain.lastChatAt - plainStart);
      samples.plainBytes.push((await p2.evaluate(() => window.bench.history.channelBytes())) - plainBefore);
      await h.closePages(pages.splice(0));

      // Live: two peers verified, then 500 messages.
      const liveTopic = `history-live-${i}-${Date.now()}`;
      const a = await open(liveTopic, 'A');
      const b = await open(liveTopic, 'B');
      await b.evaluate(() => window.bench.history.verified());
      await a.evaluate(() => window.bench.history.verified());
      const before = await b.evaluate(() => window.bench.history.channelBytes());
      const started = await a.evaluate(({ n, chars }) => window.bench.history.say(n, chars), { n: N, chars: CHARS });
      const live = await b.evaluate((n) => window.bench.history.until('chat', n), N);
      if (live.chat < N) throw new Error(`live: ${live.chat} of ${N} arrived`);
      samples.liveMs.push(live.lastChatAt - started);
      samples.liveBytes.push((await b.evaluate(() => window.bench.history.channelBytes())) - before);

      // Sync: A2 said 500 alone; C joins and gets them.
      const syncTopic = `history-sync-${i}-${Date.now()}`;
      const a2 = await open(syncTopic, 'A');
      await a2.evaluate(({ n, chars }) => window.bench.history.say(n, chars), { n: N, chars: CHARS });
      const c = await open(syncTopic, 'C');
      const sync = await c.evaluate((n) => window.bench.history.until('history', n), N);
      if (sync.history < N) throw new Error(`sync: ${sync.history} of ${N} arrived`);
      samples.syncMs.push(sync.lastHistoryAt - sync.verifiedAt);
      samples.syncBytes.push(await c.evaluate(() => window.bench.history.channelBytes()));
      log(
        `  run ${i + 1}: live unsigned ${samples.plainMs.at(-1)} ms / ${samples.plainBytes.at(-1)} B, live signed ${samples.liveMs.at(-1)} ms / ${samples.liveBytes.at(-1)} B, sync ${samples.syncMs.at(-1)} ms / ${samples.syncBytes.at(-1)} B`,
      );
    } catch (e) {
      fail(`history run ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await h.closePages(pages);
    }
  }
  return {
    messages: N,
    chars: CHARS,
    runs,
    plainMs: summarize(samples.plainMs),
    plainBytes: summarize(samples.plainBytes),
    liveMs: summarize(samples.liveMs),
    liveBytes: summarize(samples.liveBytes),
    syncMs: summarize(samples.syncMs),
    syncBytes: summarize(samples.syncBytes),
  };
}
