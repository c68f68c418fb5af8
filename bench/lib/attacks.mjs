// Figure 7: the cost of an attack to its victim. For each attack of
// test/core/attacks/flood.test.ts, a fresh room: a victim page (rtchat, autoAccept 'all', as
// in a public room) and an attacker page (a raw mqtt.js client with throw-away keys), each in
// its own browser context. The attacker runs for `seconds`; an honest newcomer joins halfway.
// The victim watches itself (bench/pages/attacks.ts); Node reads its renderer's CPU and heap
// over CDP. Baselines from the same run: the same victim with no attacker, and a Trystero
// room, idle and under the junk flood on its own topic.
import { freshRun } from './rooms.mjs';
import { summarize } from './stats.mjs';
import { cpuMeter } from './throughput.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The rates of test/core/attacks/flood.test.ts. */
export const ATTACKS = {
  announces: { perSecond: 32, what: '32 fresh signed announces/s on the room topic' },
  offers: { perSecond: 32, what: "32 sealed offers/s without ICE candidates to the victim's inbox, each from a fresh key" },
  junk: { junk: 90, copies: 10, every: 100, what: "1,000 payloads/s on the room topic: 900 unique 10-byte junk + 100 copies of the victim's announce with random signatures" },
};

/** rtchat's scenarios, then Trystero's. `attack` is a key of ATTACKS, or none (the idle baseline). */
export const SCENARIOS = [
  { key: 'idle', system: 'ours', label: 'rtchat, no attack (baseline)' },
  { key: 'announces', system: 'ours', attack: 'announces', label: 'rtchat, (a) 32 fresh announces/s' },
  { key: 'offers', system: 'ours', attack: 'offers', label: 'rtchat, (b) 32 sealed offers/s, no candidates' },
  { key: 'junk', system: 'ours', attack: 'junk', label: 'rtchat, (c) 900 junk + 100 spoofed announces/s' },
  { key: 'trysteroIdle', system: 'trystero', label: 'Trystero, no attack (baseline)' },
  { key: 'trysteroJunk', system: 'trystero', attack: 'junk', label: 'Trystero, (c) 900 junk + 100 announce copies/s' },
];

/**
 * Samples the V8 heap of `page` (CDP Runtime.getHeapUsage) every `everyMs` until stopped.
 * A GC first, so the base is what the page holds; at the end, the heap as it is, then after a GC
 * (what the attack left behind).
 */
async function heapMeter(page, everyMs = 250) {
  const cdp = await page.context().newCDPSession(page);
  const usage = async () => {
    const u = await cdp.send('Runtime.getHeapUsage');
    return { heap: u.usedSize, buffers: u.backingStorageSize ?? 0 };
  };
  await cdp.send('HeapProfiler.collectGarbage');
  const base = await usage();
  let peak = base.heap;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const u = await usage().catch(() => null);
      if (u && u.heap > peak) peak = u.heap;
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const end = await usage();
      await cdp.send('HeapProfiler.collectGarbage');
      const retained = await usage();
      await cdp.detach().catch(() => {});
      return { base: base.heap, peak: Math.max(peak, end.heap), end: end.heap, retained: retained.heap, buffersBase: base.buffers, buffersRetained: retained.buffers };
    },
  };
}

/** Joins `page` to the scenario's room; what the attacker and the newcomer need to know. */
async function joinRoom(page, system, url, room, name) {
  if (system === 'ours') return page.evaluate((o) => window.bench.ours.join(o), { url, topic: room, name });
  return page.evaluate((o) => window.bench.trystero.join(o), { url, appId: 'rtchat-bench', roomId: room });
}

/** Sets up the scenario's attack in `attacker`, to run as `plan` says; resolves with the attacked topic. */
async function startAttack(attacker, victimPage, s, url, room, victimJoin, plan) {
  const a = ATTACKS[s.attack];
  if (s.system === 'trystero') {
    // Trystero has no signatures: the copies are its own announce, `{"peerId":…}`, verbatim.
    const topic = await attacker.evaluate(({ room }) => window.bench.attacks.trysteroRootTopic('rtchat-bench', room), { room });
    const template = [...Buffer.from(JSON.stringify({ peerId: victimJoin.id }))];
    await attacker.evaluate((o) => window.bench.attacks.junkFlood(o), { url, topic, junk: a.junk, copies: a.copies, template, randomTail: 0, plan });
    return topic;
  }
  const victim = await victimPage.evaluate(() => window.bench.attacks.victimInfo());
  if (s.attack === 'announces') await attacker.evaluate((o) => window.bench.attacks.announceFlood(o), { url, roomTopic: victim.roomTopic, perSecond: a.perSecond, plan });
  else if (s.attack === 'offers') {
    await attacker.evaluate((o) => window.bench.attacks.offerFlood(o), { url, victim, perSecond: a.perSecond, plan });
    return victim.inbox;
  } else {
    const template = await attacker.evaluate((v) => window.bench.attacks.spoofedAnnounce(v), victim);
    await attacker.evaluate((o) => window.bench.attacks.junkFlood(o), { url, topic: victim.roomTopic, junk: a.junk, copies: a.copies, template, randomTail: 64, plan });
  }
  return victim.roomTopic;
}

/**
 * The newcomer joins at `joinAt` (epoch ms, by its own timer) and watches itself until
 * `stopAt`, as the victim does (it is in the room, so the flood reaches it too). Resolves
 * with its join time and the ms from its join call until it and the victim have both verified
 * each other (Trystero: both had onPeerJoin), each page stamping its own marks, and for
 * rtchat the stages on the way.
 */
async function newcomerJoins(s, newcomer, victimPage, victimId, url, room, { joinAt, stopAt, timeoutMs }) {
  const kind = s.system === 'ours' ? 'verified' : 'joined';
  const j = await newcomer.evaluate((o) => window.bench.attacks.newcomer(o), {
    lib: s.system,
    join: { url, topic: room, name: 'Newcomer', appId: 'rtchat-bench' },
    joinAt,
    stopAt,
  });
  const until = (page) => page.evaluate(({ lib, kind, t }) => window.bench[lib].timeline.until(kind, 1, t), { lib: s.system, kind, t: timeoutMs });
  let a, b;
  try {
    [a, b] = await Promise.all([until(newcomer), until(victimPage)]);
  } catch (error) {
    return { t0: j.t0, error };
  }
  const ms = Math.max(a[0], b[0]) - j.t0;
  if (s.system !== 'ours') return { t0: j.t0, ms, stages: null };
  const marks = (page, peer) => page.evaluate(({ peer }) => window.bench.ours.timeline.marks.filter((m) => m.peer === peer), { peer });
  const [theirs, ours] = await Promise.all([marks(victimPage, j.id), marks(newcomer, victimId)]);
  const at = (list, kind) => (list.find((m) => m.kind === kind)?.at ?? NaN) - j.t0;
  return {
    t0: j.t0,
    ms,
    // ms from the newcomer's join call: each side saw the other (its first announce or offer
    // passed the gate: a 'peerseen' event), the channel opened on both sides, both verified.
    stages: { victimSaw: at(theirs, 'seen'), newcomerSaw: at(ours, 'seen'), connected: Math.max(at(theirs, 'connected'), at(ours, 'connected')), verified: ms },
  };
}

/**
 * One scenario: fresh room, victim, attacker (if any), newcomer halfway; the victim's figures
 * over the window. The plan is in epoch ms, kept by the pages' own timers (the attack's start
 * and end, the victim's watch, the newcomer's join and watch); Node only reads CPU and heap
 * around it and collects the figures.
 */
async function scenario(h, s, { seconds, fail, log }) {
  const room = `attack-${freshRun()}`;
  const pages = [];
  const open = async () => {
    const p = await h.openPage();
    pages.push(p);
    return p;
  };
  try {
    // Every page loaded before anything is timed (loading costs CPU too).
    const victim = await open();
    const newcomer = await open();
    const attacker = s.attack ? await open() : null;
    await Promise.all([victim, newcomer].map((p) => p.evaluate(() => window.bench.attacks.instrument())));
    const joinedFrom = await h.counter.barrier();
    const victimJoin = await joinRoom(victim, s.system, h.brokerUrl, room, 'Member');
    // Let the first announces go out and the page settle.
    await sleep(2000);
    if (s.system === 'trystero') {
      // The junk must land on the topic Trystero listens on: its announce went there.
      const topic = await victim.evaluate(({ room }) => window.bench.attacks.trysteroRootTopic('rtchat-bench', room), { room });
      if (!h.counter.select((t) => t === topic, joinedFrom).messages) throw new Error(`Trystero's announce was not seen on the computed room topic ${topic}`);
    }

    const plan = { startAt: Date.now() + 2000, seconds };
    const stopAt = plan.startAt + seconds * 1000;
    const heap = await heapMeter(victim);
    await victim.evaluate((at) => window.bench.attacks.watchStart(at), plan.startAt);
    const topic = attacker ? await startAttack(attacker, victim, s, h.brokerUrl, room, victimJoin, plan) : null;
    const arriving = newcomerJoins(s, newcomer, victim, victimJoin.id, h.brokerUrl, room, { joinAt: plan.startAt + seconds * 500, stopAt, timeoutMs: 20_000 }).catch((error) => ({
      error,
    }));
    if (Date.now() > plan.startAt) log(`  (setting up took longer than planned: the attack started ${Date.now() - plan.startAt} ms late)`);
    await sleep(plan.startAt - Date.now());
    // CPU from the planned start (nothing floods yet, so these calls are prompt).
    const [cpu, attackerCpu, newcomerCpu] = await Promise.all([cpuMeter(victim), attacker ? cpuMeter(attacker) : null, cpuMeter(newcomer)]);
    const nodeCpu = process.cpuUsage();
    const from = await h.counter.barrier();

    await sleep(stopAt - Date.now());
    const sent = attacker ? await attacker.evaluate(() => window.bench.attacks.stopAttack()) : null;
    if (sent) {
      // The victim may still be working through what the broker queued for it: the window
      // ends once nothing came for 500 ms (or 30 s after the attack, whichever is first).
      const until = performance.now() + 30_000;
      while (performance.now() < until) {
        const quietFor = await victim.evaluate(() => performance.timeOrigin + performance.now() - window.bench.attacks.lastFrameAt());
        if (quietFor > 500) break;
        await sleep(100);
      }
    }
    const w = await victim.evaluate((stoppedAt) => window.bench.attacks.watchStop(stoppedAt), sent?.stoppedAt ?? null);
    const windowEnd = Date.now();
    const node = process.cpuUsage(nodeCpu);
    const [victimCpu, attackCpu, ncpu, memory] = await Promise.all([cpu.stop(), attackerCpu?.stop(), newcomerCpu.stop(), heap.stop()]);
    const to = await h.counter.barrier();
    const arrival = await arriving;
    if (arrival.error) {
      fail(`${s.label}: the newcomer did not get in`, { failure: arrival.error.message.split('\n')[0] });
    }
    // The newcomer's own watch ended by its timer at `stopAt`.
    const nw = await newcomer.evaluate(() => window.bench.attacks.newcomerFigures());
    const windowS = w.ms / 1000;
    const lateness = summarize(w.lateness);
    const attackStart = sent?.startedAt ?? plan.startAt;
    const r = {
      system: s.system,
      attack: s.attack ?? null,
      label: s.label,
      seconds: windowS,
      attackSent: sent,
      attackPerSecond: sent ? sent.sent / sent.seconds : 0,
      // WebSocket messages the victim page received (MQTT input, whichever library): during the attack, and after it.
      received: { ...w.received, perSecondDuringAttack: w.received.beforeStop / (sent ? sent.seconds : windowS) },
      // Publishes on the attacked topic (rtchat: the room topic, or the victim's inbox for (b)) in the window.
      broker: topic ? { topic, inWindow: h.counter.select((t) => t === topic, from, to) } : null,
      lagMs: { ...lateness, mean: w.lateness.reduce((a, b) => a + b, 0) / (w.lateness.length || 1) },
      longTasks: w.longTasks,
      cpu: {
        victimMainMsPerS: victimCpu.mainMs / windowS,
        victimProcessMsPerS: victimCpu.processMs / windowS,
        attackerMainMsPerS: attackCpu ? attackCpu.mainMs / windowS : null,
        benchProcessMsPerS: (node.user + node.system) / 1000 / windowS,
      },
      heap: { ...memory, peakGrowth: memory.peak - memory.base, retainedGrowth: memory.retained - memory.base },
      connections: w.connections,
      newcomer: {
        // Seconds into the attack (or the idle window) when it joined, by the pages' clocks.
        joinedAtS: (arrival.t0 - attackStart) / 1000,
        // null: not verified within 20 s of joining (reported as a failure).
        ms: arrival.error ? null : arrival.ms,
        afterTheAttack: arrival.error || !sent ? null : arrival.t0 + arrival.ms > sent.stoppedAt,
        stages: arrival.stages ?? null,
        lagMs: nw ? summarize(nw.lateness) : null,
        // Its CPU from its join to the end of the window (it idled before joining).
        mainMsPerS: ncpu.mainMs / ((windowEnd - arrival.t0) / 1000),
        signatureChecksPerSecond: nw?.ours ? nw.ours.signatureChecks / (nw.ms / 1000) : null,
        drops: nw?.ours?.drops ?? null,
      },
      ...(w.ours
        ? {
            signatureChecks: w.ours.signatureChecks,
            signatureChecksPerSecond: w.ours.signatureChecks / windowS,
            payloads: w.ours.payloads,
            payloadsPerSecond: w.ours.payloads / windowS,
            drops: w.ours.drops,
            dropEvents: w.ours.dropEvents,
            published: { ...w.ours.published, perSecond: w.ours.published.messages / windowS, bytesPerSecond: w.ours.published.bytes / windowS },
            unverifiedMax: w.unverifiedMax,
          }
        : {}),
    };
    log(
      `  ${s.label}: ${r.attackPerSecond.toFixed(0)} payloads/s sent, lag p99 ${lateness.p99.toFixed(0)} ms / max ${lateness.max.toFixed(0)} ms, ` +
        `main thread ${(r.cpu.victimMainMsPerS / 10).toFixed(0)}% of a core, heap +${(r.heap.peakGrowth / 2 ** 20).toFixed(1)} MiB peak / +${(r.heap.retainedGrowth / 2 ** 20).toFixed(1)} MiB after GC` +
        `${r.signatureChecksPerSecond !== undefined ? `, ${r.signatureChecksPerSecond.toFixed(1)} signature checks/s, ${r.unverifiedMax} unverified at most` : ''}` +
        `, newcomer (joined at ${r.newcomer.joinedAtS.toFixed(1)} s) ${r.newcomer.ms !== null ? `${r.newcomer.ms.toFixed(0)} ms${r.newcomer.afterTheAttack ? ' (after the attack stopped)' : ''}` : 'FAILED'}` +
        `${r.newcomer.lagMs ? ` (its lag p99 ${r.newcomer.lagMs.p99.toFixed(0)} ms${r.newcomer.signatureChecksPerSecond !== null ? `, ${r.newcomer.signatureChecksPerSecond.toFixed(1)} signature checks/s` : ''})` : ''}`,
    );
    return r;
  } catch (e) {
    fail(s.label, { failure: e.message.split('\n')[0] });
    return null;
  } finally {
    await h.closePages(pages);
  }
}

/** Runs every scenario (or those whose key is in `only`) once, in order; figures by scenario key. */
export async function attackFigures(h, { seconds, only = null, fail, log }) {
  const fig = {};
  for (const s of SCENARIOS.filter((x) => !only || only.includes(x.key))) {
    const r = await scenario(h, s, { seconds, fail, log });
    if (r) fig[s.key] = r;
    // Closed contexts take their renderers with them; give the machine a moment before the next window.
    await sleep(1000);
  }
  return fig;
}
