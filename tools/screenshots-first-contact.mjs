// Screenshots of first contact (issue 14), each person in a browser context of its own:
// Ada is in the room first and decides about Newt, who knocks ("Newt wants to join.");
// Newt waits ("Waiting for Ada to let you in…"); Ada says Not now (the Not now list, "Ada
// said not now") and lets him in later; Ada opens a second tab ("You (another tab)"); then the
// drop-in widget, closed with the request count on its button, and opened with the request
// first. Light and dark, at desktop width (1100 px) and a phone's (390 px). Only the chat is
// photographed (the room, or the widget's corner), at device scale 1, to keep files small
// (and through pngquant when it is installed).
// Usage, with `npm start` running:
//   node tools/screenshots-first-contact.mjs http://127.0.0.1:8000 out-dir
// ONLY=light,phone takes some of the four variants (light, dark, phone, phone-dark).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { findChromium, chromiumArgs } from './chromium.mjs';

const [base = 'http://127.0.0.1:8000', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const desktop = { width: 1100, height: 900 };
const phone = { width: 390, height: 844 };
const variants = [
  ['light', { colorScheme: 'light', viewport: desktop }],
  ['dark', { colorScheme: 'dark', viewport: desktop }],
  ['phone', { colorScheme: 'light', viewport: phone }],
  ['phone-dark', { colorScheme: 'dark', viewport: phone }],
].filter(([label]) => !process.env.ONLY || process.env.ONLY.split(',').includes(label));
let problems = 0;
let shots = 0;
const problem = (text) => {
  problems++;
  console.log(text);
};

const watch = (page, label) => {
  page.on('console', (m) => {
    if (m.type() === 'error') problem(`[${label}] console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problem(`[${label}] page error: ${e.message}`));
};

/**
 * Gives the page's first `tag` element these attributes as soon as the parser makes it,
 * before the elements are defined: the room joins once, as a page that wrote them would.
 */
const preset = (page, tag, attributes) =>
  page.addInitScript(
    ({ tag, attributes }) => {
      new MutationObserver((_, observer) => {
        const el = document.querySelector(tag);
        if (!el) return;
        for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    },
    { tag, attributes },
  );

/** The demo page in `ctx`, in the room of `topic` (shown as "Book club") as `name`; resolves once its client joined. */
async function visit(ctx, topic, name) {
  const page = await ctx.newPage();
  watch(page, name);
  await preset(page, 'rt-chat-room', { room: 'Book club', topic, name });
  await page.goto(`${base}/demo/index.html`);
  await page.evaluate(async () => {
    const el = document.querySelector('rt-chat-room');
    await el.updateComplete;
    await el.client.connect();
  });
  return page;
}

/** The drop-in widget page in `ctx`, in the room of `topic` as `name`, closed; resolves once joined. */
async function visitWidget(ctx, topic, name) {
  const page = await ctx.newPage();
  watch(page, `${name} (widget)`);
  await preset(page, 'rt-chat-widget', { room: 'Book club', topic, name });
  await page.goto(`${base}/demo/widget.html`);
  await page.waitForFunction(() => document.querySelector('rt-chat-widget')?.chatRoom?.client);
  await page.evaluate(async () => {
    const w = document.querySelector('rt-chat-widget');
    await w.updateComplete;
    await w.chatRoom.updateComplete;
    await w.chatRoom.client.connect();
  });
  return page;
}

/** Lets the last change draw (Lit updates, the log's next frame). */
const drawn = (page) => page.waitForTimeout(300);

const files = [];

async function shoot(locator, name) {
  const path = `${out}/${name}.png`;
  await locator.screenshot({ path, animations: 'disabled', caret: 'hide' });
  files.push(path);
  shots++;
}

for (const [label, options] of variants) {
  const room = `first-contact-${label}-${Date.now()}`; // the topic: a room of its own per variant
  const adaCtx = await browser.newContext(options);
  const newtCtx = await browser.newContext(options);
  try {
    // Ada is here first (announces say how long), so she decides about Newt.
    const ada = await visit(adaCtx, room, 'Ada');
    const newt = await visit(newtCtx, room, 'Newt');
    const adaRoom = ada.locator('rt-chat-room');
    const newtRoom = newt.locator('rt-chat-room');

    // Ada is asked; Newt waits for her.
    await ada.locator('rt-peer-list [part="prompt"]').waitFor();
    await newt.locator('rt-peer-list [part="peer"][data-state="waiting"]').waitFor();
    await drawn(ada);
    await shoot(adaRoom, `first-contact-member-prompt-${label}`);
    await shoot(newtRoom, `first-contact-newcomer-waiting-${label}`);

    // Not now: Newt is in Ada's Not now list, and told.
    await ada.locator('rt-peer-list [part="decline-button"]').click();
    await ada.locator('rt-peer-list [part="not-now-peer"]').waitFor();
    await newt.locator('rt-peer-list [part="peer"][data-state="not-now"]').waitFor();
    await drawn(ada);
    await shoot(adaRoom, `first-contact-not-now-${label}`);
    await shoot(newtRoom, `first-contact-newcomer-not-now-${label}`);

    // Ada lets him in after all; then opens a second tab of her own.
    await ada.locator('rt-peer-list [part="let-in-button"]').click();
    await ada.locator('rt-peer-list [part="peer"][data-state="verified"]').waitFor();
    await newt.locator('rt-peer-list [part="peer"][data-state="verified"]').waitFor();
    const tab2 = await visit(adaCtx, room, 'Ada');
    await ada.locator('rt-peer-list [part="peer"][data-own-tab][data-state="verified"]').waitFor();
    await drawn(ada);
    await shoot(adaRoom, `first-contact-own-tab-${label}`);
    await tab2.close();
    await ada.close();
    await newt.close();

    // The drop-in widget: closed, with the request on its button; opened, the request first.
    const widgetRoom = `${room}-widget`;
    const adaW = await visitWidget(adaCtx, widgetRoom, 'Ada');
    await visitWidget(newtCtx, widgetRoom, 'Newt');
    await adaW.locator('rt-chat-widget [part="toggle"] [part="requests"]').waitFor();
    await drawn(adaW);
    const closedTitle = await adaW.title();
    if (!closedTitle.startsWith('(1) ')) problem(`[${label}] no count in the title while closed: ${closedTitle}`);
    const corner = options.viewport.width < 500 ? { width: options.viewport.width, height: 140 } : { width: 360, height: 140 };
    const closed = `${out}/first-contact-widget-closed-${label}.png`;
    await adaW.screenshot({ path: closed, clip: { x: options.viewport.width - corner.width, y: options.viewport.height - corner.height, ...corner }, animations: 'disabled' });
    files.push(closed);
    shots++;
    await adaW.locator('rt-chat-widget [part="toggle"]').click();
    await adaW.locator('rt-chat-widget rt-peer-list [part="prompt"]').waitFor();
    await drawn(adaW);
    await shoot(adaW.locator('rt-chat-widget [part="panel"]'), `first-contact-widget-open-${label}`);
    const title = await adaW.title();
    if (title.startsWith('(')) problem(`[${label}] the title still has a count after opening: ${title}`);
  } finally {
    await adaCtx.close();
    await newtCtx.close();
  }
}
await browser.close();
// pngquant (Debian: apt-get install pngquant), when there, makes the files about a third the size.
try {
  execFileSync('pngquant', ['--quality', '65-90', '--strip', '--skip-if-larger', '--force', '--ext', '.png', ...files], { stdio: 'ignore' });
} catch (e) {
  if (e.code === 'ENOENT') console.log('pngquant not found: the screenshots stay as Chromium wrote them');
}
console.log(`${shots} screenshots in ${out}, ${problems} problems`);
process.exit(problems ? 1 : 0);
