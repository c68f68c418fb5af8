// Room scenarios: N browser contexts join one room of one system at once; we time each
// stage (connected, verified) until every page has it for every other page, and count the
// room's broker traffic up to that moment. Pairs (N = 2) give figures 1–3, N > 2 the mesh.
import { systems } from './systems.mjs';

let runCounter = 0;
/** A fresh room id: topics never repeat across trials or runs of the bench. */
export const freshRun = () => `${Date.now().toString(36)}-${++runCounter}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Opens `n` pages, joins them to one fresh room of `system`, waits for every stage.
 * Never throws for a room that did not connect: `failure` says what went wrong and
 * `failedPairs` how many pairs missed the last stage, so the caller can report it loudly.
 * The caller closes `pages` (after, e.g., timing round trips on them).
 */
export async function roomTrial(h, system, n, { timeoutMs = 20_000 } = {}) {
  const run = freshRun();
  const room = systems[system].room(h.brokerUrl, run);
  const pages = await Promise.all(Array.from({ length: n }, () => h.openPage()));
  const trial = { system, n, run, stages: {}, failure: null, failedPairs: 0, pages, room };
  // Broker traffic is cut by order (see counter.barrier), never by comparing clocks.
  const from = await h.counter.barrier();
  const startedAt = performance.now();
  let joined;
  try {
    // All pages join at the same moment (one evaluate each, sent together).
    joined = await Promise.all(pages.map((p, i) => room.join(p, i)));
  } catch (e) {
    trial.failure = `join failed: ${e.message}`;
    trial.failedPairs = (n * (n - 1)) / 2;
    return trial;
  }
  // Join call to "on the broker, subscribed, announced" (ours and raw say when; Trystero does not).
  if (joined.every((j) => j.joined !== undefined)) trial.joinedMs = Math.max(...joined.map((j) => j.joined - j.t0));
  for (const [stage, kind] of Object.entries(room.stages)) {
    const left = Math.max(1, timeoutMs - (performance.now() - startedAt));
    const results = await Promise.allSettled(pages.map((p) => room.until(p, kind, n - 1, left)));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`page ${i + 1}: ${String(r.reason?.message ?? r.reason).split('\n')[0]}`] : []));
    if (failed.length) {
      trial.failure = `not every pair reached '${stage}' within ${timeoutMs} ms:\n    ${failed.join('\n    ')}`;
      trial.failedPairs = await countFailedPairs(pages, joined, room, kind);
      return trial;
    }
    const to = await h.counter.barrier();
    // Each page times itself, from its own join call to its last peer reaching the stage;
    // the room's figure is the slowest page (all pages were told to join at the same moment).
    const ms = Math.max(...results.map((r, i) => Math.max(...r.value) - joined[i].t0));
    trial.stages[stage] = { ms, ...h.counter.select(room.matches, from, to) };
  }
  // The per-phase timeline (figure 2c): every page's marks, and when the room was told to join.
  trial.phases = phasesOf(await Promise.all(pages.map((p) => room.marks(p))), Math.min(...joined.map((j) => j.t0)));
  return trial;
}

/** Pairs (i, j) where i has not seen j reach `kind` or j has not seen i. */
async function countFailedPairs(pages, joined, room, kind) {
  const seen = await Promise.all(pages.map((p) => room.peersWith(p, kind).catch(() => [])));
  let failed = 0;
  for (let i = 0; i < pages.length; i++) {
    for (let j = i + 1; j < pages.length; j++) {
      if (!seen[i].includes(joined[j].id) || !seen[j].includes(joined[i].id)) failed++;
    }
  }
  return failed;
}

/** Closes a trial's pages (each its own browser context). */
export const closeTrial = (h, trial) => h.closePages(trial.pages);

/**
 * When the room reached each phase (a timeline mark kind), in ms from the join call: for a
 * phase every page has (broker connected, announce sent, channel open…), when the last page
 * reached it; for one only some pages have (offer sent, answer received: one side's), when the
 * first did. Each page's first mark of a kind counts.
 */
export function phasesOf(timelines, t0) {
  const kinds = new Set(timelines.flatMap((marks) => marks.map((m) => m.kind)));
  const phases = {};
  for (const kind of kinds) {
    const firsts = timelines.map((marks) => marks.find((m) => m.kind === kind)?.at).filter((at) => at !== undefined);
    phases[kind] = (firsts.length === timelines.length ? Math.max(...firsts) : Math.min(...firsts)) - t0;
  }
  return phases;
}
