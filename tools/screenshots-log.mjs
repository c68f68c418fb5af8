// Screenshots of <rt-message-log> on its own, fed a conversation by the stand-in client of
// bench/pages/log-fixture.ts: groups, avatars, days, links, ticks, reactions, the
// "New messages ↓" pill and focused lines. Light, dark and phone (390 px).
//   node tools/screenshots-log.mjs [out-dir]
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { logPage, logScripts } from '../bench/lib/log-bundle.mjs';
import { findChromium, chromiumArgs } from './chromium.mjs';

const [out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const page = `${out}/log-page.html`;
writeFileSync(page, logPage(await logScripts()));
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
let problems = 0;

for (const [label, options] of [
  ['light', { colorScheme: 'light', viewport: { width: 800, height: 700 } }],
  ['dark', { colorScheme: 'dark', viewport: { width: 800, height: 700 } }],
  ['phone', { colorScheme: 'light', viewport: { width: 390, height: 844 } }],
]) {
  const ctx = await browser.newContext(options);
  const tab = await ctx.newPage();
  tab.on('pageerror', (e) => (problems++, console.log(`[${label}] page error: ${e.message}`)));
  await tab.goto(pathToFileURL(resolve(page)).href);
  await tab.evaluate(async () => {
    const { FixtureClient, peer } = window.logFixture;
    const client = new FixtureClient();
    const log = document.querySelector('rt-message-log');
    log.client = client;
    const ada = peer('Ada Lovelace');
    const bob = peer('Bob');
    client.join(ada);
    client.join(bob);
    const now = Date.now();
    const yesterday = now - 86_400_000;
    client.say(ada, 'Did you see the draft?', yesterday);
    client.say(ada, 'It is at https://example.com/draft_(v2).', yesterday + 1000);
    client.send('Yes! Reading it now.', yesterday + 5000);
    client.say(bob, 'Morning all', now - 120_000);
    const m = client.send('Morning Bob, coffee at ten?', now - 60_000);
    client.reactAs(bob, m, '👍');
    client.reactAs(ada, m, '👍');
    client.say(bob, 'Sounds good', now);
    client.say(bob, 'javascript:alert(1) stays text, https://lit.dev is a link', now);
    client.send('Great', now, false);
    await log.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
  });
  // A keyboard user on an older line: its reaction button shows.
  await tab.keyboard.press('Tab');
  for (let i = 0; i < 3; i++) await tab.keyboard.press('ArrowUp');
  await tab.waitForTimeout(200);
  await tab.screenshot({ path: `${out}/log-${label}.png` });
  // A line without reactions: its button shows beside the bubble.
  await tab.keyboard.press('ArrowDown');
  await tab.keyboard.press('ArrowDown');
  await tab.waitForTimeout(100);
  await tab.screenshot({ path: `${out}/log-${label}-focus.png` });
  // Scrolled up when more arrive: the pill.
  await tab.evaluate(async () => {
    const { peer } = window.logFixture;
    const log = document.querySelector('rt-message-log');
    const client = log.client;
    const carol = peer('Carol');
    client.join(carol);
    for (let i = 0; i < 30; i++) client.say(carol, `line ${i}`);
    await log.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    const base = log.shadowRoot.querySelector('[part="base"]');
    base.scrollTop = 0;
    await new Promise((r) => setTimeout(r, 50));
    client.say(carol, 'one more');
    await log.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
  });
  await tab.screenshot({ path: `${out}/log-${label}-pill.png` });
  await ctx.close();
}
await browser.close();
console.log(`9 screenshots in ${out}, ${problems} page errors`);
process.exit(problems ? 1 : 0);
