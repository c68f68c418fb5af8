import puppeteer from 'puppeteer-core';
import { chromium } from 'playwright';
const fn = () => {
  const out = {};
  let t = performance.now();
  for (let cp = 0; cp < 0x40000; cp++) { if (cp >= 0xd800 && cp <= 0xdfff) continue; String.fromCodePoint(cp).normalize('NFD').normalize('NFKC').normalize('NFD'); }
  out.normalize = Math.round(performance.now() - t);
  const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\0-\x08\x0E-\x1F\x7F-\x9F]/gu;
  const MARKS = /[\p{Mn}\p{Me}\p{Cf}]/gu;
  t = performance.now();
  for (let cp = 0; cp < 0x40000; cp++) { if (cp >= 0xd800 && cp <= 0xdfff) continue; String.fromCodePoint(cp).replace(INVISIBLE, '').replace(MARKS, '').replace(/[\s\u2800]+/gu, ' ').trim(); }
  out.regex = Math.round(performance.now() - t);
  return out;
};
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
const page = await browser.newPage();
console.log('firefox', await page.evaluate(fn));
await browser.close();
const c = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p2 = await c.newPage();
console.log('chromium', await p2.evaluate(fn));
await c.close();
