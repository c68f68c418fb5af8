// Figure 2b: first contact as people meet it. The default demo page (one
// `<rt-chat-room room="demo">`, nothing else set: the default policy, the built-in peer list)
// is opened by a first person, then by a second one in a fresh browser context. A script in
// each page clicks every Accept button the moment it appears, like the quickest person
// would. Measured in the second page: from its navigation start to the moment it can send
// (a verified peer, the composer enabled). Baseline in the same run: the same pages with
// `auto-accept="all"` (the page decides, nobody clicks). The pages load the elements as one
// minified bundle, like the render figure, and are served by the bench's dev server.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { bundleCode } from './bundle-size.mjs';
import { summarize } from './stats.mjs';

const ENTRY = 'src/elements/define.ts';
const DIR = 'bench/results/first-contact';

// One page for both people (the room is derived from the page's path); each person's own
// storage (own identity) comes from the query.
const page = (brokerUrl, room, autoAccept) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>first contact</title><link rel="icon" href="data:,">
<script src="elements.js"></script>
</head><body>
<script>document.write('<rt-chat-room room="${room}" brokers="${brokerUrl}" ice-servers="[]"${autoAccept ? ` auto-accept="${autoAccept}"` : ''} storage="' + new URLSearchParams(location.search).get('storage') + '"></rt-chat-room>');</script>
</body></html>`;

// Runs in both pages before anything else: clicks Accept buttons as soon as they exist (every
// frame and on every DOM change in any shadow root), counts the clicks, and stamps the
// moment the page can send.
const clicker = () => {
  window.__fc = { clicks: 0, canSend: null, prompted: null };
  const buttons = (root, out = []) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('[part~="accept-button"]') && !el.disabled && !el.__clicked) out.push(el);
      if (el.shadowRoot) buttons(el.shadowRoot, out);
    }
    return out;
  };
  const tick = () => {
    for (const b of buttons(document)) {
      b.__clicked = true;
      window.__fc.prompted ??= performance.now();
      window.__fc.clicks++;
      b.click();
    }
    const room = document.querySelector('rt-chat-room');
    if (window.__fc.canSend === null && room?.client?.peers.some((p) => p.verified)) window.__fc.canSend = performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/** `runs` meetings per mode, alternating; medians of the second person's time to send, and clicks per side. */
export async function firstContactTimes(h, { runs, log = () => {} }) {
  if (!existsSync(ENTRY)) return { skipped: `${ENTRY} does not exist yet` };
  mkdirSync(DIR, { recursive: true });
  writeFileSync(`${DIR}/elements.js`, await bundleCode(ENTRY));
  const modes = { pageDecides: 'all', personClicks: null };
  const samples = { pageDecides: [], personClicks: [] };
  const failures = [];
  for (let i = 0; i < runs; i++) {
    for (const [mode, autoAccept] of Object.entries(modes)) {
      const room = `first-contact-${mode}-${i}-${Date.now()}`;
      const pages = [];
      try {
        const file = `${DIR}/${mode}-${i}.html`;
        writeFileSync(file, page(h.brokerUrl, room, autoAccept));
        const open = async (who) => {
          const p = await h.openPage({ blank: true });
          pages.push(p);
          await p.addInitScript(clicker);
          await p.goto(`${h.origin}/${file}?storage=bench-fc-${who}-${i}-${Date.now()}:`);
          return p;
        };
        const first = await open('first');
        // The first person is in the room (joined, announcing) before the second arrives.
        await first.waitForFunction(() => document.querySelector('rt-chat-room')?.client?.state === 'connected', null, { timeout: 20_000 });
        const second = await open('second');
        await second.waitForFunction(() => window.__fc.canSend !== null, null, { timeout: 30_000 });
        await first.waitForFunction(() => window.__fc.canSend !== null, null, { timeout: 30_000 });
        const [a, b] = await Promise.all([first.evaluate(() => window.__fc), second.evaluate(() => window.__fc)]);
        samples[mode].push({ ms: b.canSend, clicksFirst: a.clicks, clicksSecond: b.clicks, promptedFirst: a.prompted });
      } catch (e) {
        failures.push(`${mode} run ${i}: ${e.message.split('\n')[0]}`);
        log(`  first contact ${mode} run ${i} failed: ${e.message.split('\n')[0]}`);
      } finally {
        await h.closePages(pages);
      }
    }
  }
  const fig = (list) => ({
    runs: list.length,
    toSend: summarize(list.map((s) => s.ms)),
    clicksFirst: summarize(list.map((s) => s.clicksFirst)),
    clicksSecond: summarize(list.map((s) => s.clicksSecond)),
  });
  return { pageDecides: fig(samples.pageDecides), personClicks: fig(samples.personClicks), failures };
}
