/** The DOM events `<rt-chat-room>` fires (bubbling, composed), one class each. */
export { RTConnectionRequestEvent } from './connection-request-event.js';
export { RTPeerConnectedEvent } from './peer-connected-event.js';
export { RTVerifiedEvent } from './verified-event.js';
export { RTTrustChangeEvent } from './trust-change-event.js';
export { RTVerificationFailedEvent } from './verification-failed-event.js';
export { RTPeerDisconnectedEvent } from './peer-disconnected-event.js';
export { RTChatMessageEvent } from './chat-message-event.js';
export { RTBrokerStatusEvent } from './broker-status-event.js';
export { RTFileReceivedEvent } from './file-received-event.js';
export { RTFileProgressEvent } from './file-progress-event.js';
export { RTReactionEvent } from './reaction-event.js';
export { RTTypingEvent } from './typing-event.js';
export { RTUnreadChangeEvent } from './unread-change-event.js';
export { RTWeakSecretEvent } from './weak-secret-event.js';
export { RTPeerSelectEvent } from './peer-select-event.js';
