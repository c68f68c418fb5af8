// Figure 6c: what <rt-message-log> costs to draw. Two scenarios in a page holding only the
// log, fed by the stand-in client of bench/pages/log-fixture.ts (no room, no network):
//   append: 1,000 messages from three peers arrive at once in an empty log (limit 5,000);
//           time from the first event to the frame after the log's render.
//   scroll: a log holding 5,000 messages (first render timed), scrolled from the newest to
//           the oldest, 300 px per frame for 120 frames; frame intervals and long tasks.
// Each is measured for this tree's element ("after") and for the element of another git ref
// ("before", default main: its src/ extracted with `git archive`, bundled the same way with
// the same fixture), alternating, a fresh browser context per run. Timings are figures, never
// assertions.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { logPage, logScripts } from './log-bundle.mjs';
import { quantile, summarize } from './stats.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const DIR = 'bench/results/logrender';

/** Extracts `ref`'s src/ and tsconfig.json into a temporary directory (outside the tree: typecheck reads bench/); returns its path. */
function checkout(ref) {
  const dir = join(tmpdir(), `rtchat-logrender-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'src', 'tsconfig.json'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  return dir;
}

/** Runs in the page: the two scenarios. */
async function measureInPage({ scenario }) {
  const { FixtureClient, peer } = window.logFixture;
  const log = document.querySelector('rt-message-log');
  log.limit = 5000;
  const client = new FixtureClient();
  log.client = client;
  const people = [peer('Ada Lovelace'), peer('Bob'), peer('Carol')];
  for (const p of people) client.join(p);
  await log.updateComplete;
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  await frame();
  const longTasks = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  const text = (i) => (i % 7 === 0 ? `message ${i}: see https://example.com/page/${i} for the details, and tell me what you think` : `message ${i}`);
  const fill = (n) => {
    const start = Date.now() - n * 1000;
    for (let i = 0; i < n; i++) {
      if (i % 5 === 4) client.send(text(i), start + i * 1000);
      else client.say(people[Math.floor(i / 3) % 3], text(i), start + i * 1000);
    }
  };
  if (scenario === 'append') {
    const t0 = performance.now();
    fill(1000);
    await log.updateComplete;
    await frame();
    return { appendMs: performance.now() - t0, longTasks: longTasks.length, longTaskMs: longTasks.reduce((a, b) => a + b, 0) };
  }
  const t0 = performance.now();
  fill(5000);
  await log.updateComplete;
  await frame();
  const firstRenderMs = performance.now() - t0;
  const base = log.shadowRoot.querySelector('[part="base"]');
  // Let the first render's tail (style, layout, paint of 5,000 lines) finish: the scroll alone is measured.
  for (let i = 0; i < 3; i++) await frame();
  await new Promise((r) => setTimeout(r, 300));
  longTasks.length = 0;
  const stamps = [];
  await new Promise((done) => {
    let n = 0;
    const step = (t) => {
      stamps.push(t);
      if (n++ >= 120) return done();
      base.scrollTop -= 300;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  await frame();
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
  return {
    firstRenderMs,
    nodes: log.shadowRoot.querySelectorAll('*').length,
    frames: intervals,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    reachedTop: base.scrollTop === 0,
  };
}

/** Medians over `runs` of each scenario for the "before" (`ref`) and "after" (this tree) element. */
export async function logRenderFigures(h, { runs, ref = 'main' }) {
  mkdirSync(DIR, { recursive: true });
  const before = checkout(ref);
  const trees = { after: await logScripts(), before: await logScripts(before) };
  rmSync(before, { recursive: true, force: true });
  for (const [name, scripts] of Object.entries(trees)) writeFileSync(`${DIR}/${name}.html`, logPage(scripts, { height: '600px' }));
  const samples = { before: { append: [], scroll: [] }, after: { append: [], scroll: [] } };
  for (let i = 0; i < runs; i++) {
    for (const scenario of ['append', 'scroll']) {
      for (const name of ['before', 'after']) {
        const p = await h.openPage({ blank: true });
        try {
          await p.setViewportSize({ width: 800, height: 700 });
          await p.goto(`${h.origin}/${DIR}/${name}.html`);
          samples[name][scenario].push(await p.evaluate(measureInPage, { scenario }));
        } finally {
          await h.closePages([p]);
        }
      }
    }
  }
  const figures = {};
  for (const [name, s] of Object.entries(samples)) {
    const frames = s.scroll.flatMap((r) => r.frames);
    figures[name] = {
      appendMs: summarize(s.append.map((r) => r.appendMs)),
      appendLongTaskMs: summarize(s.append.map((r) => r.longTaskMs)),
      firstRender5000Ms: summarize(s.scroll.map((r) => r.firstRenderMs)),
      nodes5000: s.scroll[0]?.nodes,
      frameMedianMs: quantile(frames, 0.5),
      frameP95Ms: quantile(frames, 0.95),
      framesOver50ms: frames.filter((f) => f > 50).length / Math.max(1, s.scroll.length),
      scrollLongTasks: summarize(s.scroll.map((r) => r.longTasks)),
      scrollLongTaskMs: summarize(s.scroll.map((r) => r.longTaskMs)),
      reachedTop: s.scroll.every((r) => r.reachedTop),
    };
  }
  return { runs, ref, ...figures };
}
