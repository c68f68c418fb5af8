/**
 * The whole library as one bundle (dist/rtchat.full.js as a classic script, dist/rtchat.full.esm.js
 * as a module): registers the elements and exports everything, as `window.RTChat` for the
 * classic build. The drop-in script (src/rtchat.ts, dist/rtchat.js) is a small loader that
 * paints the chat button at once and imports this module later (see there).
 */
import * as api from './index.js';
import './elements/define.js';
import './elements/chat-widget/define.js';
import { WIDGET_PARAMS } from './drop-in/widget-params.js';

export * from './index.js';
export { RTChatWidget } from './elements/chat-widget/chat-widget.js';

/**
 * Adds a `<rt-chat-widget>` to the page, configured from `params` (the drop-in script's URL
 * parameters: see src/rtchat.ts).
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

// The module build sets the same global as the classic one (whose bundle name is RTChat);
// after the loader, it fills in the loader's global.
Object.assign(((globalThis as { RTChat?: object }).RTChat ??= {}), { ...api, addWidget });
