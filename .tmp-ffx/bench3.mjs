import puppeteer from 'puppeteer-core';
import { chromium } from 'playwright';
import { readFileSync } from 'node:fs';
const src = readFileSync('.tmp-ffx/c.js', 'utf8');
const fn = () => {
  const out = {};
  let t = performance.now();
  for (let cp = 0; cp < 0x10000; cp++) { if (cp >= 0xd800 && cp <= 0xdfff) continue; C.nameSkeleton(String.fromCodePoint(cp)); }
  out.skeleton64k = Math.round(performance.now() - t);
  return out;
};
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
const page = await browser.newPage();
await page.evaluate(src);
console.log('firefox', await page.evaluate(fn));
await browser.close();
const c = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p2 = await c.newPage();
await p2.evaluate((s) => (0, eval)(s + ';window.C = C;'), src);
console.log('chromium', await p2.evaluate(fn));
await c.close();
