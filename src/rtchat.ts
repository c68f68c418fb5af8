/**
 * The drop-in bundle (dist/rtchat.js as a classic script, dist/rtchat.esm.js as a module):
 * registers the elements, exposes the library as `window.RTChat`, and when loaded as
 * `rtchat.js?add` puts a floating chat widget on the page. Query parameters of the script
 * URL configure it: `room`, `name`, `brokers` (space- or comma-separated), `topic`,
 * `ice-servers` (JSON), `auto-accept`, `history` (`share`), and the flags `ask-before-joining` and `no-title-badge`;
 * the `secret` goes in the fragment, `rtchat.js?add&room=x#secret=…`, which the browser never
 * sends to a server. Each page of a site is its own room (`room` names one of several on a
 * page); pages that give the same `topic` share one.
 */
import * as api from './index.js';
import './elements/define.js';
import './elements/chat-widget/define.js';

export * from './index.js';
export { RTChatWidget } from './elements/chat-widget/chat-widget.js';

/** Parameters of the script URL that become widget attributes (a flag without a value, `&no-title-badge`, sets a boolean one). */
const WIDGET_PARAMS = ['room', 'name', 'brokers', 'secret', 'topic', 'ice-servers', 'auto-accept', 'history', 'ask-before-joining', 'no-title-badge'] as const;

/** The script's own URL: a module knows it; a classic script (the IIFE build) asks currentScript. */
function scriptUrl(): URL | null {
  try {
    return new URL(import.meta.url);
  } catch {
    const src = (document.currentScript as HTMLScriptElement | null)?.src;
    return src ? new URL(src) : null;
  }
}

/**
 * Adds a `<rt-chat-widget>` to the page, configured from `params`.
 * @returns the widget element
 * @example RTChat.addWidget(new URLSearchParams('room=lobby'));
 */
export function addWidget(params: URLSearchParams = new URLSearchParams()): HTMLElement {
  const widget = document.createElement('rt-chat-widget');
  for (const name of WIDGET_PARAMS) {
    const value = params.get(name);
    if (value === null) continue;
    // Commas are easier than spaces in a URL.
    widget.setAttribute(name, name === 'brokers' ? value.split(/[\s,]+/).join(' ') : value);
  }
  (document.body ?? document.documentElement).append(widget);
  return widget;
}

/**
 * The widget's settings in a script URL: its query, and `secret` from its #fragment. A
 * `secret` in the query still works, with a console warning: query strings end up in server
 * and CDN logs, fragments are never sent.
 */
function widgetParams(url: URL): URLSearchParams {
  const params = new URLSearchParams(url.search);
  if (params.has('secret')) {
    console.warn(
      "rtchat: the widget's secret is in the script URL's query (?secret=), which servers and CDNs write to their logs. Put it in the fragment instead: rtchat.js?add#secret=…",
    );
  }
  // The fragment wins: it is where the secret belongs.
  const secret = new URLSearchParams(url.hash.slice(1)).get('secret');
  if (secret !== null) params.set('secret', secret);
  return params;
}

const url = scriptUrl();
if (url?.searchParams.has('add')) {
  const params = widgetParams(url);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => addWidget(params), { once: true });
  else addWidget(params);
}

// The module build sets the same global as the classic one (whose bundle name is RTChat).
(globalThis as { RTChat?: unknown }).RTChat ??= { ...api, addWidget };
