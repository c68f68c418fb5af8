// Screenshots of the demo pages, light and dark, each with a second visitor in the room so
// there is something to see. Usage: node tools/screenshots.mjs http://127.0.0.1:8000 out-dir
// Prints every console error and page error it sees; exits 1 if there were any.
// GUEST_TEXT replaces what the visitor says (e.g. a long text, to see it clipped with
// "Show more"); PHONE=1 takes them at a phone's size (390 × 844); HASH is added to every page's
// address (HASH='#secret=…' puts both visitors in a secret room).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { findChromium, chromiumArgs } from './chromium.mjs';

const [base = 'http://127.0.0.1:8000', out = 'screenshots'] = process.argv.slice(2);
const pages = (process.env.PAGES ?? 'index,themed,layout,widget,react,vue').split(',');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
let problems = 0;
const watch = (page, label) => {
  page.on('console', (m) => {
    if (m.type() === 'error') {
      problems++;
      console.log(`[${label}] console error: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => {
    problems++;
    console.log(`[${label}] page error: ${e.message}`);
  });
};
/** In the page: accept requests, open a widget, and say hello once a peer is verified. */
const converse = (page, text) =>
  page.evaluate((text) => {
    let said = false;
    const timer = setInterval(() => {
      const widget = document.querySelector('rt-chat-widget');
      if (widget && !widget.open) widget.toggle(true);
      const room = widget?.room ?? document.querySelector('rt-chat-room');
      const client = room?.client;
      if (!client) return;
      for (const r of client.requests) r.accept();
      if (!said && client.peers.some((p) => p.verified)) {
        said = true;
        client.broadcast(text);
        clearInterval(timer);
      }
    }, 250);
  }, text);

for (const name of pages) {
  for (const scheme of ['light', 'dark']) {
    const visitor = await browser.newContext({ colorScheme: scheme });
    const guest = await visitor.newPage();
    watch(guest, `${name} guest`);
    await guest.goto(`${base}/demo/${name}.html${process.env.HASH ?? ''}`);
    await converse(guest, process.env.GUEST_TEXT ?? 'Hello from the other tab! <b>not bold</b>');
    const viewport = process.env.PHONE ? { width: 390, height: 844 } : { width: 1100, height: 900 };
    const ctx = await browser.newContext({ colorScheme: scheme, viewport });
    const page = await ctx.newPage();
    watch(page, `${name} ${scheme}`);
    await page.goto(`${base}/demo/${name}.html${process.env.HASH ?? ''}`);
    await converse(page, 'Hi! Our keys check out.');
    await page.waitForTimeout(5000);
    await page.screenshot({ path: `${out}/${name}-${scheme}.png`, fullPage: true });
    await ctx.close();
    await visitor.close();
  }
}
await browser.close();
console.log(`${pages.length * 2} screenshots in ${out}, ${problems} console/page errors`);
process.exit(problems ? 1 : 0);
