// Figure 4: bulk transfer between two browser contexts. rtchat's `client.sendFile` (hash,
// signed offer, accept, its own data channel, receiver-side integrity check) beside a raw
// RTCDataChannel pushing the same Blob with the same chunking and water marks, in the same
// run, interleaved. While the sender sends, Node samples its renderer's memory over CDP.
import { closeTrial, roomTrial } from './rooms.mjs';
import { summarize } from './stats.mjs';

/**
 * Samples `Runtime.getHeapUsage` of `page` every `everyMs` until stopped: the V8 heap in use
 * plus `backingStorageSize`, the ArrayBuffer contents outside the heap, where the chunks
 * read from the Blob live. (performance.measureUserAgentSpecificMemory needs cross-origin
 * isolation, which the bench page does not have, and is too slow to sample a peak.)
 * Garbage is collected first, so the baseline is what the page holds before the transfer.
 */
async function memorySampler(page, everyMs = 25) {
  const cdp = await page.context().newCDPSession(page);
  const usage = async () => {
    const u = await cdp.send('Runtime.getHeapUsage');
    return { heap: u.usedSize, buffers: u.backingStorageSize ?? 0, total: u.usedSize + (u.backingStorageSize ?? 0) };
  };
  await cdp.send('HeapProfiler.collectGarbage');
  const base = await usage();
  let peak = base;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const u = await usage().catch(() => null);
      if (u && u.total > peak.total) peak = u;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await cdp.detach().catch(() => {});
      return { base, peak, growth: peak.total - base.total };
    },
  };
}

/**
 * CPU time a page's renderer spent over an interval, from CDP `Performance.getMetrics`:
 * `ThreadTime` is its main thread (script: hashing, reading, per-chunk work), `ProcessTime`
 * the whole renderer process, which also runs WebRTC's threads (SCTP, DTLS). CPU time, not
 * wall time, so it does not grow when other work on the machine delays the page.
 */
export async function cpuMeter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    return { main: m.ThreadTime * 1000, process: m.ProcessTime * 1000 };
  };
  const from = await read();
  return {
    async stop() {
      const to = await read();
      await cdp.detach().catch(() => {});
      return { mainMs: to.main - from.main, processMs: to.process - from.process };
    },
  };
}

/**
 * One transfer of `size` bytes from `pages[0]` to `pages[1]` of a connected pair.
 * With `check`, the receiver's WebCrypto SHA-256 of what arrived must equal the sender's.
 * @returns {{ totalMs: number, hashMs?: number, transferMs: number, senderCpu: object, receiverCpu: object, memory: object }}
 */
async function transferOnce(system, pages, size, push, { check = false } = {}) {
  const [sender, receiver] = pages;
  const expected = check ? await sender.evaluate(({ lib, size }) => window.bench[lib].bulkDigest(size), { lib: system, size }) : null;
  await receiver.evaluate(({ lib, size }) => window.bench[lib].bulkExpect(size), { lib: system, size });
  const mem = await memorySampler(sender);
  const cpu = await Promise.all(pages.map(cpuMeter));
  let sent;
  try {
    sent = await sender.evaluate(({ lib, size, push }) => window.bench[lib].bulkSend(size, push), { lib: system, size, push });
    const got = await receiver.evaluate(({ lib, check }) => window.bench[lib].bulkResult(check), { lib: system, check });
    if (got.size !== size) throw new Error(`received ${got.size} of ${size} bytes`);
    if (check && got.digest !== expected) throw new Error(`received bytes differ from the sent ones (SHA-256 ${got.digest} ≠ ${expected})`);
    // ours: the sender's transfer ends once its channel drained; part of the same run.
    if (system === 'ours') await sender.evaluate(() => window.bench.ours.bulkSenderDone());
    // Both pages stamp epoch milliseconds from performance.now(); same machine, same clock.
    const start = system === 'ours' ? sent.hashed : sent.t0;
    const [senderCpu, receiverCpu] = await Promise.all(cpu.map((c) => c.stop()));
    return {
      totalMs: got.at - sent.t0,
      ...(system === 'ours' ? { hashMs: sent.hashed - sent.t0 } : {}),
      transferMs: got.at - start,
      senderCpu,
      receiverCpu,
      memory: await mem.stop(),
    };
  } catch (e) {
    await mem.stop();
    await Promise.all(cpu.map((c) => c.stop().catch(() => {})));
    throw e;
  }
}

/**
 * Runs figure 4: one connected pair per system (each peer its own browser context), then
 * `runs` transfers of `sizeMiB` MiB per system after one warm-up each, alternating which
 * system goes first. `push` is the raw sender's chunking, the same as rtchat's.
 */
export async function throughputFigures(h, { sizeMiB, runs, push, fail, log }) {
  const size = sizeMiB * 2 ** 20;
  const order = ['ours', 'raw'];
  const trials = {};
  const samples = { ours: [], raw: [] };
  let componentsRates = null;
  try {
    for (const s of order) {
      trials[s] = await roomTrial(h, s, 2);
      if (trials[s].failure) {
        fail(`${s} throughput pair`, trials[s]);
        return null;
      }
      await trials[s].pages[0].evaluate(({ lib, size }) => window.bench[lib].bulkPrepare(size), { lib: s, size });
    }
    // Before timing anything: a file whose size is no multiple of any chunk or read size, and
    // the warm-up run, must arrive bit-identical (WebCrypto SHA-256 on both ends).
    for (const s of order) {
      try {
        await transferOnce(s, trials[s].pages, 3 * 2 ** 20 + 7, push, { check: true });
      } catch (e) {
        fail(`${s} odd-sized check transfer`, { failure: e.message.split('\n')[0] });
      }
    }
    for (let run = -1; run < runs; run++) {
      for (const s of run % 2 ? order : [...order].reverse()) {
        try {
          const r = await transferOnce(s, trials[s].pages, size, push, { check: run < 0 });
          if (run < 0) continue;
          samples[s].push(r);
          log(
            `  ${s.padEnd(5)} run ${run + 1}: ${r.totalMs.toFixed(0)} ms (${mibps(size, r.totalMs)} MiB/s)${r.hashMs !== undefined ? `, hashing ${r.hashMs.toFixed(0)} ms` : ''}, CPU main/process: sender ${r.senderCpu.mainMs.toFixed(0)}/${r.senderCpu.processMs.toFixed(0)} ms, receiver ${r.receiverCpu.mainMs.toFixed(0)}/${r.receiverCpu.processMs.toFixed(0)} ms, sender memory +${(r.memory.growth / 2 ** 20).toFixed(1)} MiB`,
          );
        } catch (e) {
          fail(`${s} transfer ${run < 0 ? 'warm-up' : run + 1}`, { failure: e.message.split('\n')[0] });
        }
      }
    }
  } finally {
    for (const t of Object.values(trials)) await closeTrial(h, t);
  }
  // The pieces alone, in a page of their own that sends nothing.
  const page = await h.openPage();
  try {
    log('  timing SHA-256 implementations and Blob reads alone');
    componentsRates = await page.evaluate(({ size }) => window.bench.components.componentRates(size, 5), { size: Math.min(size, 32 * 2 ** 20) });
  } catch (e) {
    fail('component rates', { failure: e.message.split('\n')[0] });
  } finally {
    await h.closePages([page]);
  }
  const fig = { size, runs, push, components: componentsRates };
  for (const s of order) {
    const xs = samples[s];
    if (!xs.length) continue;
    fig[s] = {
      totalMs: summarize(xs.map((x) => x.totalMs)),
      transferMs: summarize(xs.map((x) => x.transferMs)),
      ...(s === 'ours' ? { hashMs: summarize(xs.map((x) => x.hashMs)) } : {}),
      cpu: {
        senderMainMs: summarize(xs.map((x) => x.senderCpu.mainMs)),
        senderProcessMs: summarize(xs.map((x) => x.senderCpu.processMs)),
        receiverMainMs: summarize(xs.map((x) => x.receiverCpu.mainMs)),
        receiverProcessMs: summarize(xs.map((x) => x.receiverCpu.processMs)),
      },
      memoryGrowth: summarize(xs.map((x) => x.memory.growth)),
      memoryPeak: summarize(xs.map((x) => x.memory.peak.total)),
      memoryBase: summarize(xs.map((x) => x.memory.base.total)),
    };
  }
  return fig;
}

/** MiB per second, one decimal. */
export const mibps = (bytes, ms) => (bytes / 2 ** 20 / (ms / 1000)).toFixed(1);
