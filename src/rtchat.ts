/**
 * The drop-in script (dist/rtchat.js as a classic script, dist/rtchat.esm.js as a module): a
 * small loader. Loaded as `rtchat.js?add` it paints the chat button at once and loads the rest
 * of rtchat (dist/rtchat.full.esm.js, beside it) later; without `add` it loads the rest at once.
 *
 * Query parameters of the script URL configure the widget: `room`, `name`, `brokers` (space-
 * or comma-separated), `topic`, `ice-servers` (JSON), `auto-accept`, `history` (`share`), and the flags
 * `ask-before-joining` and `no-title-badge`; the `secret` goes in the fragment,
 * `rtchat.js?add&room=x#secret=…`, which the browser never sends to a server. Each page of a
 * site is its own room (`room` names one of several on a page); pages that give the same
 * `topic` share one.
 *
 * **When the rest loads, and so when the connection starts.** The button is drawn from this
 * script alone (`<rt-chat-launcher>`: no lit, no library). The rest of rtchat (lit, the
 * elements, the client, mqtt.js) is imported, and the widget replaces the button and joins
 * the room, at the first of:
 * - the visitor points at, focuses or presses the button (pressed: the panel opens once it is there);
 * - the browser is idle after the page's `load` event (`requestIdleCallback`, at most
 *   {@link IDLE_TIMEOUT_MS} later).
 *
 * So the page's own load and first paint never wait for rtchat, and the room is joined soon
 * after, while the visitor reads: messages and connection requests that arrive then are
 * counted on the button as before (a badge needs the connection, and the connection needs the
 * library).
 *
 * `window.RTChat` holds {@link load} and {@link addWidget} at once, and everything else the
 * library exports once it has loaded (`await RTChat.load()` gives the same). Pages that want
 * the whole library synchronously load dist/rtchat.full.js (classic) or import
 * dist/rtchat.full.esm.js instead.
 */
import type * as Library from './rtchat-full.js';
import { RTChatLauncher } from './drop-in/launcher.js';

/** What {@link load} resolves to: everything dist/rtchat.full.esm.js exports. */
export type RTChatLibrary = typeof Library;

/** The longest the rest waits for an idle moment after the page's `load` event. */
export const IDLE_TIMEOUT_MS = 2000;

/** The script's own URL: a module knows it; a classic script (the IIFE build) asks currentScript. */
function scriptUrl(): URL | null {
  if (typeof document === 'undefined') return null; // on a server: no script tag, no widget
  try {
    return new URL(import.meta.url);
  } catch {
    const src = (document.currentScript as HTMLScriptElement | null)?.src;
    return src ? new URL(src) : null;
  }
}

// Read while the script runs: document.currentScript is null later.
const url = scriptUrl();

/** The rest of the library: beside this script, or its TypeScript source when served from src/ (`npm start`). */
const libraryUrl = (): string => new URL(url?.pathname.endsWith('.ts') ? './rtchat-full.ts' : './rtchat.full.esm.js', url ?? document.baseURI).href;

let loading: Promise<RTChatLibrary> | undefined;

/**
 * Loads the rest of rtchat once (the elements, the client: everything dist/rtchat.full.esm.js
 * exports), registers its elements and fills in `window.RTChat`.
 * @returns the library's exports
 * @example const { RTChatClient } = await RTChat.load();
 */
export function load(): Promise<RTChatLibrary> {
  loading ??= (import(/* webpackIgnore: true */ libraryUrl()) as Promise<RTChatLibrary>).catch((err: unknown) => {
    // A failed fetch (offline, a deploy in between) may work on the next try.
    loading = undefined;
    throw err;
  });
  return loading;
}

/** Runs `fn` once the page has loaded and the browser is idle (or {@link IDLE_TIMEOUT_MS} after the load event). */
function whenIdle(fn: () => void): void {
  const idle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS }) : setTimeout(fn, 0));
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}

/**
 * Puts the chat button on the page at once and the widget, configured from `params`, in its
 * place once the rest of rtchat has loaded (see this module's comment for when).
 * @returns the button (`<rt-chat-launcher>`); `document.querySelector('rt-chat-widget')` finds the widget once it is there
 * @example RTChat.addWidget(new URLSearchParams('room=lobby'));
 */
export function addWidget(params: URLSearchParams = new URLSearchParams()): HTMLElement {
  RTChatLauncher.define();
  const launcher = document.createElement('rt-chat-launcher');
  let open = false;
  let swapped = false;
  const swap = () => {
    load().then(
      (lib) => {
        // Taken off the page meanwhile, or already replaced.
        if (swapped || !launcher.isConnected) return;
        swapped = true;
        const widget = lib.addWidget(params) as InstanceType<RTChatLibrary['RTChatWidget']>;
        const focused = launcher.focused;
        if (open) widget.open = true;
        // The widget draws its button in the same place: take the placeholder away once it has.
        void widget.updateComplete.then(() => {
          launcher.remove();
          if (focused && !open) widget.shadowRoot?.querySelector<HTMLElement>('[part="toggle"]')?.focus();
        });
      },
      (err: unknown) => console.error('rtchat: could not load the chat', err),
    );
  };
  launcher.addEventListener('launch', (e) => {
    open ||= (e as CustomEvent<{ open: boolean }>).detail.open;
    swap();
  });
  (document.body ?? document.documentElement).append(launcher);
  whenIdle(swap);
  return launcher;
}

/**
 * The widget's settings in a script URL: its query, and `secret` from its #fragment. A
 * `secret` in the query still works, with a console warning: query strings end up in server
 * and CDN logs, fragments are never sent.
 */
function widgetParams(scriptUrl: URL): URLSearchParams {
  const params = new URLSearchParams(scriptUrl.search);
  if (params.has('secret')) {
    console.warn(
      "rtchat: the widget's secret is in the script URL's query (?secret=), which servers and CDNs write to their logs. Put it in the fragment instead: rtchat.js?add#secret=…",
    );
  }
  // The fragment wins: it is where the secret belongs.
  const secret = new URLSearchParams(scriptUrl.hash.slice(1)).get('secret');
  if (secret !== null) params.set('secret', secret);
  return params;
}

// The module build sets the same global as the classic one (whose bundle name is RTChat); the
// library fills in the rest when it loads.
Object.assign(((globalThis as { RTChat?: object }).RTChat ??= {}), { load, addWidget });

if (typeof document === 'undefined') {
  // Imported on a server (server-side rendering): nothing to paint, nothing to load.
} else if (url?.searchParams.has('add')) {
  const params = widgetParams(url);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => addWidget(params), { once: true });
  else addWidget(params);
} else {
  // A page that loads the script without `add` uses the elements or the API: load it all now.
  void load().catch((err: unknown) => console.error('rtchat: could not load', err));
}
