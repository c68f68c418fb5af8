// Shared history as a person sees it: Ada and Bob talk with history="share" on the plain
// demo page, Bob leaves, then Cleo joins and gets their messages from Ada (Bob's signed by a
// key she never met). Usage: node tools/screenshots-history.mjs http://127.0.0.1:8000
// (with `npm start` running); writes docs/images/demo/history-*.png.
import { chromium } from 'playwright';
import { findChromium, chromiumArgs } from './chromium.mjs';
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
async function person(name, scheme = 'light', viewport = { width: 1000, height: 700 }) {
  const ctx = await browser.newContext({ colorScheme: scheme, viewport });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(name, 'pageerror', e.message));
  await page.goto(`${base}/demo/index.html`);
  await page.evaluate((name) => {
    const room = document.querySelector('rt-chat-room');
    room.setAttribute('name', name);
    room.setAttribute('history', 'share');
    room.setAttribute('auto-accept', 'all');
  }, name);
  return page;
}
const a = await person('Ada');
await a.waitForTimeout(1500);
const b = await person('Bob');
await a.waitForFunction(() => document.querySelector('rt-chat-room').client?.peers.some((p) => p.verified), null, { timeout: 20000 });
await a.evaluate(() => document.querySelector('rt-chat-room').client.broadcast('Morning! Did the build pass?'));
await b.waitForTimeout(500);
await b.evaluate(() => document.querySelector('rt-chat-room').client.broadcast('Yes, all green. Release notes are at https://example.org/notes'));
await a.waitForTimeout(800);
await a.evaluate(() => document.querySelector('rt-chat-room').client.broadcast('Great, shipping it after lunch.'));
await a.waitForTimeout(1500);
await b.close();
for (const [scheme, viewport, file] of [
  ['light', { width: 1000, height: 700 }, 'history-light.png'],
  ['dark', { width: 390, height: 844 }, 'history-phone-dark.png'],
]) {
  const c = await person('Cleo', scheme, viewport);
  await c.waitForFunction(
    () => document.querySelector('rt-chat-room').shadowRoot.querySelector('rt-message-log').shadowRoot.querySelectorAll('[part~="message"]').length >= 3,
    null,
    { timeout: 30000 },
  );
  await c.waitForTimeout(1500);
  await c.screenshot({ path: `docs/images/demo/${file}`, fullPage: false });
  await c.close();
}
await browser.close();
console.log('done');
