// Figure 6d: what the drop-in costs the page that carries it. An ordinary page (a heading,
// some paragraphs) is loaded cold (a fresh browser context each time) without the drop-in,
// with `<script src="rtchat.js?add&…">` in its <head> as a CMS author would add it (a classic
// script there blocks the parser until it is fetched and run), and with the same tag marked
// `async` (fetched in parallel, run when it arrives), in turns.
// The drop-in is built as `npm run build` builds it: the loader (src/rtchat.ts, IIFE) and,
// beside it, the library it imports later (src/rtchat-full.ts, ES module). Both are written to
// bench/results/dropin/ (git-ignored) and served by the bench's dev server like static files.
//
// Moments, in ms from the page's time origin: first contentful paint, DOMContentLoaded, the
// load event, the chat button on the page (`<rt-chat-launcher>` inserted), the widget in its
// place (the library loaded, when the browser was idle), and the widget's room connected to
// the broker.
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundleCode } from './bundle-size.mjs';
import { summarize } from './stats.mjs';

const DIR = 'bench/results/dropin';

const page = (script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>An ordinary page</title><link rel="icon" href="data:,">
<script>
window.__t = {};
new PerformanceObserver((l) => { for (const e of l.getEntries()) __t[e.name] = e.startTime; }).observe({ type: 'paint', buffered: true });
addEventListener('DOMContentLoaded', () => (__t.dcl = performance.now()));
addEventListener('load', () => {
  __t.load = performance.now();
  const s = performance.getEntriesByType('resource').find((e) => /rtchat\.js/.test(e.name));
  if (s) __t.scriptFetch = s.responseEnd - s.startTime;
});
new MutationObserver(() => {
  if (__t.button === undefined && document.querySelector('rt-chat-launcher')) __t.button = performance.now();
  if (__t.widget === undefined && document.querySelector('rt-chat-widget')) __t.widget = performance.now();
}).observe(document.documentElement, { childList: true, subtree: true });
(async () => {
  if (!${script !== ''}) return;
  for (;;) {
    if (document.querySelector('rt-chat-widget')?.chatRoom?.client?.state === 'connected') return void (__t.connected = performance.now());
    await new Promise((r) => setTimeout(r, 10));
  }
})();
</script>
${script}
</head><body><main>
<h1>An ordinary page</h1>
${'<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>\n'.repeat(20)}
</main></body></html>`;

/**
 * Medians over `runs` cold loads of each page; `failed` when a drop-in page did not connect in 20 s.
 * @param {{ openPage: (o?: { blank?: boolean }) => Promise<import('playwright').Page>, closePages: (p: import('playwright').Page[]) => Promise<void>, origin: string, brokerUrl: string }} h
 */
export async function dropInLoadTimes(h, { runs }) {
  mkdirSync(DIR, { recursive: true });
  const loader = await bundleCode('src/rtchat.ts');
  const library = await bundleCode('src/rtchat-full.ts', { format: 'es' });
  writeFileSync(`${DIR}/rtchat.js`, loader);
  writeFileSync(`${DIR}/rtchat.full.esm.js`, library);
  const samples = { without: [], blocking: [], async: [] };
  for (let i = 0; i < runs; i++) {
    // Rotate the order, so that drift in the machine's load hits every variant alike.
    const order = ['without', 'blocking', 'async'];
    for (let k = 0; k < i % 3; k++) order.push(order.shift());
    for (const variant of order) {
      const drop = variant !== 'without';
      const query = new URLSearchParams({ topic: `bench-dropin-${i}-${Date.now()}`, brokers: h.brokerUrl, 'ice-servers': '[]' });
      const file = `${DIR}/page-${i}-${variant}.html`;
      writeFileSync(file, page(drop ? `<script ${variant === 'async' ? 'async ' : ''}src="rtchat.js?add&${query}"></script>` : ''));
      const p = await h.openPage({ blank: true });
      try {
        await p.goto(`${h.origin}/${file}`);
        await p.waitForFunction((drop) => window.__t.load !== undefined && (!drop || window.__t.connected !== undefined), drop, { timeout: 20_000 });
        samples[variant].push(await p.evaluate(() => window.__t));
      } catch (e) {
        return { failed: `run ${i}, ${variant}: ${e.message.split('\n')[0]}` };
      } finally {
        await h.closePages([p]);
      }
    }
  }
  const of = (list, key) => summarize(list.map((t) => t[key]));
  const page3 = (list) => ({ fcp: of(list, 'first-contentful-paint'), dcl: of(list, 'dcl'), load: of(list, 'load') });
  const drop = (list) => ({ ...page3(list), scriptFetch: of(list, 'scriptFetch'), button: of(list, 'button'), widget: of(list, 'widget'), connected: of(list, 'connected') });
  return {
    runs,
    loaderBytes: loader.length,
    libraryBytes: library.length,
    without: page3(samples.without),
    blocking: drop(samples.blocking),
    async: drop(samples.async),
  };
}
