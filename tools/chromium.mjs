// Finds a Chromium/Chrome binary for tests, benchmarks and screenshots.
// Never downloads one: browser downloads fail on machines without internet.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Path of the browser: `CHROME_PATH` first, then the usual install paths. Throws with install advice. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH=${fromEnv} does not exist.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error('No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' + 'or point CHROME_PATH at a Chrome/Chromium binary.');
}

/** Launch flags: quiet, offline-safe, and real host IPs in ICE candidates instead of mDNS names. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Host candidates carry the machine's own address, so WebRTC traffic stays on this host
  // and Chromium sends no multicast mDNS queries out of the interface.
  ...(process.env.KEEP_MDNS ? [] : ['--disable-features=WebRtcHideLocalIpsWithMdns']),
];
