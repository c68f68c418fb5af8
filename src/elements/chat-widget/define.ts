/** Registers `<rt-chat-widget>` and everything it contains. */
import '../chat-room/define.js';
import { RTChatWidget } from './chat-widget.js';

RTChatWidget.define();

declare global {
  interface HTMLElementTagNameMap {
    'rt-chat-widget': RTChatWidget;
  }
}
