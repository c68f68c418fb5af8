import puppeteer from 'puppeteer-core';
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
const page = await browser.newPage();
const r = await page.evaluate(() => {
  const out = {};
  for (const cap of [1024, 8192]) {
    const m = new Map();
    const t = performance.now();
    for (let i = 0; i < 200000; i++) {
      if (m.size >= cap) { const f = m.keys().next(); m.delete(f.value); }
      m.set('k' + i, i);
    }
    out['evict ' + cap] = Math.round(performance.now() - t);
  }
  return out;
});
console.log(r);
await browser.close();
