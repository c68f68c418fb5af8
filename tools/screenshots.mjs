// Screenshots of the demo pages, light and dark, desktop and phone, each with a second
// visitor in the room so there is something to see.
//   npm run screenshots                      starts the demo server itself, writes docs/images/demo
//   node tools/screenshots.mjs URL out-dir   against a server already running
// Prints every console error and page error it sees; exits 1 if there were any.
// PAGES picks pages (default index,widget,layout,themed,react,vue); SIZES picks desktop,phone;
// GUEST_TEXT replaces what the visitor says (e.g. a long text, to see it clipped with
// "Show more"); HASH is added to every page's address (HASH='#secret=…' puts both visitors
// in a secret room).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { findChromium, chromiumArgs } from './chromium.mjs';

let [base, out = 'docs/images/demo'] = process.argv.slice(2);
let server;
if (!base) {
  // The demo server on the first free port from 8000, as `npm start` runs it.
  server = spawn(process.execPath, ['tools/dev-server.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const found = text.match(/(http:\/\/[^/\s]+)\/demo\//);
      if (found) resolve(found[1]);
    });
    server.on('exit', (code) => reject(new Error(`the demo server ended (${code}) before it listened`)));
  });
}
const pages = (process.env.PAGES ?? 'index,widget,layout,themed,react,vue').split(',');
const SIZES = { desktop: { width: 1100, height: 800 }, phone: { width: 390, height: 844 } };
const sizes = (process.env.SIZES ?? 'desktop,phone').split(',');
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
      const room = widget?.chatRoom ?? document.querySelector('rt-chat-room');
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
  for (const [size, scheme] of sizes.flatMap((size) => ['light', 'dark'].map((scheme) => [size, scheme]))) {
    const visitor = await browser.newContext({ colorScheme: scheme });
    const guest = await visitor.newPage();
    watch(guest, `${name} guest`);
    await guest.goto(`${base}/demo/${name}.html${process.env.HASH ?? ''}`);
    await converse(guest, process.env.GUEST_TEXT ?? 'Hello from the other tab! <b>not bold</b>');
    const viewport = SIZES[size];
    const ctx = await browser.newContext({ colorScheme: scheme, viewport });
    const page = await ctx.newPage();
    watch(page, `${name} ${scheme}`);
    await page.goto(`${base}/demo/${name}.html${process.env.HASH ?? ''}`);
    await converse(page, 'Hi! Our keys check out.');
    await page.waitForTimeout(5000);
    await page.screenshot({ path: `${out}/${name}-${size}-${scheme}.png`, fullPage: size === 'phone' });
    await ctx.close();
    await visitor.close();
  }
}
await browser.close();
server?.kill();
console.log(`${pages.length * sizes.length * 2} screenshots in ${out}, ${problems} console/page errors`);
process.exit(problems ? 1 : 0);
