/**
 * Test-side helpers to open and drive other pages (tabs, browser contexts, processes).
 * The functions passed to `peerEval` run inside the peer page, so they may only use what
 * that page exposes on `window` (see test/harness/peer-page.ts).
 */
import { executeServerCommand } from '@web/test-runner-commands';

export type PeerMode = 'same-context' | 'new-context' | 'new-process';

/** The browsers the suite runs in; a peer page may be opened in the other one. */
export type BrowserName = 'chromium' | 'firefox';

/**
 * Opens `/test/harness/peer.html` (or `url`) in a new page; returns its handle. `browser`
 * opens it in a new process of that browser (another person in another browser).
 */
export function openPeer(mode: PeerMode = 'new-context', url = '/test/harness/peer.html', look?: PeerLook, browser?: BrowserName): Promise<string> {
  return executeServerCommand<string, { url: string; mode: PeerMode; look?: PeerLook; browser?: BrowserName }>('open-peer', {
    url,
    mode,
    ...(look ? { look } : {}),
    ...(browser ? { browser } : {}),
  });
}

/** The browser this test page runs in. */
export const thisBrowser = (): BrowserName => (navigator.userAgent.includes('Firefox/') ? 'firefox' : 'chromium');

/** Null when `browser` can be launched here, else why not (not installed). */
export async function browserMissing(browser: BrowserName): Promise<string | null> {
  return ((await executeServerCommand('browser-available', { browser })) as { value: string | null }).value;
}

/**
 * Shows this page in a light or dark colour scheme (`prefers-color-scheme`), in Chromium and
 * Firefox alike (`emulateMedia` from @web/test-runner-commands is a CDP command, which
 * Firefox over WebDriver BiDi lacks). Resolves once the page's media query says so.
 */
export async function colorScheme(scheme: 'light' | 'dark'): Promise<void> {
  await executeServerCommand('color-scheme', { scheme });
  const query = matchMedia('(prefers-color-scheme: dark)');
  const end = Date.now() + 5000;
  while (query.matches !== (scheme === 'dark')) {
    if (Date.now() > end) throw new Error(`the page did not turn ${scheme}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** The key chord that selects all text in a field: Meta+a on a Mac, Control+a elsewhere. */
export const selectAllKey = (): string => (navigator.platform.startsWith('Mac') ? 'Meta+a' : 'Control+a');

/** How a new-context peer page looks: its colour scheme and viewport (a phone's, say). */
export interface PeerLook {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

/** Runs `fn(arg)` inside the peer page and resolves with its (JSON-serialisable) result. */
export async function peerEval<A, R>(id: string, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  const wrapped = (await executeServerCommand('peer-eval', { id, fn: fn.toString(), arg: arg ?? null })) as { value: R };
  return wrapped.value;
}

/** Console errors and uncaught page errors the peer page has had so far. */
export async function peerErrors(id: string): Promise<string[]> {
  return ((await executeServerCommand('peer-errors', { id })) as { value: string[] }).value;
}

/**
 * Reloads the peer page and resolves once the new document is ready (its harness loaded).
 * A fixed pause is not enough on a busy machine: a later peerEval could still reach the old
 * document, whose client the reload is about to end.
 */
export async function reloadPeer(id: string, timeoutMs = 20_000): Promise<void> {
  await peerEval(id, () => {
    (window as any).__beforeReload = true;
    setTimeout(() => location.reload(), 10);
  });
  const end = Date.now() + timeoutMs;
  let last: unknown = 'still the old document';
  for (;;) {
    try {
      if (await peerEval(id, () => !(window as any).__beforeReload)) return;
    } catch (e) {
      last = e; // mid-navigation: ask again
    }
    if (Date.now() > end) throw new Error(`peer ${id} did not reload within ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function closePeer(id: string): Promise<boolean> {
  return executeServerCommand('peer-close', { id }) as Promise<boolean>;
}

/** Closes every page this test file opened. Call it in afterEach. */
export function closePeers(): Promise<number> {
  return executeServerCommand('close-peers') as Promise<number>;
}
