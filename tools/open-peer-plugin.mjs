// A @web/test-runner plugin with server commands that let a browser test drive other pages:
//   open-peer   { url, mode: 'same-context' | 'new-context' | 'new-process', look?: { colorScheme, viewport },
//                 browser?: 'chromium' | 'firefox' } -> handle id
//   peer-eval   { id, fn, arg }  runs `(${fn})(arg)` in that page, returns { value: its JSON result }
//   peer-errors { id }           returns { value: console errors and page errors seen so far }
//   peer-close  { id }           closes one page (and its context/process if we made one)
//   close-peers                  closes everything this test session opened
//   color-scheme { scheme }      emulates prefers-color-scheme ('light' | 'dark') in the test page itself
//   browser-available { browser } -> { value: null | why that browser cannot be launched here }
// Pages are opened on the test runner's own origin, so they load test modules like a test does.
// peer-eval waits for a complete document; a page that sets `globalThis.__peerPending` early
// is waited for until its modules set `globalThis.__peerReady = true`.
// Works with both launchers: Playwright (Chromium) and puppeteer-core (Firefox over WebDriver
// BiDi). `browser` opens the page in a new process of that browser, whichever runs the test.
import { chromium } from 'playwright';
import puppeteer from 'puppeteer-core';
import { findChromium } from './chromium.mjs';
import { firefoxLaunchOptions, firefoxPath, setFirefoxColorScheme } from './firefox.mjs';

/** Which browser a test page is: 'firefox' for puppeteer over BiDi, else 'chromium'. */
const kindOf = (session) => (session.browser.type === 'puppeteer' && /firefox/i.test(session.browser.name ?? '') ? 'firefox' : 'chromium');

/**
 * Firefox pages are opened in windows of their own: a tab behind another tab is hidden, and
 * Firefox then stops its animation frames and slows its timers, which a person's page in
 * front never sees (Chromium under Playwright keeps every page visible).
 */
const inWindow = { type: 'window' };

/** Emulates a colour scheme in a page of either kind. */
async function colorScheme(page, kind, scheme) {
  if (kind === 'firefox') await setFirefoxColorScheme(page, scheme);
  else await page.emulateMedia({ colorScheme: scheme });
}

export function openPeerPlugin({ executablePath, args }) {
  /** @type {Map<string, { page: any, owner?: any, session: string }>} */
  const peers = new Map();
  let next = 1;

  async function closeOne(id) {
    const p = peers.get(id);
    if (!p) return false;
    peers.delete(id);
    // The owner (context or browser process) goes with the page; a shared context stays.
    await (p.owner ?? p.page).close().catch(() => {});
    return true;
  }

  return {
    name: 'open-peer',
    async executeCommand({ command, payload, session }) {
      if (command === 'open-peer') {
        const testPage = session.browser.getPage(session.id);
        const mode = payload?.mode ?? 'new-context';
        const kind = kindOf(session);
        const look = payload?.look ?? {};
        let page;
        let owner;
        let pageKind = kind;
        if (payload?.browser && payload.browser !== kind) {
          // Another browser altogether: its own process and profile (another person).
          if (mode !== 'new-context' && mode !== 'new-process') throw new Error(`open-peer: ${payload.browser} cannot share a ${kind} profile`);
          pageKind = payload.browser;
          if (pageKind === 'firefox') owner = await puppeteer.launch(firefoxLaunchOptions());
          else if (pageKind === 'chromium') owner = await chromium.launch({ executablePath: executablePath ?? findChromium(), args });
          else throw new Error(`open-peer: unknown browser ${payload.browser}`);
          page = await owner.newPage();
        } else if (mode === 'same-context') {
          page = kind === 'firefox' ? await testPage.browserContext().newPage(inWindow) : await testPage.context().newPage();
        } else if (mode === 'new-context') {
          // `look`: a colour scheme and a viewport, for pages checked as a person sees them.
          if (kind === 'firefox') {
            owner = await testPage.browser().createBrowserContext();
            page = await owner.newPage(inWindow);
          } else {
            owner = await testPage.context().browser().newContext(look);
            page = await owner.newPage();
          }
        } else if (mode === 'new-process') {
          owner = kind === 'firefox' ? await puppeteer.launch(firefoxLaunchOptions()) : await chromium.launch({ executablePath: executablePath ?? findChromium(), args });
          page = await owner.newPage();
        } else {
          throw new Error(`open-peer: unknown mode ${mode}`);
        }
        // A new Playwright context took `look` when it was made; any other page is given it now.
        const lookTaken = pageKind === 'chromium' && kind === 'chromium' && mode === 'new-context' && !payload?.browser;
        if (!lookTaken && look.viewport) await (pageKind === 'firefox' ? page.setViewport(look.viewport) : page.setViewportSize(look.viewport));
        if (!lookTaken && look.colorScheme) await colorScheme(page, pageKind, look.colorScheme);
        const id = `peer${next++}`;
        const errors = [];
        peers.set(id, { page, owner, kind: pageKind, session: session.id, errors });
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text());
          if (m.type() === 'error' || m.type() === 'warning' || process.env.PEER_LOGS) console.log(`[${id}] ${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => {
          console.log(`[${id}] pageerror: ${e.stack ?? e}`);
          // Firefox reports a WebSocket closed before the page's load event as a page error,
          // even when a script closed it on purpose: our transport does so when a broker
          // refuses MQTT 5 (aedes does) and it connects again with 3.1.1. Nothing failed, so it
          // is logged above but not counted as the page's error.
          if (pageKind === 'firefox' && /^(Error: )?The connection to wss?:\/\/\S+ was interrupted while the page was loading\.?$/.test(String(e.message ?? e))) return;
          errors.push(String(e.stack ?? e));
        });
        const origin = new URL(testPage.url()).origin;
        await page.goto(new URL(payload.url, origin).href);
        return id;
      }
      if (command === 'peer-eval') {
        const p = peers.get(payload.id);
        if (!p) throw new Error(`peer-eval: no peer ${payload.id}`);
        // The function text comes from our own test code, never from the network.
        const run = async () => {
          // Wait for the document to be ready. A page that sets `__peerPending` in an inline
          // script is ready only once its modules set `__peerReady` (after a reload, a plain
          // load-state wait can still see the old document mid-navigation).
          const ready = () => document.readyState === 'complete' && (!globalThis.__peerPending || globalThis.__peerReady === true);
          // Playwright: (fn, arg, options); puppeteer: (fn, options, ...args).
          if (p.kind === 'firefox') await p.page.waitForFunction(ready, { timeout: 20000, polling: 50 });
          else await p.page.waitForFunction(ready, null, { timeout: 20000 });
          return p.page.evaluate(({ fn, arg }) => (0, eval)(`(${fn})`)(arg), { fn: payload.fn, arg: payload.arg ?? null });
        };
        let result;
        try {
          result = await run();
        } catch (e) {
          // The page navigated while we ran (a test-triggered reload): once more on the new document.
          if (!/Execution context was destroyed|navigation|navigated|context.*(discarded|destroyed)|no such (frame|realm)/i.test(String(e))) throw e;
          result = await run();
        }
        // Wrapped: a bare undefined/null would tell the runner "command not handled".
        return { value: result ?? null };
      }
      if (command === 'peer-errors') {
        const p = peers.get(payload.id);
        if (!p) throw new Error(`peer-errors: no peer ${payload.id}`);
        return { value: [...p.errors] };
      }
      if (command === 'peer-close') return closeOne(payload.id);
      if (command === 'color-scheme') {
        await colorScheme(session.browser.getPage(session.id), kindOf(session), payload?.scheme ?? null);
        return true;
      }
      if (command === 'browser-available') {
        const which = payload?.browser;
        let why = null;
        if (which === 'firefox' && !firefoxPath()) why = 'no Firefox installed (Debian: apt-get install firefox-esr, or set FIREFOX_PATH)';
        if (which === 'chromium') {
          try {
            findChromium();
          } catch (e) {
            why = String(e.message ?? e);
          }
        }
        // In CI (CI set) both browsers are installed: a missing one fails the test, never skips it.
        return { value: process.env.CI ? null : why };
      }
      if (command === 'close-peers') {
        const mine = [...peers].filter(([, p]) => p.session === session.id).map(([id]) => id);
        await Promise.all(mine.map(closeOne));
        return mine.length;
      }
    },
    async serverStop() {
      await Promise.all([...peers.keys()].map(closeOne));
    },
  };
}
