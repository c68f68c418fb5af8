// Screenshots of the composer writing to one peer ("To: …"), in the room's built-in layout
// (demo/index.html) and next to a page's own peer list (demo/layout.html); light, dark and
// phone. Usage, with `npm start` running:
//   node tools/screenshots-composer.mjs http://127.0.0.1:8000 out-dir
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { findChromium, chromiumArgs } from './chromium.mjs';

const [base = 'http://127.0.0.1:8000', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
let problems = 0;

/** Opens `page` of the demo in `ctx` as `name` in room (topic) `room`, accepting whoever asks. */
async function visit(ctx, page, room, name) {
  const tab = await ctx.newPage();
  tab.on('pageerror', (e) => (problems++, console.log(`[${name}] page error: ${e.message}`)));
  tab.on('console', (m) => m.type() === 'error' && (problems++, console.log(`[${name}] console error: ${m.text()}`)));
  await tab.goto(`${base}/demo/${page}.html`);
  await tab.evaluate(
    ({ room, name }) => {
      const el = document.querySelector('rt-chat-room');
      el.setAttribute('name', name);
      el.setAttribute('auto-accept', 'all');
      el.setAttribute('topic', room); // the demo's own topic would put every run in one room
    },
    { room, name },
  );
  return tab;
}

for (const page of (process.env.PAGES ?? 'index,layout').split(',')) {
  for (const [label, options] of [
    ['light', { colorScheme: 'light', viewport: { width: 1100, height: 900 } }],
    ['dark', { colorScheme: 'dark', viewport: { width: 1100, height: 900 } }],
    ['phone', { colorScheme: 'light', viewport: { width: 390, height: 844 } }],
  ]) {
    const room = `composer-${page}-${label}-${Date.now()}`;
    const guest = await browser.newContext();
    await visit(guest, page, room, 'Bob');
    const ctx = await browser.newContext(options);
    const tab = await visit(ctx, page, room, 'Alice');
    // Alice presses Message next to Bob once he is verified, and starts a line to him.
    await tab.waitForFunction(() => document.querySelector('rt-chat-room').client?.peers.some((p) => p.verified), null, { timeout: 30_000, polling: 250 });
    await tab.evaluate(async () => {
      const room = document.querySelector('rt-chat-room');
      const list = room.querySelector('rt-peer-list') ?? room.shadowRoot.querySelector('rt-peer-list');
      for (let i = 0; i < 100 && !list.shadowRoot.querySelector('[part="message-button"]'); i++) await new Promise((r) => setTimeout(r, 50));
      list.shadowRoot.querySelector('[part="message-button"]').click();
    });
    await tab.keyboard.type('Only for you, Bob');
    await tab.waitForTimeout(500);
    await tab.screenshot({ path: `${out}/composer-${page}-${label}.png`, fullPage: true });
    await ctx.close();
    await guest.close();
  }
}
await browser.close();
console.log(`6 screenshots in ${out}, ${problems} page errors`);
process.exit(problems ? 1 : 0);
