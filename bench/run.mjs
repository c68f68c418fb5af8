#!/usr/bin/env node
// `npm run bench`: real Chromium, a local MQTT broker, three systems side by side.
// Every figure is printed beside a baseline measured in the same run (raw WebRTC with plain
// JSON signaling, and Trystero's MQTT strategy on the same broker). Nothing here asserts a
// timing; a room that does not connect is a failure: reported, and the exit code is 1.
//
//   node bench/run.mjs [--runs 10] [--rounds 200] [--quiet-seconds 60] [--mesh 2,4,8]
//                      [--render-runs 10] [--bulk-mib 64] [--bulk-runs 5]
//                      [--attack-seconds 10] [--attack-scenarios idle,announces,offers,junk,trysteroIdle,trysteroJunk]
//                      [--contact-runs 10] [--logrender-runs 5] [--logrender-ref main]
//                      [--only join,contact,rtt,quiet,mesh,size,render,logrender,bulk,attacks] [--verbose]
//
// `--only history` (not in the default set): figure 9, shared history (--history-runs 3).
//
// Writes bench/results/latest.json. See docs/performance.md for what each figure means.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findChromium } from '../tools/chromium.mjs';
import { ATTACKS, attackFigures as runAttacks } from './lib/attacks.mjs';
import { bundleSizes } from './lib/bundle-size.mjs';
import { startHarness } from './lib/harness.mjs';
import { logRenderFigures } from './lib/log-render.mjs';
import { renderTimes } from './lib/render-time.mjs';
import { dropInLoadTimes } from './lib/drop-in-load.mjs';
import { firstContactTimes } from './lib/first-contact.mjs';
import { historyFigures } from './lib/history-sync.mjs';
import { closeTrial, roomTrial } from './lib/rooms.mjs';
import { bytes, kB, median, ms, quantile, ratio, summarize, table } from './lib/stats.mjs';
import { systems } from './lib/systems.mjs';
import { mibps, throughputFigures } from './lib/throughput.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'quiet-seconds': { type: 'string', default: '60' },
    'quiet-peers': { type: 'string', default: '5' },
    mesh: { type: 'string', default: '2,4,8' },
    'render-runs': { type: 'string', default: '10' },
    'dropin-runs': { type: 'string', default: '10' },
    'contact-runs': { type: 'string', default: '10' },
    'logrender-runs': { type: 'string', default: '5' },
    // The "before" of figure 6c: the message log of this git ref.
    'logrender-ref': { type: 'string', default: 'main' },
    'bulk-mib': { type: 'string', default: '64' },
    'bulk-runs': { type: 'string', default: '5' },
    'attack-seconds': { type: 'string', default: '10' },
    'attack-scenarios': { type: 'string' },
    // The raw baseline's sender, as "chunk,high,low" bytes; default: rtchat's own values.
    'raw-push': { type: 'string' },
    'history-runs': { type: 'string', default: '3' },
    only: { type: 'string', default: 'join,contact,rtt,quiet,mesh,size,render,dropin,logrender,bulk,attacks' },
    verbose: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const ROUNDS = Number(args.rounds);
const WARMUP = Number(args.warmup);
const QUIET_S = Number(args['quiet-seconds']);
const QUIET_PEERS = Number(args['quiet-peers']);
const MESH = args.mesh
  .split(',')
  .map(Number)
  .filter((n) => n >= 2);
const RENDER_RUNS = Number(args['render-runs']);
const CONTACT_RUNS = Number(args['contact-runs']);
const BULK_MIB = Number(args['bulk-mib']);
const BULK_RUNS = Number(args['bulk-runs']);
const ATTACK_S = Number(args['attack-seconds']);
const ATTACK_ONLY = args['attack-scenarios']?.split(',') ?? null;
const RAW_PUSH = args['raw-push'] ? Object.fromEntries(args['raw-push'].split(',').map((v, i) => [['chunk', 'high', 'low'][i], Number(v)])) : undefined;
const ONLY = new Set(args.only.split(','));

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
process.chdir(repoRoot);

const failures = [];
const results = {
  machine: machine(),
  options: {
    runs: RUNS,
    rounds: ROUNDS,
    warmup: WARMUP,
    quietSeconds: QUIET_S,
    quietPeers: QUIET_PEERS,
    mesh: MESH,
    renderRuns: RENDER_RUNS,
    bulkMiB: BULK_MIB,
    bulkRuns: BULK_RUNS,
    attackSeconds: ATTACK_S,
    attackScenarios: ATTACK_ONLY ?? 'all',
    rawPush: RAW_PUSH ?? 'as rtchat',
  },
};
const log = (s) => process.stderr.write(`${s}\n`);
const out = (s = '') => process.stdout.write(`${s}\n`);

function machine() {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(findChromium(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Reported as unknown; the browser launch below fails loudly if it is really missing.
  }
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    // Other work on the machine skews absolute times; ratios within the run less so.
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** Records a room that did not connect; the run goes on, the exit code will be 1. */
function fail(what, trial) {
  const msg = `${what}: ${trial.failure}${trial.failedPairs ? ` (${trial.failedPairs} pair(s) failed)` : ''}`;
  failures.push(msg);
  log(`  FAILED ${msg}`);
}

// ---- figures 1 and 2: two-peer join, bytes and time ---------------------------------------

async function joinFigures(h) {
  const order = ['raw', 'ours', 'trystero'];
  const samples = Object.fromEntries(order.map((s) => [s, []]));
  log(`figures 1–2: ${RUNS} two-peer joins per system (+1 warm-up each), interleaved`);
  for (const s of order) {
    const t = await roomTrial(h, s, 2);
    if (t.failure) fail(`warm-up ${s}`, t);
    await closeTrial(h, t);
  }
  for (let run = 0; run < RUNS; run++) {
    // Rotate the order, so no system always runs first (or right after another).
    for (const s of order.map((_, i) => order[(i + run) % order.length])) {
      const t = await roomTrial(h, s, 2);
      await closeTrial(h, t);
      if (t.failure) {
        fail(`${s} join ${run + 1}`, t);
        continue;
      }
      samples[s].push({ ...t.stages, joinedMs: t.joinedMs, phases: t.phases });
      log(
        `  ${s.padEnd(8)} run ${run + 1}: ${Object.entries(t.stages)
          .map(([k, v]) => `${k} ${v.ms.toFixed(0)} ms / ${v.bytes} B`)
          .join(', ')}`,
      );
    }
  }
  const fig = {};
  for (const s of order) {
    const joinedMs = samples[s].map((x) => x.joinedMs).filter((x) => x !== undefined);
    fig[s] = joinedMs.length ? { onBroker: { ms: summarize(joinedMs) } } : {};
    for (const stage of ['connected', 'verified']) {
      const xs = samples[s].map((x) => x[stage]).filter(Boolean);
      if (!xs.length) continue;
      fig[s][stage] = {
        ms: summarize(xs.map((x) => x.ms)),
        bytes: summarize(xs.map((x) => x.bytes)),
        messages: summarize(xs.map((x) => x.messages)),
      };
    }
  }
  results.join = fig;

  const base = fig.raw.connected;
  out('\n## 1. Signaling per two-peer connection (MQTT payload bytes published, counted on the broker; median of runs)\n');
  const rows = [];
  for (const s of order) {
    for (const stage of ['connected', 'verified']) {
      const f = fig[s][stage];
      if (!f) continue;
      rows.push([
        `${systems[s].label}, until ${stage === 'connected' && s === 'trystero' ? 'onPeerJoin' : stage}`,
        f.messages.median,
        bytes(f.bytes.median),
        `${bytes(f.bytes.min)}–${bytes(f.bytes.max)}`,
        ratio(f.bytes.median, base?.bytes.median),
      ]);
    }
  }
  out(table(['system, stage (both peers)', 'messages', 'bytes', 'range', 'vs raw'], rows));

  out(`\n## 2. Time from join to both peers connected / verified (median of ${RUNS} runs, ratio to the raw baseline's connected)\n`);
  const trows = [];
  for (const s of order) {
    if (fig[s].onBroker)
      trows.push([
        `${systems[s].label}, on the broker (subscribed, announced)`,
        ms(fig[s].onBroker.ms.median),
        `${ms(fig[s].onBroker.ms.min)}–${ms(fig[s].onBroker.ms.max)}`,
        '',
        fig[s].onBroker.ms.n,
      ]);
    for (const stage of ['connected', 'verified']) {
      const f = fig[s][stage];
      if (!f) continue;
      trows.push([
        `${systems[s].label}, ${stage === 'connected' && s === 'trystero' ? 'onPeerJoin' : stage}`,
        ms(f.ms.median),
        `${ms(f.ms.min)}–${ms(f.ms.max)}`,
        ratio(f.ms.median, base?.ms.median),
        f.ms.n,
      ]);
    }
  }
  out(table(['system, stage', 'median', 'range', 'vs raw', 'runs'], trows));
  const ours = fig.ours.verified?.ms;
  if (ours && base)
    out(
      `\nGoal (issue 16): rtchat verified within 1.3× raw connected. This run: ${ratio(ours.median, base.ms.median)} (medians); p90 ${ratio(quantile(samples.ours.map((x) => x.verified?.ms).filter(Number.isFinite), 0.9), quantile(samples.raw.map((x) => x.connected?.ms).filter(Number.isFinite), 0.9))} (p90 ÷ p90, nearest rank).`,
    );
  phaseTable(samples);
}

/** The phases of figure 2c, in order: label and, per system, the timeline mark kind that says it (absent: the system has no such moment). */
const PHASES = [
  ['session open (storage, identity, tab, trust store, room keys)', { ours: 'phase:storage' }],
  ['broker connected (first)', { ours: 'phase:broker', raw: 'phase:broker' }],
  ['announce / hello sent', { ours: 'phase:sent-announce', raw: 'phase:sent-announce' }],
  ['peer seen', { ours: 'seen', raw: 'phase:seen' }],
  ['offer sent', { ours: 'phase:sent-offer', raw: 'phase:sent-offer' }],
  ['offer received', { ours: 'phase:got-offer', raw: 'phase:got-offer' }],
  ['answer sent', { ours: 'phase:sent-answer', raw: 'phase:sent-answer' }],
  ['answer received', { ours: 'phase:got-answer', raw: 'phase:got-answer' }],
  ['channel open', { ours: 'connected', raw: 'connected', trystero: 'joined' }],
  ['verified', { ours: 'verified' }],
];

/** Figure 2c: median time of each phase from the join call, per system, from the same runs as figure 2. */
function phaseTable(samples) {
  const systemsShown = ['ours', 'raw', 'trystero'];
  const cell = (s, kind) => {
    if (!kind) return '—';
    const xs = samples[s].map((x) => x.phases?.[kind]).filter(Number.isFinite);
    return xs.length ? `${ms(median(xs))} (p90 ${ms(quantile(xs, 0.9))})` : 'n/a';
  };
  results.joinPhases = Object.fromEntries(
    systemsShown.map((s) => [s, Object.fromEntries(PHASES.filter(([, k]) => k[s]).map(([label, k]) => [label, samples[s].map((x) => x.phases?.[k[s]])]))]),
  );
  out(`\n## 2c. Per-phase timeline of a two-peer join (ms from the join call; median and p90 of the same ${RUNS} runs)\n`);
  out(
    table(
      ["phase (both peers; one side's for offer and answer)", ...systemsShown.map((s) => systems[s].label)],
      PHASES.map(([label, kinds]) => [label, ...systemsShown.map((s) => cell(s, kinds[s]))]),
    ),
  );
  out(
    "\nA phase both peers go through counts when the second one got there; offer and answer when the first one did (whoever offers). Trystero reports only its peer's join. The bench page's script is loaded before the join call; figure 6d times a page's script → connected from navigation.",
  );
}

// ---- figure 3: round trips ------------------------------------------------------------------

async function roundTripFigures(h) {
  log(`figure 3: ${ROUNDS} round trips (+${WARMUP} warm-up) per system over one connected pair`);
  const fig = {};
  for (const s of ['raw', 'ours', 'trystero']) {
    const t = await roomTrial(h, s, 2);
    try {
      if (t.failure) {
        fail(`${s} round-trip pair`, t);
        continue;
      }
      // ours: wait until verified (ask needs it); roomTrial already waited for every stage.
      const samples = await t.room.rounds(t.pages[0], ROUNDS, WARMUP);
      fig[s] = summarize(samples);
      log(`  ${s.padEnd(8)} median ${fig[s].median.toFixed(2)} ms, p99 ${fig[s].p99.toFixed(2)} ms`);
    } catch (e) {
      fail(`${s} round trips`, { failure: e.message });
    } finally {
      await closeTrial(h, t);
    }
  }
  results.roundTrip = fig;
  out(`\n## 3. Message round trip over one connected pair (${ROUNDS} sequential rounds after ${WARMUP} warm-up)\n`);
  const base = fig.raw?.median;
  out(
    table(
      ['system (what is timed)', 'median', 'p99', 'max', 'median vs raw'],
      ['raw', 'ours', 'trystero']
        .filter((s) => fig[s])
        .map((s) => [`${systems[s].label} (${systems[s].roundTrip})`, ms(fig[s].median, 2), ms(fig[s].p99, 2), ms(fig[s].max, 2), ratio(fig[s].median, base)]),
    ),
  );
}

// ---- figure 1b: steady load in a quiet room ---------------------------------------------------

async function quietFigures(h) {
  log(`figure 1 (steady load): ${QUIET_PEERS} peers per system, then ${QUIET_S} s of silence counted on the broker`);
  const trials = {};
  for (const s of ['ours', 'trystero']) {
    const t = await roomTrial(h, s, QUIET_PEERS, { timeoutMs: 60_000 });
    if (t.failure) fail(`${s} quiet room of ${QUIET_PEERS}`, t);
    trials[s] = t;
  }
  // Both rooms are fully connected now; let stragglers (late acks, backoff timers) settle for 2 s.
  await new Promise((r) => setTimeout(r, 2000));
  const from = await h.counter.barrier();
  await new Promise((r) => setTimeout(r, QUIET_S * 1000));
  const to = await h.counter.barrier();
  const fig = {};
  for (const [s, t] of Object.entries(trials)) {
    if (!t.failure) {
      const c = h.counter.select(t.room.matches, from, to);
      fig[s] = { peers: QUIET_PEERS, seconds: QUIET_S, messages: c.messages, bytes: c.bytes, perMinute: (c.messages * 60) / QUIET_S, bytesPerMinute: (c.bytes * 60) / QUIET_S };
    }
    await closeTrial(h, t);
  }
  results.quiet = fig;
  out(`\n## 1b. Steady broker load: quiet room of ${QUIET_PEERS} connected peers, counted over ${QUIET_S} s${QUIET_S === 60 ? '' : ' and scaled to one minute'}\n`);
  out(
    table(
      ['system', 'messages in window', 'messages / min', 'bytes / min'],
      Object.entries(fig).map(([s, f]) => [systems[s].label, f.messages, f.perMinute.toFixed(1), bytes(f.bytesPerMinute)]),
    ),
  );
}

// ---- figure 4: bulk file transfer ------------------------------------------------------------

async function bulkFigures(h) {
  log(`figure 4: ${BULK_RUNS} transfers of ${BULK_MIB} MiB per system (+1 warm-up each), alternating`);
  const fig = await throughputFigures(h, { sizeMiB: BULK_MIB, runs: BULK_RUNS, push: RAW_PUSH, fail, log });
  if (!fig) return;
  results.bulk = fig;
  const { ours, raw, size } = fig;
  const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  out(`\n## 4. Bulk transfer: ${BULK_MIB} MiB from one browser context to another (median of ${BULK_RUNS} runs; sender memory sampled over CDP)\n`);
  const rows = [];
  const range = (x) => `${ms(x.min)}–${ms(x.max)}`;
  if (raw)
    rows.push([
      `raw RTCDataChannel (${fig.push ? 'custom chunks/water marks' : 'same chunks and water marks'}), no hashing`,
      ms(raw.totalMs.median),
      `${mibps(size, raw.totalMs.median)} MiB/s`,
      range(raw.totalMs),
      '1.00×',
    ]);
  if (ours) {
    rows.push([
      'rtchat `sendFile`, total (hash + offer + transfer + check)',
      ms(ours.totalMs.median),
      `${mibps(size, ours.totalMs.median)} MiB/s`,
      range(ours.totalMs),
      ratio(raw?.totalMs.median, ours.totalMs.median),
    ]);
    rows.push(['· hashing before the offer (SHA-256 of the file)', ms(ours.hashMs.median), `${mibps(size, ours.hashMs.median)} MiB/s`, range(ours.hashMs), '']);
    rows.push([
      '· offer sent → file received and checked',
      ms(ours.transferMs.median),
      `${mibps(size, ours.transferMs.median)} MiB/s`,
      range(ours.transferMs),
      ratio(raw?.totalMs.median, ours.transferMs.median),
    ]);
  }
  out(table(['system, phase', 'median', 'throughput', 'range', 'throughput vs raw'], rows));
  out(
    '\nCost per transfer (medians). CPU: CDP Performance.getMetrics, ThreadTime (main thread) and ProcessTime (the whole renderer, WebRTC threads included). Sender memory: V8 heap + ArrayBuffer contents (CDP Runtime.getHeapUsage every 25 ms), peak above a baseline taken after a GC just before the transfer.\n',
  );
  const cost = (label, f) => [
    label,
    ms(f.cpu.senderMainMs.median),
    ms(f.cpu.senderProcessMs.median),
    ms(f.cpu.receiverMainMs.median),
    ms(f.cpu.receiverProcessMs.median),
    `${mib(f.memoryGrowth.median)} (max ${mib(f.memoryGrowth.max)})`,
  ];
  out(
    table(
      ['system', 'sender main thread', 'sender process', 'receiver main thread', 'receiver process', 'sender memory peak +'],
      [...(raw ? [cost('raw RTCDataChannel', raw)] : []), ...(ours ? [cost('rtchat `sendFile`', ours)] : [])],
    ),
  );
  if (fig.components) {
    out(`\nThe pieces alone (one page, ${mib(Math.min(size, 32 * 2 ** 20))} in memory or in a Blob, median of 5):\n`);
    out(table(['piece', 'MiB/s'], Object.entries(fig.components)));
  }
  out(
    `\nThe ${BULK_MIB} MiB Blob itself lives in the browser's blob store, outside these figures; so do the bytes waiting in the channel's send buffer (at most the high water mark plus one chunk).`,
  );
}

// ---- figure 5: mesh ---------------------------------------------------------------------------

async function meshFigures(h) {
  log(`figure 5: mesh of ${MESH.join(', ')} browser contexts per system, one run each`);
  const fig = [];
  for (const n of MESH) {
    for (const s of ['ours', 'trystero']) {
      const t = await roomTrial(h, s, n, { timeoutMs: 20_000 + 5_000 * n });
      await closeTrial(h, t);
      const last = Object.keys(t.room.stages).at(-1);
      const row = { system: s, n, pairs: (n * (n - 1)) / 2, failedPairs: t.failedPairs, stages: t.stages, failure: t.failure };
      fig.push(row);
      if (t.failure) fail(`${s} mesh of ${n}`, t);
      else log(`  ${s.padEnd(8)} N=${n}: every pair ${last} in ${t.stages[last].ms.toFixed(0)} ms, ${t.stages[last].bytes} B signaling`);
    }
  }
  results.mesh = fig;
  out('\n## 5. Mesh: N browser contexts join one room at once (one run each)\n');
  out(
    table(
      ['system', 'N', 'pairs', 'failed', 'all connected', 'all verified', 'signaling bytes', 'messages'],
      fig.map((r) => {
        const last = r.stages.verified ?? r.stages.connected;
        return [
          systems[r.system].label,
          r.n,
          r.pairs,
          r.failedPairs,
          ms(r.stages.connected?.ms),
          r.system === 'ours' ? ms(r.stages.verified?.ms) : '—',
          bytes(last?.bytes),
          last?.messages ?? 'n/a',
        ];
      }),
    ),
  );
}

// ---- figure 6: bundle size ----------------------------------------------------------------------

async function sizeFigures() {
  log('figure 6: bundle sizes (rollup + node-resolve browser + terser, gzip -9)');
  const fig = await bundleSizes();
  results.size = fig;
  out('\n## 6. Bundle size (IIFE, terser, gzip -9; parts minified and gzipped on their own)\n');
  const rows = [];
  const add = (label, lib) => {
    rows.push([`**${label} total**`, kB(lib.total.minified), kB(lib.total.gzip)]);
    for (const [g, p] of Object.entries(lib.parts)) rows.push([`· ${g}`, kB(p.minified), kB(p.gzip)]);
  };
  add('rtchat, the whole library (src/rtchat-full.ts = dist/rtchat.full.js)', fig.ours);
  add("rtchat, the drop-in's first script (src/rtchat.ts = dist/rtchat.js, the loader)", fig.loader);
  add(`Trystero MQTT ${fig.versions.trystero}`, fig.trystero);
  out(table(['bundle / part', 'minified', 'gzip -9'], rows));
  out(
    `\nTrystero / rtchat total gzip: ${ratio(fig.trystero.total.gzip, fig.ours.total.gzip)}; without mqtt.js: rtchat ${kB(fig.ours.total.gzip - fig.ours.parts['mqtt.js'].gzip)} vs Trystero ${kB(fig.trystero.total.gzip - fig.trystero.parts['mqtt.js'].gzip)} (total minus mqtt.js alone).`,
  );
  out(`\nGoals (issue 16): the whole library ≤ 113 kB gzip; the drop-in's first script ≤ 15 kB gzip including lit (it carries no lit).`);
  out(`\nmqtt.js ${fig.versions.mqtt}, each option bundled alone (ES module, terser, gzip -9):\n`);
  out(
    table(
      ['mqtt.js option', 'minified', 'gzip -9'],
      Object.entries(fig.mqttOptions).map(([k, v]) => [k, kB(v.minified), kB(v.gzip)]),
    ),
  );
}

// ---- figure 2b: first contact, as people meet it ---------------------------------------------

async function contactFigures(h) {
  log(`figure 2b: first contact on the default demo page, ${CONTACT_RUNS} meetings per mode (a script clicks Accept as soon as it appears)`);
  const fig = await firstContactTimes(h, { runs: CONTACT_RUNS, log });
  results.firstContact = fig;
  out('\n## 2b. First contact: the second person opens the default page until they can send\n');
  if (fig.skipped) return void out(`Not measured: ${fig.skipped}.`);
  for (const f of fig.failures) fail('first contact', { failure: f });
  const row = (label, f) => [label, String(f.runs), ms(f.toSend.median), `${ms(f.toSend.min)}–${ms(f.toSend.max)}`, String(f.clicksFirst.median), String(f.clicksSecond.median)];
  out(
    table(
      ['mode', 'meetings', 'open → can send (median)', 'range', 'clicks, first person', 'clicks, second person'],
      [row('baseline: the page decides (auto-accept="all")', fig.pageDecides), row('**default page, a person clicks Accept at once**', fig.personClicks)],
    ),
  );
  out(
    `\nDifference of the medians: ${ms(fig.personClicks.toSend.median - fig.pageDecides.toSend.median)} (${ratio(fig.personClicks.toSend.median, fig.pageDecides.toSend.median)}). Time counts from the second page's navigation start (bundle load, identity, broker connect, announce, the first person's click, offer, answer, ICE, proof).`,
  );
}

// ---- figure 6b: script load to elements rendered ---------------------------------------------------

async function renderFigures(h) {
  log(`figure 6b: script load to <rt-chat-room> rendered, ${RENDER_RUNS} cold loads`);
  const fig = await renderTimes(h, { runs: RENDER_RUNS });
  results.render = fig;
  out('\n## 6b. Script load to elements rendered (one <rt-chat-room> with its built-in layout; fresh browser context per load)\n');
  if (fig.skipped) {
    out(`Not measured: ${fig.skipped}.`);
    return;
  }
  if (fig.failed) {
    fail('render page', { failure: fig.failed });
    return;
  }
  out(
    table(
      ['phase', 'median', 'range'],
      [
        ['bundle fetched + evaluated (elements defined)', ms(fig.evaluate.median, 1), `${ms(fig.evaluate.min, 1)}–${ms(fig.evaluate.max, 1)}`],
        ['defined → every element updated + next frame', ms(fig.render.median, 1), `${ms(fig.render.min, 1)}–${ms(fig.render.max, 1)}`],
        ['**script load → rendered**', ms(fig.total.median, 1), `${ms(fig.total.min, 1)}–${ms(fig.total.max, 1)}`],
        ['baseline: mqtt.js alone fetched + evaluated', ms(fig.mqttEvaluate.median, 1), `${ms(fig.mqttEvaluate.min, 1)}–${ms(fig.mqttEvaluate.max, 1)}`],
      ],
    ),
  );
  out(
    `\nBundle: src/elements/define.ts, ${kB(fig.bundleBytes)} minified (mqtt.js alone: ${kB(fig.mqttBytes)}); ${fig.runs} loads of each, alternating. Rendered / mqtt.js alone: ${ratio(fig.total.median, fig.mqttEvaluate.median)}.`,
  );
}

// ---- figure 6d: what the drop-in costs the page ---------------------------------------------------

async function dropInFigures(h) {
  const runs = Number(args['dropin-runs']);
  log(`figure 6d: an ordinary page with and without rtchat.js?add, ${runs} cold loads each`);
  const fig = await dropInLoadTimes(h, { runs });
  results.dropIn = fig;
  out('\n## 6d. What the drop-in costs the page (an ordinary page, cold loads, with and without `rtchat.js?add` in its head)\n');
  if (fig.failed) return void fail('drop-in page', { failure: fig.failed });
  const cell = (x) => (x ? ms(x.median, 1) : '—');
  const vs = (x, base) => (x && base ? ` (${ratio(x.median, base.median)})` : '');
  const row = (label, key) => [
    label,
    cell(fig.without[key]),
    cell(fig.blocking[key]) + vs(fig.blocking[key], fig.without[key]),
    cell(fig.async[key]) + vs(fig.async[key], fig.without[key]),
  ];
  out(
    table(
      ['moment (median, ms from navigation)', 'without', 'with `<script src=…?add>` in head', 'with `<script async src=…?add>`'],
      [
        row('first contentful paint', 'fcp'),
        row('DOMContentLoaded', 'dcl'),
        row('load event', 'load'),
        row('first script fetched (resource timing, request → end)', 'scriptFetch'),
        row('chat button on the page', 'button'),
        row('widget in its place (library loaded when idle)', 'widget'),
        row("widget's room connected to the broker", 'connected'),
      ],
    ),
  );
  out(`\nFirst script ${kB(fig.loaderBytes)} minified; the library it loads later ${kB(fig.libraryBytes)} minified. ${fig.runs} loads of each page, alternating.`);
}

// ---- figure 6c: the message log's render cost ------------------------------------------------

async function logRenderFiguresOut(h) {
  const runs = Number(args['logrender-runs']);
  const ref = args['logrender-ref'];
  log(`figure 6c: <rt-message-log> render cost, ${runs} runs, before = ${ref}`);
  const fig = await logRenderFigures(h, { runs, ref });
  results.logRender = fig;
  out(`\n## 6c. Message log render cost (the log alone, a stand-in client; before = ${ref}, after = this tree; ${runs} runs each, alternating)\n`);
  const row = (label, f) => [label, f(fig.before), f(fig.after)];
  out(
    table(
      ['figure', `before (${ref})`, 'after'],
      [
        row('append 1,000 messages at once → next frame (median)', (x) => ms(x.appendMs.median, 1)),
        row('  long tasks during it (median total)', (x) => ms(x.appendLongTaskMs.median, 0)),
        row('first render of 5,000 messages (median)', (x) => ms(x.firstRender5000Ms.median, 1)),
        row('  elements in the shadow root', (x) => String(x.nodes5000)),
        row('scroll 5,000: frame interval median', (x) => ms(x.frameMedianMs, 1)),
        row('scroll 5,000: frame interval p95', (x) => ms(x.frameP95Ms, 1)),
        row('scroll 5,000: frames over 50 ms per 120-frame scroll', (x) => x.framesOver50ms.toFixed(1)),
        row('scroll 5,000: long tasks (median count / total)', (x) => `${x.scrollLongTasks.median} / ${ms(x.scrollLongTaskMs.median, 0)}`),
      ],
    ),
  );
}

// ---- figure 7: the cost of an attack to the victim ------------------------------------------

async function attackFigures(h) {
  log(`figure 7: each attack for ${ATTACK_S} s against a victim page (newcomer joins halfway), beside the same victim with no attack and a Trystero room`);
  const fig = await runAttacks(h, { seconds: ATTACK_S, only: ATTACK_ONLY, fail, log });
  results.attacks = { seconds: ATTACK_S, attacks: ATTACKS, scenarios: fig };
  const rows = Object.values(fig);
  if (!rows.length) return;
  const pct = (msPerS) => (Number.isFinite(msPerS) ? `${(msPerS / 10).toFixed(0)}%` : 'n/a');
  const mib = (b) => (Number.isFinite(b) ? `${b < 0 ? '−' : '+'}${(Math.abs(b) / 2 ** 20).toFixed(1)} MiB` : 'n/a');
  const na = (v, f) => (v === undefined || v === null ? 'n/a' : f(v));
  out(`\n## 7. Cost of an attack to the victim (${ATTACK_S} s per scenario, one run each; an honest newcomer joins after ${ATTACK_S / 2} s)\n`);
  out(
    "Measured in the victim page: a 50 ms timer re-armed each time it fires (lateness), long tasks, the renderer main thread's CPU (CDP ThreadTime, % of one core), the V8 heap (CDP, above a GC'd baseline: peak during the window, and after a GC at its end), and rtchat's gate (`signatureChecks`).\n",
  );
  out(
    table(
      [
        'scenario',
        'sent / s',
        'victim main thread',
        'lag p99',
        'lag max',
        'long tasks',
        'heap peak',
        'heap after GC',
        'signature checks / s',
        'unverified (max)',
        'newcomer verified',
      ],
      rows.map((r) => [
        r.label,
        r.attack ? r.attackPerSecond.toFixed(0) : '—',
        pct(r.cpu.victimMainMsPerS),
        ms(r.lagMs.p99),
        ms(r.lagMs.max),
        r.longTasks.supported ? `${r.longTasks.count}, ${ms(r.longTasks.ms)}` : 'n/a',
        mib(r.heap.peakGrowth),
        mib(r.heap.retainedGrowth),
        na(r.signatureChecksPerSecond, (v) => v.toFixed(1)),
        na(r.unverifiedMax, String),
        r.newcomer.ms !== null ? `${ms(r.newcomer.ms)}${r.newcomer.afterTheAttack ? ' (after it stopped)' : ''}` : 'FAILED (20 s)',
      ]),
    ),
  );
  out(
    '\nWhere it goes. The window runs from the attack\'s start until the victim received nothing for 500 ms; the tail is how long after the attacker stopped its last message still arrived. "WebSocket messages" counts what the victim page\'s socket to the broker delivered while the attack ran (either library; see the line below the tables for messages per publish); "gate input" is the MQTT payloads that reached rtchat\'s gate, over the window. Drops are counted before the client\'s once-a-minute dedupe (the `drop` events actually dispatched in brackets); "published" is what the victim sent to the broker because of it; CPU of the other processes on the same two cores, for context.\n',
  );
  const drops = (r) =>
    r.drops
      ? `${
          Object.entries(r.drops)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none'
        } (${r.dropEvents})`
      : 'n/a';
  out(
    table(
      [
        'scenario',
        'window (tail)',
        'WebSocket messages / s',
        'gate input / s',
        'drops in window (events)',
        'victim published / s',
        'RTCPeerConnections made',
        'victim renderer',
        'attacker main thread',
        'bench process (broker, Playwright)',
      ],
      rows.map((r) => [
        r.label,
        `${r.seconds.toFixed(1)} s${r.received.tailMs === null ? '' : ` (${(r.received.tailMs / 1000).toFixed(1)} s)`}`,
        r.received.perSecondDuringAttack.toFixed(0),
        na(r.payloadsPerSecond, (v) => v.toFixed(0)),
        drops(r),
        na(r.published, (p) => `${p.perSecond.toFixed(1)} (${bytes(p.bytesPerSecond)})`),
        r.connections.created,
        pct(r.cpu.victimProcessMsPerS),
        pct(r.cpu.attackerMainMsPerS),
        pct(r.cpu.benchProcessMsPerS),
      ]),
    ),
  );
  out(
    `\nThe newcomer: it joins after ${ATTACK_S / 2} s and is in the room too, so the flood reaches it as well. Stages in ms from its join call (rtchat: "saw" = the other\'s first announce or offer passed this page\'s gate); its own lag and signature checks from its join until the attack stopped, its main-thread CPU to the end of the window.\n`,
  );
  const st = (r, k) => (r.newcomer.stages ? ms(r.newcomer.stages[k]) : '—');
  out(
    table(
      ['scenario', 'victim saw it', 'it saw the victim', 'connected', 'verified (both)', 'its lag p99', 'its lag max', 'its main thread', 'its signature checks / s'],
      rows.map((r) => [
        r.label,
        st(r, 'victimSaw'),
        st(r, 'newcomerSaw'),
        st(r, 'connected'),
        r.newcomer.ms !== null ? ms(r.newcomer.ms) : 'FAILED (20 s)',
        ms(r.newcomer.lagMs?.p99),
        ms(r.newcomer.lagMs?.max),
        pct(r.newcomer.mainMsPerS),
        na(r.newcomer.signatureChecksPerSecond, (v) => v.toFixed(1)),
      ]),
    ),
  );
  // What one MQTT publish costs the page in socket events: frames received / publishes on the attacked topics.
  // rtchat: payloads its gate saw; Trystero: publishes on its room topic (all of which it receives).
  const framing = rows
    .filter((r) => r.attack === 'junk')
    .map((r) => r.received.messages / (r.payloads ?? r.broker?.inWindow.messages))
    .filter(Number.isFinite);
  if (framing.length)
    out(
      `\nThe broker delivered ${Math.min(...framing).toFixed(1)}–${Math.max(...framing).toFixed(1)} WebSocket messages per MQTT publish on the attacked topics (one per packet since tools/mqtt-broker.mjs joins aedes' pieces; before that it sent ~5, each a task in the page).`,
    );
}

// ---- figure 9: shared history ------------------------------------------------------------------

async function historyFiguresOut(h) {
  const runs = Number(args['history-runs']);
  log(`figure 9: 500 messages to a newcomer by a history sync, beside the same sent live; ${runs} runs`);
  const fig = await historyFigures(h, { runs, log, fail: (msg) => fail('history', { failure: msg }) });
  results.history = fig;
  out(`\n## 9. Shared history: ${fig.messages} messages of ${fig.chars} characters (${runs} runs, median and range)\n`);
  out(
    table(
      ['figure', 'median', 'range'],
      [
        ['live, not sharing (unsigned): first broadcast → last chatmessage', ms(fig.plainMs.median), `${ms(fig.plainMs.min)}–${ms(fig.plainMs.max)}`],
        ['live, not sharing: chat channel bytes (both ways, acks included)', bytes(fig.plainBytes.median), `${bytes(fig.plainBytes.min)}–${bytes(fig.plainBytes.max)}`],
        ['live, sharing (signed): first broadcast → last chatmessage', ms(fig.liveMs.median), `${ms(fig.liveMs.min)}–${ms(fig.liveMs.max)}`],
        ['live, sharing: chat channel bytes (both ways, acks included)', bytes(fig.liveBytes.median), `${bytes(fig.liveBytes.min)}–${bytes(fig.liveBytes.max)}`],
        ['sync: newcomer verified → last historymessage', ms(fig.syncMs.median), `${ms(fig.syncMs.min)}–${ms(fig.syncMs.max)}`],
        ['sync: chat channel bytes (both ways, handshake and summaries included)', bytes(fig.syncBytes.median), `${bytes(fig.syncBytes.min)}–${bytes(fig.syncBytes.max)}`],
      ],
    ),
  );
}

// ---- main -------------------------------------------------------------------------------------

const m = results.machine;
out(`# rtchat bench — ${m.date}\n`);
out(`${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ${m.chromium}; load average ${m.loadAverageAtStart.join(' ')}`);
out(
  `${process.env.MQTT_URL ? `External broker ${process.env.MQTT_URL} (MQTT_URL)` : 'Local aedes broker on 127.0.0.1'}, one browser context per peer, iceServers: [] (host candidates only).`,
);

if (ONLY.has('size')) await sizeFigures();
const needsBrowser = ['join', 'contact', 'rtt', 'quiet', 'mesh', 'render', 'dropin', 'logrender', 'bulk', 'attacks', 'history'].some((f) => ONLY.has(f));
if (needsBrowser) {
  const h = await startHarness({ verbose: args.verbose });
  results.machine.playwrightBrowser = h.browserVersion;
  try {
    if (ONLY.has('join')) await joinFigures(h);
    if (ONLY.has('contact')) await contactFigures(h);
    if (ONLY.has('rtt')) await roundTripFigures(h);
    if (ONLY.has('quiet')) await quietFigures(h);
    if (ONLY.has('bulk')) await bulkFigures(h);
    if (ONLY.has('mesh')) await meshFigures(h);
    if (ONLY.has('render')) await renderFigures(h);
    if (ONLY.has('dropin')) await dropInFigures(h);
    if (ONLY.has('logrender')) await logRenderFiguresOut(h);
    if (ONLY.has('attacks')) await attackFigures(h);
    if (ONLY.has('history')) await historyFiguresOut(h);
  } finally {
    await h.stop();
  }
}

results.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
results.failures = failures;
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
out(`\nLoad average at the end: ${results.machine.loadAverageAtEnd.join(' ')}. Wrote bench/results/latest.json`);
if (failures.length) {
  out(`\nFAILED: ${failures.length} room(s) or transfer(s) did not complete; the figures above leave them out:`);
  for (const f of failures) out(`  - ${f}`);
  process.exitCode = 1;
}
