/**
 * Test-side helpers to open and drive other pages (tabs, browser contexts, processes).
 * The functions passed to `peerEval` run inside the peer page, so they may only use what
 * that page exposes on `window` (see test/harness/peer-page.ts).
 */
import { executeServerCommand } from '@web/test-runner-commands';

export type PeerMode = 'same-context' | 'new-context' | 'new-process';

/** Opens `/test/harness/peer.html` (or `url`) in a new page; returns its handle. */
export function openPeer(mode: PeerMode = 'new-context', url = '/test/harness/peer.html', look?: PeerLook): Promise<string> {
  return executeServerCommand<string, { url: string; mode: PeerMode; look?: PeerLook }>('open-peer', { url, mode, ...(look ? { look } : {}) });
}

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
