/**
 * rtchat: serverless, peer-to-peer, cryptographically verified chat.
 * The core client and the element classes; importing this registers nothing
 * (import `rtchat/define` or load `dist/rtchat.js` for that).
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './elements/index.js';
export { RTChatWidget } from './elements/chat-widget/chat-widget.js';
export { RTWidgetToggleEvent } from './elements/chat-widget/widget-toggle-event.js';
