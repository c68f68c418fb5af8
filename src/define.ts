/** Registers every element: `<rt-chat-room>`, `<rt-peer-list>`, `<rt-message-log>`, `<rt-chat-widget>`. */
import './elements/define.js';
import './elements/chat-widget/define.js';
