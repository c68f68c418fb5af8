// Finds and launches a stock Firefox for tests, driven over WebDriver BiDi by puppeteer-core
// (no patched build, no geckodriver, no download).
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/snap/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

/** Path of Firefox: `FIREFOX_PATH` first, then the usual install paths; null when there is none. */
export function firefoxPath() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Like firefoxPath, but throws with install advice. */
export function findFirefox() {
  const found = firefoxPath();
  if (found) return found;
  throw new Error(
    process.env.FIREFOX_PATH
      ? `FIREFOX_PATH=${process.env.FIREFOX_PATH} does not exist.`
      : 'No Firefox found. Install one (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) or point FIREFOX_PATH at a Firefox binary.',
  );
}

/** puppeteer-core launch options for Firefox. */
export function firefoxLaunchOptions(executablePath = findFirefox()) {
  return {
    browser: 'firefox',
    executablePath,
    headless: true,
    // Lets the harness reach Firefox's own (privileged) scope over BiDi: the only way to
    // emulate a colour scheme per tab there (see setFirefoxColorScheme). Test browsers only.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      // Host candidates carry the machine's own address instead of an mDNS name (Chromium's
      // --disable-features=WebRtcHideLocalIpsWithMdns), so WebRTC stays on this host.
      ...(process.env.KEEP_MDNS ? {} : { 'media.peerconnection.ice.obfuscate_host_addresses': false }),
      // A desktop with a mouse, as people mostly use Firefox: headless Firefox on Linux sees
      // no pointer and would match (hover: none) and (pointer: none). 6 = fine | hover.
      'ui.primaryPointerCapabilities': 6,
      'ui.allPointerCapabilities': 6,
      // No first-run pages, no updates, no telemetry pings from a test browser.
      'browser.shell.checkDefaultBrowser': false,
      'app.update.disabledForTesting': true,
      'datareporting.policy.dataSubmissionEnabled': false,
    },
  };
}

/**
 * Emulates `prefers-color-scheme` in one Firefox tab (a puppeteer page), as Chromium's
 * Emulation.setEmulatedMedia does: WebDriver BiDi has no command for it in Firefox 153, so
 * this sets the tab's BrowsingContext.prefersColorSchemeOverride (what Firefox's DevTools
 * use) from Firefox's privileged scope. `scheme`: 'light' | 'dark' | null (no override).
 */
export async function setFirefoxColorScheme(page, scheme) {
  const connection = page.browser().connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const chrome = tree.result.contexts[0]?.context;
  if (!chrome) throw new Error('Firefox: no privileged context (launched without --remote-allow-system-access?)');
  const id = page.mainFrame()._id;
  const value = scheme ?? 'none';
  const { result } = await connection.send('script.evaluate', {
    expression: `(() => {
      const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
      const context = NavigableManager.getBrowsingContextById(${JSON.stringify(id)});
      context.prefersColorSchemeOverride = ${JSON.stringify(value)};
      return context.prefersColorSchemeOverride;
    })()`,
    target: { context: chrome },
    awaitPromise: false,
  });
  if (result.type !== 'success' || result.result.value !== value) throw new Error(`Firefox: could not set the colour scheme: ${JSON.stringify(result)}`);
}
