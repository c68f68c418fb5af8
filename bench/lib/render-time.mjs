// Figure 6b: time from script load to the elements rendered. A page with one
// `<rt-chat-room>` (no children: the built-in layout with peer list, message log and
// composer) loads the elements as one minified bundle, built like dist/rtchat.js.
// Each run is a fresh browser context (cold: no HTTP or code cache). The page and bundle are
// written to bench/results/render/ (git-ignored) and served by the bench's dev server, like
// any static file; the room really joins the local broker while it renders.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { bundleCode } from './bundle-size.mjs';
import { summarize } from './stats.mjs';

const ENTRY = 'src/elements/define.ts';

// Inline scripts stamp the moments: before the bundle (script load starts), after it (evaluated,
// elements defined), and once every element in the room's shadow tree finished its first
// update and a frame was produced.
const page = (brokerUrl, storage, script = 'elements.js') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>render bench</title><link rel="icon" href="data:,">
<script>window.__t = { start: performance.now() };</script>
<script src="${script}"></script>
<script>__t.evaluated = performance.now();</script>
</head><body>
<rt-chat-room room="render-bench" brokers="${brokerUrl}" ice-servers="[]" auto-accept="all" storage="${storage}"></rt-chat-room>
<script>
(async () => {
  const settle = async (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.updateComplete) await el.updateComplete;
      if (el.shadowRoot) await settle(el.shadowRoot);
    }
  };
  try {
    const room = document.querySelector('rt-chat-room');
    if (${script !== 'elements.js'}) return void (__t.rendered = __t.evaluated);
    if (!room.updateComplete) throw new Error('rt-chat-room was not upgraded');
    await room.updateComplete;
    await settle(room.shadowRoot);
    await new Promise((r) => requestAnimationFrame(() => r()));
    __t.rendered = performance.now();
    __t.parts = room.shadowRoot.querySelectorAll('[part]').length;
  } catch (e) {
    __t.error = String(e && e.stack || e);
  }
})();
</script>
</body></html>`;

/** Median times (ms, from the page's time origin) over `runs` cold loads; `skipped` when there are no elements. */
export async function renderTimes(h, { runs }) {
  if (!existsSync(ENTRY)) return { skipped: `${ENTRY} does not exist yet` };
  const code = await bundleCode(ENTRY);
  const dir = 'bench/results/render';
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/elements.js`, code);
  // Baseline in the same run: mqtt.js alone (its browser build, minified the same way), fetched and evaluated.
  const mqttCode = await bundleCode(null, { code: "import mqtt from 'mqtt'; globalThis.__mqtt = mqtt;" });
  writeFileSync(`${dir}/mqtt.js`, mqttCode);
  const samples = [];
  const baseline = [];
  for (let i = 0; i < runs; i++) {
    // Alternate the two pages, so drift in the machine's load hits both alike.
    for (const script of ['elements.js', 'mqtt.js']) {
      const p = await h.openPage({ blank: true });
      try {
        writeFileSync(`${dir}/index-${i}.html`, page(h.brokerUrl, `bench-render-${i}-${Date.now()}:`, script));
        await p.goto(`${h.origin}/${dir}/index-${i}.html`);
        await p.waitForFunction(() => window.__t.rendered !== undefined || window.__t.error !== undefined, null, { timeout: 20_000 });
        const t = await p.evaluate(() => window.__t);
        if (t.error) return { failed: t.error, bundleBytes: code.length };
        (script === 'mqtt.js' ? baseline : samples).push(t);
      } finally {
        await h.closePages([p]);
      }
    }
  }
  const part = (list, f) => summarize(list.map(f));
  return {
    runs,
    bundleBytes: code.length,
    mqttBytes: mqttCode.length,
    parts: samples[0]?.parts,
    evaluate: part(samples, (t) => t.evaluated - t.start),
    render: part(samples, (t) => t.rendered - t.evaluated),
    total: part(samples, (t) => t.rendered - t.start),
    mqttEvaluate: part(baseline, (t) => t.evaluated - t.start),
  };
}
