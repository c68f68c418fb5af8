/** The DOM events `<rt-chat-room>` fires (bubbling, composed), one class each. */
export { RTConnectionRequestEvent } from './connection-request-event.js';
export { RTPeerConnectedEvent } from './peer-connected-event.js';
export { RTVerifiedEvent } from './verified-event.js';
export { RTVerificationFailedEvent } from './verification-failed-event.js';
export { RTPeerDisconnectedEvent } from './peer-disconnected-event.js';
export { RTChatMessageEvent } from './chat-message-event.js';
export { RTBrokerStatusEvent } from './broker-status-event.js';
