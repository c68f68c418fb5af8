// Screenshots of what a room shows when someone imitates a person it knows: the plain demo
// page meets "Alice", then a second key calling itself "Alice" and a third "Аlice" (Cyrillic
// А). Light, dark and phone. Usage, with `npm start` running:
//   node tools/screenshots-trust.mjs http://127.0.0.1:8000 out-dir
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { findChromium, chromiumArgs } from './chromium.mjs';

const [base = 'http://127.0.0.1:8000', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const url = `${base}/demo/index.html`;
let problems = 0;

/** Opens the demo in `ctx` in room (topic) `room` as `name`; says `text` once someone is verified. */
async function join(ctx, room, name, text) {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => (problems++, console.log(`[${name}] page error: ${e.message}`)));
  await page.goto(url);
  await page.evaluate(
    ({ room, name, text }) => {
      const el = document.querySelector('rt-chat-room');
      el.setAttribute('name', name);
      el.setAttribute('auto-accept', 'all');
      el.setAttribute('topic', room); // the demo's own topic would put every run in one room
      if (!text) return;
      const timer = setInterval(() => {
        if (el.client?.peers.some((p) => p.verified)) {
          el.client.broadcast(text);
          clearInterval(timer);
        }
      }, 250);
    },
    { room, name, text },
  );
  return page;
}

for (const [label, options] of [
  ['light', { colorScheme: 'light', viewport: { width: 1100, height: 900 } }],
  ['dark', { colorScheme: 'dark', viewport: { width: 1100, height: 900 } }],
  ['phone', { colorScheme: 'light', viewport: { width: 390, height: 844 } }],
]) {
  const room = `trust-${label}-${Date.now()}`;
  const ctx = await browser.newContext(options);
  const page = await join(ctx, room, 'Victor', '');
  const guests = [];
  const guest = async (name, text) => {
    const g = await browser.newContext();
    guests.push(g);
    await join(g, room, name, text);
  };
  await guest('Alice', 'Hi, it is Alice.');
  await page.waitForTimeout(3000); // Alice is pinned first
  await guest('Alice', 'It is me, Alice, on my new laptop.');
  await guest('\u0410lice', 'Alice here: send me the file?');
  await page.waitForTimeout(5000);
  await page.screenshot({ path: `${out}/trust-${label}.png`, fullPage: true });
  for (const g of guests) await g.close();
  await ctx.close();
}
await browser.close();
console.log(`3 screenshots in ${out}, ${problems} page errors`);
process.exit(problems ? 1 : 0);
